/**
 * Writes a deterministic synthetic graph with the article's schema as NDJSON seed files:
 *
 *   npx tsx bench/generate-graph.ts --nodes 100000 --out bench/data/100000
 *
 * Entities of every type, about three relationships per entity drawn from the vocabulary with a
 * skewed (preferential) choice of ends so a few hubs have high degree, and evidence on every entity
 * and relationship, pointing into synthetic sources. The same arguments always give the same bytes.
 */
import { CountryCodeResolver } from 'graphql-scalars';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { RelationshipType, EntityTypeName } from '../src/store/models.js';
import { VOCABULARY } from '../src/store/vocabulary.js';

/** mulberry32: a small, fast, seedable PRNG; the graph depends only on the seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHARES: Array<[EntityTypeName, number]> = [
  ['Person', 0.34],
  ['Topic', 0.14],
  ['Agreement', 0.12],
  ['Event', 0.1],
  ['Organization', 0.1],
  ['Place', 0.08],
  ['Product', 0.06],
  ['Office', 0.04],
  ['Policy', 0.02],
];
const WORDS = ['alliance', 'digital', 'sovereign', 'energy', 'robotics', 'trade', 'research', 'summit', 'treaty', 'network', 'standards', 'ethics', 'industry', 'market', 'talent', 'cloud', 'semiconductor', 'security', 'climate', 'health'];
const SOURCE_LENGTH = 1_000_000;
const KINDS: Partial<Record<EntityTypeName, string[]>> = {
  Agreement: ['JOINT_DECLARATION_OF_INTENT', 'ALLIANCE'],
  Event: ['CONFERENCE', 'TRADE_FAIR', 'FOUNDING'],
  Organization: ['POLITICAL_PARTY', 'PUBLISHER', 'GOVERNMENT_BODY'],
  Place: ['CITY', 'REGION'],
  Product: ['AI_PLATFORM'],
};

function countryCodes(): string[] {
  const codes: string[] = [];
  for (let a = 65; a < 91; a++) {
    for (let b = 65; b < 91; b++) {
      const code = String.fromCharCode(a, b);
      try {
        CountryCodeResolver.parseValue(code);
        codes.push(code);
      } catch {
        // not an assigned code
      }
    }
  }
  return codes;
}

class Writer {
  private readonly stream: WriteStream;
  private buffer: string[] = [];
  constructor(file: string) {
    this.stream = createWriteStream(file);
  }
  async write(record: unknown): Promise<void> {
    this.buffer.push(JSON.stringify(record));
    if (this.buffer.length >= 2000) await this.flush();
  }
  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join('\n')}\n`;
    this.buffer = [];
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

export interface GeneratedGraph {
  entities: number;
  relationships: number;
  /** A list of entity ids of each type, for benchmarks that need real ids. */
  sample: Partial<Record<EntityTypeName, string[]>>;
}

export async function generateGraph(nodes: number, outDir: string, seed = 42): Promise<GeneratedGraph> {
  mkdirSync(outDir, { recursive: true });
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const sources = Math.max(1, Math.ceil(nodes / 10_000));
  const sourceIds = Array.from({ length: sources }, (_, i) => `Source:synthetic-${i}`);
  const evidence = (quote: string, source = pick(sourceIds)) => {
    const start = Math.floor(next() * (SOURCE_LENGTH - quote.length));
    return { source, quote, start, end: start + quote.length };
  };

  const sourceWriter = new Writer(path.join(outDir, 'graph.sources.ndjson'));
  for (const [i, id] of sourceIds.entries()) {
    const title = `Synthetic report ${i}`;
    await sourceWriter.write({
      id,
      name: title,
      title,
      description: 'A synthetic source for benchmarks.',
      language: 'en',
      sha256: '0'.repeat(64),
      length: SOURCE_LENGTH,
      publishedOn: { value: '2026-02', evidence: [{ ...evidence(title, id), method: 'INFERRED', reason: 'Synthetic.' }] },
      mentions: [evidence(title, id)],
    });
  }
  await sourceWriter.close();

  // Entities: countries are capped by the ISO list; the rest share out the remainder.
  const codes = countryCodes();
  const countries = Math.min(codes.length, Math.max(4, Math.round(nodes * 0.02)));
  const idsByType = new Map<EntityTypeName, string[]>([['Country', []]]);
  const entityWriter = new Writer(path.join(outDir, 'graph.entities.ndjson'));
  for (let i = 0; i < countries; i++) {
    const id = `Country:c-${codes[i]!.toLowerCase()}`;
    idsByType.get('Country')!.push(id);
    const name = `Country ${codes[i]}`;
    await entityWriter.write({ id, name, code: codes[i], description: 'A synthetic country.', mentions: [evidence(name)] });
  }
  const rest = nodes - countries - sources;
  for (const [type, share] of SHARES) {
    const count = Math.max(1, Math.round(rest * share));
    const ids: string[] = [];
    const prefix = type.toLowerCase();
    for (let i = 0; i < count; i++) {
      const id = `${type}:${prefix}-${i}`;
      ids.push(id);
      const name = `${pick(WORDS)} ${pick(WORDS)} ${type.toLowerCase()} ${i}`;
      const record: Record<string, unknown> = { id, name, description: `A synthetic ${prefix} about ${pick(WORDS)} and ${pick(WORDS)}.` };
      if (next() < 0.2) record.aliases = [`${prefix.toUpperCase()}-${i}`];
      if (KINDS[type]) record.kind = pick(KINDS[type]);
      if (type === 'Event') record.status = next() < 0.7 ? 'HELD' : 'PLANNED';
      if (type === 'Agreement' || type === 'Event') {
        const year = 2000 + Math.floor(next() * 27);
        const month = 1 + Math.floor(next() * 12);
        const value = next() < 0.5 ? `${year}` : next() < 0.5 ? `${year}-${String(month).padStart(2, '0')}` : `${year}-${String(month).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
        record[type === 'Agreement' ? 'concludedOn' : 'startsOn'] = { value, evidence: [evidence(`in ${value}`)] };
      }
      record.mentions = [evidence(name)];
      await entityWriter.write(record);
    }
    idsByType.set(type, ids);
  }
  await entityWriter.close();
  const entities = [...idsByType.values()].reduce((n, ids) => n + ids.length, 0) + sources;

  // Relationships: about three per entity. The start is uniform; the end is skewed towards low
  // indexes (u^3), so the first entities of each type become hubs, as in real graphs.
  const edgeTypes = (Object.keys(VOCABULARY) as RelationshipType[]).filter((t) => t !== 'PUBLISHED_BY' && t !== 'CONTRIBUTED_TO');
  const typeIndex = new Map(edgeTypes.map((t, i) => [t, i]));
  const indexOf = new Map<string, number>();
  let counter = 0;
  for (const ids of idsByType.values()) for (const id of ids) indexOf.set(id, counter++);
  const seen = new Set<number>();
  const target = Math.round(entities * 3);
  const relationshipWriter = new Writer(path.join(outDir, 'graph.relationships.ndjson'));
  let relationships = 0;
  for (let attempts = 0; relationships < target && attempts < target * 4; attempts++) {
    const type = pick(edgeTypes);
    const rule = VOCABULARY[type];
    const fromIds = idsByType.get(pick(rule.from));
    const toIds = idsByType.get(pick(rule.to));
    if (!fromIds?.length || !toIds?.length) continue;
    const from = pick(fromIds);
    const to = toIds[Math.floor(next() ** 3 * toIds.length)]!;
    if (from === to) continue;
    const key = (typeIndex.get(type)! * counter + indexOf.get(from)!) * counter + indexOf.get(to)!;
    const reverse = (typeIndex.get(type)! * counter + indexOf.get(to)!) * counter + indexOf.get(from)!;
    if (seen.has(key) || (rule.symmetric && seen.has(reverse))) continue;
    seen.add(key);
    const record: Record<string, unknown> = { type, from, to };
    if (type === 'SIGNED') record.onBehalfOf = pick(idsByType.get('Country')!);
    if (type === 'MILESTONE_OF') record.ordinal = 1 + Math.floor(next() * 5);
    record.evidence = [evidence(`${from.split(':')[1]} ${type.toLowerCase().replaceAll('_', ' ')} ${to.split(':')[1]}`)];
    await relationshipWriter.write(record);
    relationships += 1;
  }
  await relationshipWriter.close();
  const sample = Object.fromEntries([...idsByType].map(([type, ids]) => [type, ids.slice(0, 50)]));
  return { entities, relationships, sample };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { nodes: { type: 'string', default: '1000' }, out: { type: 'string' }, seed: { type: 'string', default: '42' } } });
  const nodes = Number(values.nodes);
  const out = values.out ?? path.join('bench', 'data', String(nodes));
  const started = Date.now();
  const result = await generateGraph(nodes, out, Number(values.seed));
  console.log(`Wrote ${result.entities} entities and ${result.relationships} relationships to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
