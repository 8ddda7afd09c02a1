import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSeedGraph, loadSeed, SeedError } from '../src/store/seed.js';
import type { SeedFile } from '../src/store/seed-files.js';
import { TINY_SEED, TINY_TEXT } from './helpers.js';

let tiny: any;
let text: string;
beforeAll(async () => {
  tiny = JSON.parse(await readFile(path.join(TINY_SEED, 'graph.json'), 'utf8'));
  text = await readFile(TINY_TEXT, 'utf8');
});

/** The fixture graph as one seed file, after a change made to a copy of it. */
function seedWith(change: (graph: any) => void): SeedFile[] {
  const graph = structuredClone(tiny);
  change(graph);
  return [{ file: 'seed/graph.json', absolutePath: '/seed/graph.json', data: graph }];
}

function problemsOf(files: SeedFile[], options?: Parameters<typeof buildSeedGraph>[1]): string[] {
  try {
    buildSeedGraph(files, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SeedError);
    return (error as SeedError).problems.map((p) => `${p.file} › ${p.record}: ${p.message}`);
  }
  return [];
}

const relationship = (graph: any, type: string, from: string) => graph.relationships.find((r: any) => r.type === type && r.from === from);
const entity = (graph: any, id: string) => graph.entities.find((e: any) => e.id === id);

describe('seed validation', () => {
  it('accepts the fixture as it is, and checks it against its source text', () => {
    const graph = buildSeedGraph(seedWith(() => {}), { sourceTexts: new Map([['Source:tiny', text]]) });
    expect(graph.entities).toHaveLength(15);
    expect(graph.edges).toHaveLength(17);
  });

  it('refuses a duplicate id, naming both places', () => {
    const problems = problemsOf(seedWith((g) => g.entities.push({ ...entity(g, 'Topic:robotics') })));
    expect(problems).toEqual([
      'seed/graph.json › entities[14] (Topic:robotics): duplicate id "Topic:robotics", first defined at seed/graph.json › entities[9] (Topic:robotics)',
    ]);
  });

  it('refuses a dangling reference', () => {
    const problems = problemsOf(seedWith((g) => (relationship(g, 'COVERS', 'Agreement:springfield-accord').to = 'Topic:ghosts')));
    expect(problems).toEqual([
      'seed/graph.json › relationships[5] (COVERS Agreement:springfield-accord → Topic:ghosts): "to" "Topic:ghosts" does not refer to an entity in the seed',
    ]);
  });

  it('refuses an unknown relationship type and a type linking the wrong kinds of entity', () => {
    const problems = problemsOf(
      seedWith((g) => {
        g.relationships[0].type = 'ADMIRES';
        relationship(g, 'HELD_AT', 'Event:automation-fair-2024').to = 'Country:sylvania';
      }),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^seed\/graph\.json › relationships\[0\] \(ADMIRES Person:alice-example → Agreement:springfield-accord\): unknown relationship type "ADMIRES"; the vocabulary is SIGNED, /);
    expect(problems[1]).toBe(
      'seed/graph.json › relationships[13] (HELD_AT Event:automation-fair-2024 → Country:sylvania): a HELD_AT relationship cannot end at a Country; it links Event to Place',
    );
  });

  it('refuses a relationship or entity without evidence', () => {
    const problems = problemsOf(
      seedWith((g) => {
        g.relationships[2].evidence = [];
        delete entity(g, 'Topic:automation').mentions;
      }),
    );
    expect(problems).toEqual([
      'seed/graph.json › entities[8] (Topic:automation): mentions is missing: nothing enters the graph without evidence',
      'seed/graph.json › relationships[2] (SIGNED Person:carol-third → Agreement:springfield-accord): evidence is missing: nothing enters the graph without evidence',
    ]);
  });

  it('refuses a quote whose length does not match its offsets', () => {
    const problems = problemsOf(seedWith((g) => (g.relationships[1].evidence[0].quote = 'Bob Sample signed')));
    expect(problems).toEqual([
      'seed/graph.json › relationships[1] (SIGNED Person:bob-sample → Agreement:springfield-accord): evidence[0].quote is 17 characters long but its offsets [138, 178) span 40',
    ]);
  });

  it('refuses a quote that does not match the source text at its offsets', () => {
    const problems = problemsOf(
      seedWith((g) => {
        const evidence = g.relationships[1].evidence[0];
        evidence.quote = 'Bob Sample signed the Springfield Accore';
      }),
      { sourceTexts: new Map([['Source:tiny', text]]) },
    );
    expect(problems).toEqual([
      'seed/graph.json › relationships[1] (SIGNED Person:bob-sample → Agreement:springfield-accord): quote "Bob Sample signed the Springfield Accore" does not match the text at [138, 178), which reads "Bob Sample signed the Springfield Accord"',
    ]);
  });

  it('refuses a source whose hash does not match its text, and each quote the change breaks', () => {
    const changed = text.replace('Saturday', 'Caturday');
    const digest = createHash('sha256').update(changed).digest('hex');
    const problems = problemsOf(seedWith(() => {}), { sourceTexts: new Map([['Source:tiny', changed]]) });
    expect(problems).toEqual([
      `seed/graph.json › sources[0] (Source:tiny): sha256 b2a1e16b59c823daa1821c344f15f99bd729759d53afbe267d4ca532e8120580 does not match the given text, whose SHA-256 is ${digest}`,
      'seed/graph.json › entities[5] (Agreement:springfield-accord): quote "In Springfield on Saturday" does not match the text at [39, 65), which reads "In Springfield on Caturday"',
    ]);
  });

  it('refuses malformed dates', () => {
    const problems = problemsOf(
      seedWith((g) => {
        entity(g, 'Agreement:springfield-accord').concludedOn.value = '2024-02-30';
        entity(g, 'Agreement:grand-alliance').concludedOn.value = 'May 2023';
      }),
    );
    expect(problems).toEqual([
      'seed/graph.json › entities[5] (Agreement:springfield-accord): concludedOn.value "2024-02-30" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists',
      'seed/graph.json › entities[6] (Agreement:grand-alliance): concludedOn.value "May 2023" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD, a day that exists',
    ]);
  });

  it('refuses evidence that breaks the rules of its method and modality', () => {
    const problems = problemsOf(
      seedWith((g) => {
        delete g.relationships[3].evidence[0].reason;
        g.relationships[16].evidence[0].reference = 'not a url';
        delete g.relationships[12].evidence[0].speaker;
        g.relationships[0].evidence[0].method = 'GUESSED';
      }),
    );
    expect(problems.map((p) => p.replace(/ \(.*?\)/, ''))).toEqual([
      'seed/graph.json › relationships[0]: evidence[0].method "GUESSED" is not one of EXTRACTED, INFERRED, EDITORIAL, EXTERNAL',
      'seed/graph.json › relationships[3]: evidence[0] is INFERRED and must state its "reason"',
      'seed/graph.json › relationships[12]: evidence[0] is REPORTED_SPEECH and its "speaker" must be the id of a person in the seed; got undefined',
      'seed/graph.json › relationships[16]: evidence[0] is EXTERNAL and must give a "reference" http(s) URL',
    ]);
  });

  it('refuses at start-up an EDITORIAL fact without its reason, naming the file and the record, whichever path reads it', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    const graph = structuredClone(tiny);
    graph.relationships[7].evidence[0].method = 'EDITORIAL';
    await writeFile(path.join(dir, 'graph.json'), JSON.stringify(graph));
    const error = await loadSeed(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).message).toMatch(/^The seed has 1 problem; the service will not start until they are fixed:\n/);
    expect((error as SeedError).problems.map((p) => `${path.basename(p.file)} › ${p.record}: ${p.message}`)).toEqual([
      'graph.json › relationships[7] (BROADER_THAN Topic:automation → Topic:robotics): evidence[0] is EDITORIAL and must state its "reason"',
    ]);
    // The same rule holds for relationships read on a worker thread from NDJSON.
    const ndjson = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    await writeFile(path.join(ndjson, 'g.json'), JSON.stringify({ sources: graph.sources, entities: graph.entities }));
    await writeFile(path.join(ndjson, 'g.relationships.ndjson'), graph.relationships.map((r: unknown) => JSON.stringify(r)).join('\n'));
    const apart = await loadSeed(ndjson, { parallelFromBytes: 0 }).catch((e: unknown) => e);
    expect((apart as SeedError).problems.map((p) => `${path.basename(p.file)} › ${p.record}: ${p.message}`)).toEqual([
      'g.relationships.ndjson › line 8 (BROADER_THAN Topic:automation → Topic:robotics): evidence[0] is EDITORIAL and must state its "reason"',
    ]);
  });

  it('keeps an EDITORIAL fact with its reason, and refuses a reason on an extracted one', () => {
    const graph = buildSeedGraph(seedWith((g) => Object.assign(g.relationships[7].evidence[0], { method: 'EDITORIAL', reason: 'The curator files robotics under automation.' })));
    const broader = [...graph.edges].find((r) => r.type === 'BROADER_THAN')!;
    expect(broader.evidence.map(({ method, reason }) => ({ method, reason }))).toEqual([{ method: 'EDITORIAL', reason: 'The curator files robotics under automation.' }]);
    const problems = problemsOf(seedWith((g) => (g.relationships[7].evidence[0].reason = 'Because.')));
    expect(problems).toEqual([
      'seed/graph.json › relationships[7] (BROADER_THAN Topic:automation → Topic:robotics): evidence[0] has a "reason" but is neither INFERRED nor EDITORIAL',
    ]);
  });

  it('marks translated labels, and refuses a language given both as a name in use and as a translation', () => {
    const graph = buildSeedGraph(seedWith((g) => (entity(g, 'Topic:robotics').translatedLabels = { de: 'Robotertechnik' })));
    expect(graph.entities.find((e) => e.id === 'Topic:robotics')!.labels).toEqual([
      { language: 'FR', text: 'Robotique', isTranslation: false },
      { language: 'DE', text: 'Robotertechnik', isTranslation: true },
    ]);
    const problems = problemsOf(seedWith((g) => (entity(g, 'Topic:robotics').translatedLabels = { fr: 'La robotique', xx: 'Robots' })));
    expect(problems).toEqual([
      'seed/graph.json › entities[9] (Topic:robotics): the fr name is given both in "labels" and in "translatedLabels"; it is one or the other',
      'seed/graph.json › entities[9] (Topic:robotics): translatedLabels has an unknown language "xx"; use en, de or fr',
    ]);
  });

  it('refuses evidence for an attribute the type lacks, for a date, or for one the record does not give', () => {
    const evidence = [{ source: 'Source:tiny', quote: 'Freedonian Energy Minister', start: 67, end: 93, method: 'EXTRACTED' }];
    const problems = problemsOf(
      seedWith((g) => {
        entity(g, 'Agreement:grand-alliance').attributeEvidence = { kind: evidence, concludedOn: evidence, colour: evidence };
        entity(g, 'Event:automation-fair-2024').attributeEvidence = { endsOn: evidence, status: [] };
      }),
    );
    expect(problems).toEqual([
      'seed/graph.json › entities[6] (Agreement:grand-alliance): attributeEvidence names "concludedOn", a date: a date carries its evidence itself',
      'seed/graph.json › entities[6] (Agreement:grand-alliance): attributeEvidence names "colour", which is not an attribute of the type Agreement; it has kind',
      'seed/graph.json › entities[7] (Event:automation-fair-2024): attributeEvidence names "endsOn", a date: a date carries its evidence itself',
      'seed/graph.json › entities[7] (Event:automation-fair-2024): attributeEvidence.status is missing: nothing enters the graph without evidence',
    ]);
    const missing = problemsOf(seedWith((g) => (entity(g, 'Country:sylvania').attributeEvidence = { code: evidence, name: evidence })));
    expect(missing).toEqual([
      'seed/graph.json › entities[1] (Country:sylvania): attributeEvidence names "name", which is not an attribute of the type Country; it has code',
    ]);
  });

  it('refuses sentence spans out of order or past the text, and a declaration that is not one of them or gives no reason', () => {
    const problems = problemsOf(
      seedWith((g) => {
        g.sources[0].sentences = [{ start: 0, end: 37 }, { start: 30, end: 40 }, { start: 39, end: 517 }];
        g.sources[0].notModelled = [
          { start: 0, end: 37, quote: 'Ministers sign the Springfield Accord', reason: '' },
          { start: 1, end: 4, quote: 'ini', reason: 'A part of a word.' },
        ];
      }),
    );
    expect(problems).toEqual([
      'seed/graph.json › sources[0] (Source:tiny): sentences[1] starts at 30, before the sentence before it ends at 37: sentences are in order and apart',
      'seed/graph.json › sources[0] (Source:tiny): sentences[2] ends at 517, past the end of the source, which is 516 characters long',
      'seed/graph.json › sources[0] (Source:tiny): notModelled[0] must state its "reason": why the sentence is deliberately not modelled',
      'seed/graph.json › sources[0] (Source:tiny): notModelled[1] [1, 4) is not one of the source\'s sentences',
    ]);
  });

  it('refuses unknown keys, so a typo cannot silently drop a fact', () => {
    const problems = problemsOf(seedWith((g) => (g.relationships[0].onBehalfof = 'Country:sylvania')));
    expect(problems).toEqual([
      'seed/graph.json › relationships[0] (SIGNED Person:alice-example → Agreement:springfield-accord): has an unknown key "onBehalfof"; allowed: type, from, to, evidence, onBehalfOf, capacity, role, note, ordinal',
    ]);
  });

  it('refuses a duplicate relationship, including a symmetric one written the other way round', () => {
    const problems = problemsOf(
      seedWith((g) => {
        const counterpart = relationship(g, 'COUNTERPART_OF', 'Person:bob-sample');
        g.relationships.push({ ...counterpart, from: counterpart.to, to: counterpart.from });
      }),
    );
    expect(problems).toEqual([
      'seed/graph.json › relationships[17] (COUNTERPART_OF Person:alice-example → Person:bob-sample): duplicate relationship: COUNTERPART_OF between these entities is first defined at seed/graph.json › relationships[9] (COUNTERPART_OF Person:bob-sample → Person:alice-example); give one relationship several evidence items instead',
    ]);
  });

  it('reports every problem at once, not only the first', () => {
    const problems = problemsOf(
      seedWith((g) => {
        entity(g, 'Country:sylvania').code = 'ZZ';
        g.relationships[5].to = 'Topic:ghosts';
        g.relationships[6].evidence = [];
      }),
    );
    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('"code" "ZZ" is not an ISO 3166-1 alpha-2 code');
  });

  it('reads NDJSON seeds whose characters are split across the chunks they are read in', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    const [first, second, ...rest] = tiny.entities;
    const lines = (entities: any[]) => entities.map((e: any) => JSON.stringify(e)).join('\n');
    // Reads go in chunks of 2^20 bytes: put a three-byte character across the first boundary, then
    // enough ASCII that a later chunk is all ASCII.
    const before = Buffer.byteLength(lines([{ ...first, description: '' }]).replace(/"description":""[\s\S]*$/, '"description":"'));
    const split = { ...first, description: `${'a'.repeat(2 ** 20 - 1 - before)}€ after` };
    const long = { ...second, description: `ASCII ${'b'.repeat(2 ** 21)}` };
    await writeFile(path.join(dir, 'g.sources.ndjson'), lines(tiny.sources));
    await writeFile(path.join(dir, 'g.entities.ndjson'), `${lines([split, long, ...rest])}\n`);
    await writeFile(path.join(dir, 'g.relationships.ndjson'), lines(tiny.relationships));
    const bytes = await readFile(path.join(dir, 'g.entities.ndjson'));
    expect(bytes.subarray(2 ** 20 - 1, 2 ** 20 + 2).toString('utf8')).toBe('€');
    const graph = await loadSeed(dir);
    expect(graph.entities.find((e) => e.id === first.id)!.description).toBe(split.description);
    expect(graph.entities.find((e) => e.id === second.id)!.description).toBe(long.description);
    expect(graph.edges).toHaveLength(tiny.relationships.length);
  });

  it('refuses a JSON seed file with a byte that is not UTF-8, naming the file and the offset', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    const json = Buffer.from(JSON.stringify({ ...tiny, entities: [...tiny.entities, { ...tiny.entities[0], id: 'Country:mu', name: 'M?nchen' }] }));
    const at = json.indexOf('M?nchen') + 1;
    json[at] = 0xfc; // ü in Latin-1, not UTF-8
    await writeFile(path.join(dir, 'graph.json'), json);
    const error = await loadSeed(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    expect((error as SeedError).problems).toEqual([
      { file: expect.stringMatching(/graph\.json$/), record: '', message: `is not valid UTF-8: the bytes at offset ${at} are not a UTF-8 character; save the file as UTF-8` },
    ]);
  });

  it('refuses an NDJSON seed file with a bad byte past its first chunk, naming the offset in the file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    const lines = (records: any[]) => records.map((r: any) => JSON.stringify(r)).join('\n');
    const padding = { ...tiny.entities[0], description: 'é'.repeat(2 ** 20) };
    const entities = Buffer.from(`${lines([padding, ...tiny.entities.slice(1)])}\n`);
    const at = entities.indexOf('"name"', 2 ** 21 + 10) + 3;
    entities[at] = 0xc3; // a two-byte lead followed by ASCII
    await writeFile(path.join(dir, 'g.sources.ndjson'), lines(tiny.sources));
    await writeFile(path.join(dir, 'g.entities.ndjson'), entities);
    await writeFile(path.join(dir, 'g.relationships.ndjson'), lines(tiny.relationships));
    const error = await loadSeed(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    const problems = (error as SeedError).problems.filter((p) => p.record === '');
    expect(problems).toEqual([{ file: expect.stringMatching(/g\.entities\.ndjson$/), record: '', message: `is not valid UTF-8: the bytes at offset ${at} are not a UTF-8 character; save the file as UTF-8` }]);
  });

  it('accepts a byte-order mark at the start of JSON and NDJSON seed files, with the same graph as without', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    const bom = '\uFEFF';
    const lines = (records: any[]) => records.map((r: any) => JSON.stringify(r)).join('\n');
    await writeFile(path.join(dir, 'a.json'), `${bom}${JSON.stringify({ sources: tiny.sources })}`);
    await writeFile(path.join(dir, 'g.entities.ndjson'), `${bom}${lines(tiny.entities)}`);
    await writeFile(path.join(dir, 'g.relationships.ndjson'), `${bom}${lines(tiny.relationships)}`);
    const graph = await loadSeed(dir);
    const plain = await loadSeed(TINY_SEED);
    expect(graph.entities.map((e) => e.id)).toEqual(plain.entities.map((e) => e.id));
    expect(graph.edges).toHaveLength(plain.edges.length);
  });

  it('refuses to load a folder with a file that is not JSON, naming the file, and still checks the rest', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-seed-'));
    await writeFile(path.join(dir, 'a.json'), '{ "entities": [ ');
    const broken = structuredClone(tiny);
    broken.relationships[0].to = 'Agreement:missing';
    await writeFile(path.join(dir, 'b.json'), JSON.stringify(broken));
    const error = await loadSeed(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedError);
    const message = (error as SeedError).message;
    expect(message).toMatch(/^The seed has 2 problems; the service will not start until they are fixed:\n/);
    expect(message).toMatch(/a\.json: is not valid JSON: /);
    expect(message).toMatch(/b\.json › relationships\[0\] \(SIGNED Person:alice-example → Agreement:missing\): "to" "Agreement:missing" does not refer to an entity in the seed/);
  });
});

describe('links to other knowledge bases (sameAs)', () => {
  const evidence = { source: 'Source:tiny', quote: 'Freedonian Energy Minister', start: 67, end: 93, method: 'EXTERNAL', reference: 'https://www.wikidata.org/wiki/Q1' };
  const link = (change: Record<string, unknown> = {}) => ({ entity: 'Country:freedonia', uri: 'http://www.wikidata.org/entity/Q1', evidence: [evidence], ...change });

  it('adds a link with its evidence to the entity', () => {
    const graph = buildSeedGraph(seedWith((g) => (g.sameAs = [link()])), { sourceTexts: new Map([['Source:tiny', text]]) });
    const freedonia = graph.entities.find((e) => e.id === 'Country:freedonia')!;
    expect(freedonia.sameAs.map((l) => ({ uri: l.uri, evidence: l.evidence.map((e) => [e.quote, e.method, e.reference]) }))).toEqual([
      { uri: 'http://www.wikidata.org/entity/Q1', evidence: [['Freedonian Energy Minister', 'EXTERNAL', 'https://www.wikidata.org/wiki/Q1']] },
    ]);
    expect(graph.entities.find((e) => e.id === 'Country:sylvania')!.sameAs).toEqual([]);
  });

  it('refuses a link to an unknown entity, one without an http URI, one not backed by an outside reference, and the same link twice', () => {
    const problems = problemsOf(
      seedWith((g) => {
        g.sameAs = [
          link({ entity: 'Country:atlantis' }),
          link({ uri: 'Q1' }),
          link({ evidence: [{ ...evidence, method: 'EXTRACTED', reference: undefined }] }),
          link(),
          link(),
        ];
      }),
    );
    expect(problems).toEqual([
      'seed/graph.json › sameAs[0] (Country:atlantis): "entity" "Country:atlantis" does not refer to an entity in the seed',
      'seed/graph.json › sameAs[1] (Country:freedonia): "uri" must be an http(s) URI, such as http://www.wikidata.org/entity/Q183',
      'seed/graph.json › sameAs[2] (Country:freedonia): evidence[0] must be EXTERNAL: only an outside reference, named in "reference", can say two things are the same',
      'seed/graph.json › sameAs[4] (Country:freedonia): Country:freedonia is linked to http://www.wikidata.org/entity/Q1 already; give one link several evidence items instead',
    ]);
  });
});
