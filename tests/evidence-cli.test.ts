import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { TINY_SEED, TINY_TEXT } from './helpers.js';

const run = promisify(execFile);
const cli = ['--import', 'tsx', 'src/cli/evidence.ts'];

async function evidence(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [...cli, ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string };
    return { code: failure.code, stdout: failure.stdout };
  }
}

describe('npm run verify-evidence', () => {
  it('confirms every quote and offset of a source and its hash', async () => {
    const { code, stdout } = await evidence(['verify', '--source', TINY_TEXT, '--seed', TINY_SEED]);
    expect(code).toBe(0);
    expect(stdout).toContain('✓ SHA-256 and length match the seed');
    expect(stdout).toContain('✓ 36 of 36 quotes are verbatim and every offset is exact');
  });

  it('fails and names each mismatch when the text differs', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-text-'));
    const changed = path.join(dir, 'tiny.txt');
    await writeFile(changed, (await readFile(TINY_TEXT, 'utf8')).replace('Carol Third', 'Karol Third'));
    const { code, stdout } = await evidence(['verify', '--source', changed, '--seed', TINY_SEED, '--id', 'Source:tiny']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ .*graph\.json › sources\[0\] \(Source:tiny\): sha256 .* does not match the given text/);
    expect(stdout).toMatch(/✗ .*graph\.json › entities\[4\] \(Person:carol-third\): quote "Carol Third" does not match the text at \[180, 191\), which reads "Karol Third"/);
  });
});

describe('npm run locate-evidence', () => {
  it('fills in the offsets of quotes that have none', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    await cp(TINY_SEED, dir, { recursive: true });
    const file = path.join(dir, 'graph.json');
    const graph = JSON.parse(await readFile(file, 'utf8'));
    delete graph.relationships[2].evidence[0].start;
    delete graph.relationships[2].evidence[0].end;
    await writeFile(file, JSON.stringify(graph));
    const { code, stdout } = await evidence(['locate', '--source', TINY_TEXT, '--seed', dir]);
    expect(code).toBe(0);
    expect(stdout).toContain('Filled offsets for 1 evidence item of Source:tiny; 0 not found.');
    const located = JSON.parse(await readFile(file, 'utf8')).relationships[2].evidence[0];
    expect(located).toMatchObject({ quote: 'Carol Third signed it too, for Freedonia', start: 180, end: 220 });
  });
});
