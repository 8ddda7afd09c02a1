import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { generateGraph } from '../bench/generate-graph.js';
import { countLines, lineStartFrom, readLines } from '../src/store/ndjson-lines.js';
import { readRelationshipsApart, splitRelationshipFiles } from '../src/store/parallel-relationships.js';
import { RelationshipTableBuilder } from '../src/store/relationship-table.js';
import { readRelationshipBatch, type RelationshipBatch } from '../src/store/relationship-batch.js';
import { loadSeed, SeedBuilder, SeedError, type SeedGraph } from '../src/store/seed.js';

/**
 * Relationship files read apart (on a worker, and the rest on the main thread) must give exactly
 * what the serial path gives: the same edge table and version for a good seed, the same problems
 * for a bad one. Generated graphs of a few thousand relationships, with every kind of problem put
 * near the start (the worker's part) and near the end (the main thread's part).
 */

let generated: string;
let lines: string[];
beforeAll(async () => {
  generated = await mkdtemp(path.join(tmpdir(), 'entente-parallel-'));
  await generateGraph(2000, generated, 7);
  lines = (await readFile(path.join(generated, 'graph.relationships.ndjson'), 'utf8')).split('\n').filter((line) => line !== '');
}, 60_000);

afterEach(() => {
  vi.restoreAllMocks();
});

/** A seed folder with the generated sources and entities and the given relationship files. */
async function seedWith(relationshipFiles: Record<string, string[]>, entityLines?: (lines: string[]) => string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'entente-parallel-'));
  await copyFile(path.join(generated, 'graph.sources.ndjson'), path.join(dir, 'graph.sources.ndjson'));
  const entities = (await readFile(path.join(generated, 'graph.entities.ndjson'), 'utf8')).split('\n');
  await writeFile(path.join(dir, 'graph.entities.ndjson'), (entityLines ? entityLines(entities) : entities).join('\n'));
  for (const [name, content] of Object.entries(relationshipFiles)) await writeFile(path.join(dir, `${name}.relationships.ndjson`), `${content.join('\n')}\n`);
  return dir;
}

/** Everything a graph holds, as plain data to compare. */
function snapshot(graph: SeedGraph): unknown {
  const edges = [];
  for (let row = 0; row < graph.edges.length; row++) {
    const edge = graph.edges.edge(row);
    edges.push({
      id: edge.id,
      type: edge.type,
      from: edge.fromId,
      to: edge.toId,
      properties: graph.edges.propertiesOf(row) ?? null,
      evidence: edge.evidence.map((e) => ({ ...e, method: e.method, reason: e.reason, reference: e.reference, modality: e.modality, speakerId: e.speakerId })),
    });
  }
  return { version: graph.version, entities: JSON.stringify(graph.entities), edges };
}

/** Loads a folder both ways: the graph or the problems, from the parallel and the serial path, and whether the parallel path kept its batches. */
async function loadBothWays(dir: string): Promise<{ parallel: unknown; serial: unknown; adopted: boolean }> {
  const adopt = vi.spyOn(SeedBuilder.prototype, 'adoptRelationships');
  const outcome = (graph: Promise<SeedGraph>) =>
    graph.then(snapshot, (error: unknown) => {
      expect(error).toBeInstanceOf(SeedError);
      return (error as SeedError).message;
    });
  const parallel = await outcome(loadSeed(dir, { parallelFromBytes: 0 }));
  const adopted = adopt.mock.results.some((result) => result.value === true);
  adopt.mockRestore();
  const serial = await outcome(loadSeed(dir, { parallelFromBytes: Infinity }));
  return { parallel, serial, adopted };
}

const edit = (line: string, change: (record: any) => void): string => {
  const record = JSON.parse(line);
  change(record);
  return JSON.stringify(record);
};
const firstOfType = (type: string) => lines.findIndex((line) => JSON.parse(line).type === type);
const lastOfType = (type: string) => lines.findLastIndex((line) => JSON.parse(line).type === type);

describe('relationships read apart', () => {
  it('build exactly the graph the serial path builds, and keep the batches', async () => {
    const { parallel, serial, adopted } = await loadBothWays(await seedWith({ graph: lines }));
    expect(adopted).toBe(true);
    expect(parallel).toEqual(serial);
    expect((serial as { edges: unknown[] }).edges).toHaveLength(lines.length);
  });

  it('keep evidence details, non-Latin-1 quotes, blank lines and several files as the serial path does', async () => {
    const varied = lines.map((line, i) =>
      i % 7 === 1
        ? edit(line, (r) => Object.assign(r.evidence[0], { method: 'INFERRED', reason: 'Read between the lines.' }))
        : i % 7 === 2
          ? edit(line, (r) => Object.assign(r.evidence[0], { method: 'EXTERNAL', reference: 'https://example.org/a' }))
          : i % 7 === 3
            ? edit(line, (r) => Object.assign(r.evidence[0], { modality: 'REPORTED_SPEECH', speaker: 'Person:person-1' }))
            : i % 7 === 4
              ? edit(line, (r) => Object.assign(r.evidence[0], { quote: `€${r.evidence[0].quote.slice(1)}` }))
              : i % 7 === 5
                ? `${line}\n`
                : line,
    );
    const half = Math.floor(varied.length / 2);
    const { parallel, serial, adopted } = await loadBothWays(await seedWith({ a: varied.slice(0, half), b: varied.slice(half) }));
    expect(adopted).toBe(true);
    expect(parallel).toEqual(serial);
  });

  const early = 5;
  const late = () => lines.length - 5;
  const problems: Array<[name: string, expected: RegExp, change: (lines: string[]) => string[]]> = [
    ['a line that is not JSON', /is not valid JSON/, (l) => l.map((line, i) => (i === early || i === late() ? '{"type": ' : line))],
    ['an unknown key', /unknown key "extra"/, (l) => l.map((line, i) => (i === early || i === late() ? edit(line, (r) => (r.extra = 1)) : line))],
    ['an unknown type', /unknown relationship type/, (l) => l.map((line, i) => (i === late() ? edit(line, (r) => (r.type = 'LIKES')) : line))],
    ['an end of the wrong type', /cannot start at a Source/, (l) => l.map((line, i) => (i === early ? edit(line, (r) => (r.from = 'Source:synthetic-0')) : line))],
    ['a dangling end', /does not refer to an entity/, (l) => l.map((line, i) => (i === early || i === late() ? edit(line, (r) => (r.to = r.to.replace(/-[^-]+$/, '-999999'))) : line))],
    ['a relationship to itself', /cannot link an entity to itself/, (l) => l.map((line, i) => (i === late() ? edit(line, (r) => (r.to = r.from)) : line))],
    ['a duplicate in the other part', /duplicate relationship/, (l) => [...l, l[early]!]],
    ['a duplicate within a part', /duplicate relationship/, (l) => [...l.slice(0, 10), l[early]!, ...l.slice(10)]],
    [
      'a symmetric duplicate the other way round, in the other part',
      /duplicate relationship/,
      (l) => [...l, edit(l[firstOfType('COUNTERPART_OF')]!, (r) => ([r.from, r.to] = [r.to, r.from]))],
    ],
    ['evidence citing an entity as its source', /is not the id of a source/, (l) => l.map((line, i) => (i === late() ? edit(line, (r) => (r.evidence[0].source = 'Person:person-1')) : line))],
    [
      'evidence past the end of its source',
      /lies past the end/,
      (l) =>
        l.map((line, i) =>
          i === early
            ? edit(line, (r) => {
                r.evidence[0].start = 10_000_000;
                r.evidence[0].end = 10_000_000 + r.evidence[0].quote.length;
              })
            : line,
        ),
    ],
    ['a quote that does not fit its offsets', /characters long but its offsets/, (l) => l.map((line, i) => (i === late() ? edit(line, (r) => (r.evidence[0].quote += 'x')) : line))],
    ['no evidence', /evidence is missing/, (l) => l.map((line, i) => (i === early ? edit(line, (r) => (r.evidence = [])) : line))],
    ['onBehalfOf that is not a country', /"onBehalfOf" .* is not the id of a country/, (l) => l.map((line, i) => (i === lastOfType('SIGNED') ? edit(line, (r) => (r.onBehalfOf = 'Person:person-1')) : line))],
    ['a property the type does not have', /has no property "ordinal"/, (l) => l.map((line, i) => (i === firstOfType('SIGNED') ? edit(line, (r) => (r.ordinal = 1)) : line))],
    [
      'reported speech by someone who is not a person',
      /"speaker" must be the id of a person/,
      (l) => l.map((line, i) => (i === late() ? edit(line, (r) => Object.assign(r.evidence[0], { modality: 'REPORTED_SPEECH', speaker: 'Country:c-ad' })) : line)),
    ],
  ];
  for (const [name, expected, change] of problems) {
    it(`name ${name} exactly as the serial path does`, async () => {
      const { parallel, serial, adopted } = await loadBothWays(await seedWith({ graph: change(lines) }));
      expect(adopted).toBe(false);
      expect(serial).toMatch(expected);
      expect(parallel).toBe(serial);
    });
  }

  it('leave a seed whose entities have problems to the serial path', async () => {
    const dir = await seedWith({ graph: lines }, (entities) => entities.map((line, i) => (i === 3 ? edit(line, (r) => (r.name = '')) : line)));
    const { parallel, serial, adopted } = await loadBothWays(dir);
    expect(adopted).toBe(false);
    expect(serial).toMatch(/"name" must be a non-empty string/);
    expect(parallel).toBe(serial);
  });
});

/** A batch as plain data: its rows with ends as batch numbers, their evidence, and what it asks of the entities. */
function summary(batch: RelationshipBatch): unknown {
  const table = RelationshipTableBuilder.build(batch.builder.columns, batch.sources.map((source) => source.id));
  const rows = [];
  for (let row = 0; row < table.length; row++) rows.push([table.typeCodeOf(row), table.fromOf(row), table.toOf(row), table.propertiesOf(row), table.evidenceOf(row)]);
  return { ends: batch.ends, sources: batch.sources, countries: batch.countries, speakers: batch.speakers, records: batch.records, rows };
}

describe('the relationship worker', () => {
  it('reads the same batch as the main thread would', async () => {
    const file = path.join(generated, 'graph.relationships.ndjson');
    const { apart, here } = await splitRelationshipFiles([file], 0.5);
    expect(here[0]!.start).toBe(apart[0]!.end);
    const reader = readRelationshipsApart(apart, {});
    const fromWorker = await reader.batch;
    await reader.stop();
    expect(fromWorker).not.toBeNull();
    expect(summary(fromWorker!)).toEqual(summary((await readRelationshipBatch(apart))!));
  });

  it('answers null once stopped', async () => {
    const reader = readRelationshipsApart([{ path: path.join(generated, 'graph.relationships.ndjson'), start: 0, end: Infinity }], {});
    await reader.stop();
    expect(await reader.batch).toBeNull();
  });
});

describe('line ranges', () => {
  it('split a file at line starts, so that its ranges read every line once', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-lines-'));
    const file = path.join(dir, 'x.ndjson');
    const content = 'a\n\nbc\r\n€d\nlast';
    await writeFile(file, content);
    const size = Buffer.byteLength(content);
    const read = async (start: number, end: number) => {
      const found: string[] = [];
      await readLines(file, (line) => found.push(line) > 0, { start, end });
      return found;
    };
    for (let offset = 0; offset <= size; offset++) {
      const cut = await lineStartFrom(file, offset);
      expect(cut).toBeGreaterThanOrEqual(offset);
      expect(cut === 0 || cut === size || content.slice(0, Buffer.from(content).subarray(0, cut).toString().length).endsWith('\n')).toBe(true);
      expect([...(await read(0, cut)), ...(await read(cut, size))]).toEqual(content.split('\n'));
    }
  });

  it('are counted, a last line without a newline included', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-lines-'));
    const counts = [];
    for (const [name, content] of Object.entries({ a: '', b: 'x', c: 'x\n', d: 'x\n\ny', e: `${'z'.repeat(3 << 20)}\n\n` })) {
      await writeFile(path.join(dir, name), content);
      counts.push(await countLines(path.join(dir, name)));
    }
    expect(counts).toEqual([0, 1, 1, 3, 2]);
  });
});
