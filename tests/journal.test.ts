import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../src/auth/keys.js';
import { JournalError } from '../src/store/journal-file.js';
import { LiveMemoryStore } from '../src/store/live-memory-store.js';
import { TINY_SEED, TINY_TEXT } from './helpers.js';
import { KEYS, livingGraph, STORES, tinyEvidence, tinyTexts } from './curation/living.js';
import { createTestDatabase } from './postgres/databases.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TEXT = readFileSync(TINY_TEXT, 'utf8');

/** An addEntities mutation of two people at once: the SIGKILL test checks they are there together or not at all. */
const ADD_PAIR = `mutation Pair($entities: [EntityInput!]!) { addEntities(input: { entities: $entities, reason: "crash test" }) { change { sequence } userErrors { message } } }`;

function pair(i: number): Array<Record<string, unknown>> {
  return ['a', 'b'].map((half) => ({ type: 'PERSON', slug: `crash-${i}-${half}`, name: `Crash ${i}${half}`, aliases: [`C${i}${half}`], mentions: [tinyEvidence(TEXT, half === 'a' ? 'Alice Example' : 'Bob Sample')] }));
}

describe('the journal', () => {
  it('is replayed at start-up: a store opened on the same folder answers as the one that wrote it', async () => {
    const graph = await livingGraph();
    await graph.post(ADD_PAIR, { entities: pair(1) }, KEYS.curator);
    await graph.post(`mutation { retractFact(input: { fact: "Relationship:Person:bob-sample>SPOKE_ABOUT>Topic:robotics", reason: "test" }) { userErrors { message } } }`, undefined, KEYS.curator);
    const query = '{ a: node(id: "Person:crash-1-a") { id ... on Person { aliases mentions { quote } } } r: node(id: "Relationship:Person:bob-sample>SPOKE_ABOUT>Topic:robotics") { id } changes { totalCount } }';
    const before = (await graph.post(query)).body;
    const version = graph.store.version;
    await graph.close();
    const again = await livingGraph({ journalDir: graph.journalDir });
    try {
      expect((await again.post(query)).body).toEqual(before);
      expect(before.data).toEqual({ a: { id: 'Person:crash-1-a', aliases: ['C1a'], mentions: [{ quote: 'Alice Example' }] }, r: null, changes: { totalCount: 2 } });
      expect(again.store.version).toBe(version);
    } finally {
      await again.close();
    }
  });

  it('drops a torn last line with a warning, cuts it from the file, and appends the next entry after the last whole one', async () => {
    const graph = await livingGraph();
    await graph.post(ADD_PAIR, { entities: pair(1) }, KEYS.curator);
    await graph.close();
    const file = path.join(graph.journalDir, 'journal.ndjson');
    const whole = readFileSync(file, 'utf8');
    // A crash while the second entry was written: part of its line, no newline.
    appendFileSync(file, '{"check":"0123456789abcdef","sequence":2,"at":"2026-');
    const warnings: string[] = [];
    const store = await LiveMemoryStore.open({ seedDir: TINY_SEED, sourceTextsDir: tinyTexts(), journalDir: graph.journalDir, warn: (message) => warnings.push(message) });
    try {
      expect(warnings).toEqual([`${file}: line 2 is torn (52 bytes without a newline), from a crash while it was written; it was never acknowledged and is dropped`]);
      expect(readFileSync(file, 'utf8')).toBe(whole);
      expect(await store.head()).toBe(1);
    } finally {
      await store.close();
    }
    const again = await livingGraph({ journalDir: graph.journalDir });
    try {
      const next = await again.post(ADD_PAIR, { entities: pair(2) }, KEYS.curator);
      expect(next.body.data.addEntities).toEqual({ change: { sequence: 2 }, userErrors: [] });
      expect(readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).sequence)).toEqual([1, 2]);
    } finally {
      await again.close();
    }
  });

  it('refuses to start on a damaged line that is not the last, naming it', async () => {
    const graph = await livingGraph();
    await graph.post(ADD_PAIR, { entities: pair(1) }, KEYS.curator);
    await graph.post(ADD_PAIR, { entities: pair(2) }, KEYS.curator);
    await graph.close();
    const file = path.join(graph.journalDir, 'journal.ndjson');
    const lines = readFileSync(file, 'utf8').split('\n');
    writeFileSync(file, [lines[0]!.replace('Crash 1a', 'Crash 1x'), ...lines.slice(1)].join('\n'));
    await expect(LiveMemoryStore.open({ seedDir: TINY_SEED, sourceTextsDir: tinyTexts(), journalDir: graph.journalDir })).rejects.toEqual(
      new JournalError(`${file}: line 1 is not an intact journal entry, and it is not the last line, so it is not a torn write; the journal is damaged`),
    );
  });

  it('refuses to start when the seed was changed under the journal, naming the entry', async () => {
    const seed = mkdtempSync(path.join(tmpdir(), 'entente-seed-'));
    cpSync(TINY_SEED, seed, { recursive: true });
    const graph = await livingGraph();
    await graph.close();
    const store = await LiveMemoryStore.open({ seedDir: seed, sourceTextsDir: tinyTexts(), journalDir: graph.journalDir });
    const { Curator } = await import('../src/curation/curator.js');
    const { draftRetractFact } = await import('../src/curation/drafts.js');
    const outcome = await new Curator(store).apply('RETRACT_FACT', 'cora', 'test', () =>
      draftRetractFact(store, { fact: 'Relationship:Person:bob-sample>SPOKE_ABOUT>Topic:robotics', reason: 'test' }),
    );
    expect('entry' in outcome).toBe(true);
    await store.close();
    const file = path.join(seed, 'graph.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.relationships = data.relationships.filter((r: { type: string }) => r.type !== 'SPOKE_ABOUT');
    writeFileSync(file, JSON.stringify(data));
    await expect(LiveMemoryStore.open({ seedDir: seed, sourceTextsDir: tinyTexts(), journalDir: graph.journalDir })).rejects.toEqual(
      new JournalError(
        'journal entry 1 (RETRACT_FACT by cora) found relationship Relationship:Person:bob-sample>SPOKE_ABOUT>Topic:robotics as it recorded it, but the seed and the entries before it give none; the seed was changed under the journal',
      ),
    );
  });
});

interface Service {
  child: ChildProcessWithoutNullStreams;
  url: string;
  output: () => string;
}

async function startService(env: Record<string, string>): Promise<Service> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env } });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /serving the graph .* at http:\/\/localhost:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the service exited with ${code} before listening:\n${output}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, output: () => output };
}

// On the memory store the journal file is what survives; on PostgreSQL, the transaction a change and
// its journal row commit in.
describe.each(STORES)('a server on the %s store killed with SIGKILL in the middle of a stream of writes', (store) => {
  let where: Record<string, string>;
  beforeAll(async () => {
    where =
      store === 'postgres'
        ? { STORE: 'postgres', DATABASE_URL: await createTestDatabase('living') }
        : { SEED_DIR: TINY_SEED, SOURCE_TEXTS_DIR: tinyTexts(), JOURNAL_DIR: mkdtempSync(path.join(tmpdir(), 'entente-crash-')) };
  });

  it('has every acknowledged change after a restart, and no unacknowledged one half there', async () => {
    const env = { ...where, API_KEYS: JSON.stringify([{ name: 'cora', role: 'curator', sha256: hashKey(KEYS.curator) }]) };
    const first = await startService(env);
    // Listened for from the start: the process may be gone before the writers have both stopped.
    const firstExited = once(first.child, 'exit');
    const acknowledged = new Set<number>();
    const attempted = new Set<number>();
    let next = 0;
    let killed = false;
    // Two writers, so a write is always in flight when the kill comes.
    const writer = async () => {
      while (!killed) {
        const i = next++;
        attempted.add(i);
        try {
          const response = await fetch(`${first.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${KEYS.curator}` },
            body: JSON.stringify({ query: ADD_PAIR, variables: { entities: pair(i) } }),
          });
          const body = await response.json();
          if (body.data?.addEntities?.change) acknowledged.add(i);
          else throw new Error(`a write was refused: ${JSON.stringify(body)}`);
        } catch (error) {
          if (!killed) throw error;
        }
        if (acknowledged.size >= 12 && !killed) {
          killed = true;
          first.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all([writer(), writer()]);
    await firstExited;
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startService(env);
    try {
      const ids = [...attempted].flatMap((i) => [`Person:crash-${i}-a`, `Person:crash-${i}-b`]);
      const response = await fetch(`${second.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Person { name aliases mentions { quote } } } changes(first: 100) { totalCount nodes { sequence } } }', variables: { ids } }),
      });
      const { data } = await response.json();
      const present = new Map<string, { name: string; aliases: string[]; mentions: Array<{ quote: string }> }>();
      for (const node of data.nodes) if (node) present.set(node.id, node);
      for (const i of attempted) {
        const halves = ['a', 'b'].map((half) => present.get(`Person:crash-${i}-${half}`));
        if (acknowledged.has(i)) {
          expect(halves, `acknowledged write ${i}`).toEqual([
            { id: `Person:crash-${i}-a`, name: `Crash ${i}a`, aliases: [`C${i}a`], mentions: [{ quote: 'Alice Example' }] },
            { id: `Person:crash-${i}-b`, name: `Crash ${i}b`, aliases: [`C${i}b`], mentions: [{ quote: 'Bob Sample' }] },
          ]);
        } else {
          // Written before the kill but not yet answered, or never written: whole or absent, never half.
          expect(halves[0] === undefined, `unacknowledged write ${i} is whole or absent`).toBe(halves[1] === undefined);
        }
      }
      const pairs = [...attempted].filter((i) => present.has(`Person:crash-${i}-a`)).length;
      expect(data.changes.totalCount).toBe(pairs);
      expect(data.changes.nodes.map((change: { sequence: number }) => change.sequence)).toEqual(Array.from({ length: pairs }, (_, k) => k + 1));
      expect(pairs).toBeGreaterThanOrEqual(acknowledged.size);
    } finally {
      second.child.kill('SIGTERM');
      await once(second.child, 'exit');
    }
  }, 120_000);
});
