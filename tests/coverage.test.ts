import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { graphOn, type TestGraph } from './helpers.js';

const run = promisify(execFile);
const SEED = fileURLToPath(new URL('./fixtures/coverage/seed/', import.meta.url));
const TEXT = fileURLToPath(new URL('./fixtures/coverage/source.txt', import.meta.url));

async function coverage(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/cli/coverage.ts', ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string };
    return { code: failure.code, stdout: failure.stdout };
  }
}

/** A copy of the fixture seed with a change made to its one file; returns the folder. */
async function seedWith(change: (graph: any) => void): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'entente-coverage-'));
  await cp(SEED, dir, { recursive: true });
  const file = path.join(dir, 'graph.json');
  const graph = JSON.parse(await readFile(file, 'utf8'));
  change(graph);
  await writeFile(file, JSON.stringify(graph));
  return dir;
}

describe('npm run coverage', () => {
  it('accounts for every sentence: its facts, or the reason it is not modelled', async () => {
    const { code, stdout } = await coverage(['--source', TEXT, '--seed', SEED]);
    expect(code).toBe(0);
    expect(stdout).toContain('Source Source:springfield-report: 5 sentences');
    expect(stdout).toContain('  [2] 37–55 "Share this article"\n      not modelled: A link to share the page, not part of the report.\n');
    expect(stdout).toContain(
      '  [4] 127–169 "The accord covers robotics and automation."\n' +
        '      MENTION      Agreement:springfield-accord  EXTRACTED "The accord"\n' +
        '      RELATIONSHIP Agreement:springfield-accord COVERS Topic:robotics  EXTRACTED "The accord covers robotics"\n' +
        '      RELATIONSHIP Agreement:springfield-accord COVERS Topic:automation  EXTRACTED "The accord covers robotics and automation"\n' +
        '      MENTION      Topic:robotics  EXTRACTED "robotics"\n' +
        '      RELATIONSHIP Topic:automation BROADER_THAN Topic:robotics  EDITORIAL "robotics and automation"\n' +
        '      MENTION      Topic:automation  EXTRACTED "automation"\n',
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('coverage: 3/5 sentences covered, 2 declared not modelled, 0 unexplained');
  });

  it('fails on a sentence with no fact and no declared reason, and names it', async () => {
    const seed = await seedWith((g) => g.sources[0].notModelled.pop());
    const { code, stdout } = await coverage(['--source', TEXT, '--seed', seed]);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ [5] 170–203 "Experts say the weather was fine."\n      unexplained: no fact has evidence here and no reason is declared\n');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('coverage: 3/5 sentences covered, 1 declared not modelled, 1 unexplained');
  });

  it('reports a declared reason for a sentence that has facts as stale, and fails', async () => {
    const seed = await seedWith((g) =>
      g.sources[0].notModelled.push({ start: 127, end: 169, quote: 'The accord covers robotics and automation.', reason: 'Thought to say nothing.' }),
    );
    const { code, stdout } = await coverage(['--source', TEXT, '--seed', seed]);
    expect(code).toBe(1);
    expect(stdout).toContain(
      '! [4] 127–169 "The accord covers robotics and automation."\n      stale: declared not modelled ("Thought to say nothing.") yet it has 6 fact(s); remove the declaration\n',
    );
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('coverage: 3/5 sentences covered, 2 declared not modelled, 0 unexplained, 1 stale declaration');
  });

  it('fails when the seed records other sentence spans than the text has, and --write records them', async () => {
    const seed = await seedWith((g) => {
      delete g.sources[0].sentences;
      g.sources[0].notModelled = [];
      g.relationships = g.relationships.filter((r: any) => r.type === 'SIGNED');
    });
    const before = await coverage(['--source', TEXT, '--seed', seed]);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain(
      '✗ the seed records 0 sentence spans for Source:springfield-report, not the text\'s 5 as above: Source.coverage would answer with stale spans; run with --write',
    );
    const written = await coverage(['--source', TEXT, '--seed', seed, '--write']);
    expect(written.stdout).toContain('Recorded 5 sentence spans of Source:springfield-report in ');
    expect(JSON.parse(await readFile(path.join(seed, 'graph.json'), 'utf8')).sources[0].sentences).toEqual([
      { start: 0, end: 35 },
      { start: 37, end: 55 },
      { start: 57, end: 126 },
      { start: 127, end: 169 },
      { start: 170, end: 203 },
    ]);
    // The spans are right now; the two sentences without facts or reasons are what is left to do.
    expect(written.code).toBe(1);
    expect(written.stdout.trimEnd().split('\n').at(-1)).toBe('coverage: 3/5 sentences covered, 0 declared not modelled, 2 unexplained');
  });

  it('fails, naming the declaration, when a declared sentence does not read as the text does', async () => {
    const seed = await seedWith((g) => (g.sources[0].notModelled[0].quote = 'Share this artikel'));
    const { code, stdout } = await coverage(['--source', TEXT, '--seed', seed]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /✗ .*graph\.json › sources\[0\] \(Source:springfield-report\): notModelled\[0\]\.quote "Share this artikel" does not match the text at \[37, 55\), which reads "Share this article"/,
    );
  });
});

describe('Source.coverage', () => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await graphOn(SEED);
  });

  it('answers the sentences by offsets, with their facts or declared reason, from the spans the seed records', async () => {
    const data = await graph.data(`{
      node(id: "Source:springfield-report") {
        ... on Source {
          coverage {
            sentenceCount coveredCount notModelledCount unexplainedCount staleCount
            sentences { start end status reason facts { kind attribute subject { id } evidence { quote method } } }
          }
        }
      }
    }`);
    const fact = (kind: string, subject: string, quote: string, method = 'EXTRACTED', attribute: string | null = null) => ({ kind, attribute, subject: { id: subject }, evidence: { quote, method } });
    expect(data).toEqual({
      node: {
        coverage: {
          sentenceCount: 5,
          coveredCount: 3,
          notModelledCount: 2,
          unexplainedCount: 0,
          staleCount: 0,
          sentences: [
            {
              start: 0,
              end: 35,
              status: 'COVERED',
              reason: null,
              facts: [
                // Facts on the same span come by kind: ATTRIBUTE before MENTION.
                fact('ATTRIBUTE', 'Source:springfield-report', 'Springfield signs a robotics accord', 'EXTRACTED', 'title'),
                fact('MENTION', 'Source:springfield-report', 'Springfield signs a robotics accord'),
              ],
            },
            { start: 37, end: 55, status: 'NOT_MODELLED', reason: 'A link to share the page, not part of the report.', facts: [] },
            {
              start: 57,
              end: 126,
              status: 'COVERED',
              reason: null,
              facts: [
                fact('MENTION', 'Place:springfield', 'Springfield'),
                fact('MENTION', 'Person:alice-example', 'Alice Example'),
                fact('RELATIONSHIP', 'Relationship:Person:alice-example>SIGNED>Agreement:springfield-accord', 'Alice Example signed the Springfield Accord'),
                fact('DATE', 'Source:springfield-report', 'signed the Springfield Accord', 'INFERRED', 'publishedOn'),
                fact('ATTRIBUTE', 'Agreement:springfield-accord', 'the Springfield Accord', 'EDITORIAL', 'kind'),
                fact('MENTION', 'Agreement:springfield-accord', 'the Springfield Accord'),
              ],
            },
            {
              start: 127,
              end: 169,
              status: 'COVERED',
              reason: null,
              facts: [
                fact('MENTION', 'Agreement:springfield-accord', 'The accord'),
                fact('RELATIONSHIP', 'Relationship:Agreement:springfield-accord>COVERS>Topic:robotics', 'The accord covers robotics'),
                fact('RELATIONSHIP', 'Relationship:Agreement:springfield-accord>COVERS>Topic:automation', 'The accord covers robotics and automation'),
                fact('MENTION', 'Topic:robotics', 'robotics'),
                fact('RELATIONSHIP', 'Relationship:Topic:automation>BROADER_THAN>Topic:robotics', 'robotics and automation', 'EDITORIAL'),
                fact('MENTION', 'Topic:automation', 'automation'),
              ],
            },
            { start: 170, end: 203, status: 'NOT_MODELLED', reason: 'Small talk that names nothing in the graph.', facts: [] },
          ],
        },
      },
    });
  });

  it('lists only the sentences of the statuses asked for, and counts all of them', async () => {
    const data = await graph.data(`{
      node(id: "Source:springfield-report") {
        ... on Source { coverage { sentenceCount sentences(status: [NOT_MODELLED, UNEXPLAINED]) { start end status reason } } }
      }
    }`);
    expect(data).toEqual({
      node: {
        coverage: {
          sentenceCount: 5,
          sentences: [
            { start: 37, end: 55, status: 'NOT_MODELLED', reason: 'A link to share the page, not part of the report.' },
            { start: 170, end: 203, status: 'NOT_MODELLED', reason: 'Small talk that names nothing in the graph.' },
          ],
        },
      },
    });
  });

  it('is null for a source whose sentences the seed does not record', async () => {
    const bare = await graphOn(
      await seedWith((g) => {
        delete g.sources[0].sentences;
        delete g.sources[0].notModelled;
      }),
    );
    expect(await bare.data('{ node(id: "Source:springfield-report") { ... on Source { coverage { sentenceCount } } } }')).toEqual({ node: { coverage: null } });
  });
});
