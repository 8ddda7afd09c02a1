import { parse as parseCsv } from 'csv-parse/sync';
import jsonld from 'jsonld';
import { Parser, type Quad } from 'n3';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openExport } from '../src/linked-data/export-pages.js';
import { ENTITY_TYPES, RELATIONSHIP_TYPES } from '../src/store/models.js';
import { loadMemoryStore } from '../src/store/load.js';
import type { MemoryGraphStore } from '../src/store/memory-store.js';
import { allEvidence, loadSeed } from '../src/store/seed.js';
import { countingStore, httpOn, NO_CALLS, REAL_SEED, TINY_SEED, TINY_TEXT, type TestHttp } from './helpers.js';

const PUBLIC_URL = 'https://graph.example.org';
const VOCAB = `${PUBLIC_URL}/vocab#`;
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

let real: TestHttp;
let realStore: MemoryGraphStore;
let tiny: TestHttp;
let tinyStore: MemoryGraphStore;

beforeAll(async () => {
  realStore = await loadMemoryStore(REAL_SEED);
  tinyStore = await loadMemoryStore(TINY_SEED);
  real = await httpOn(realStore, { http: { publicUrl: PUBLIC_URL } });
  tiny = await httpOn(tinyStore, { http: { publicUrl: PUBLIC_URL } });
});
afterAll(async () => {
  await real?.close();
  await tiny?.close();
});

const get = (http: TestHttp, path: string, accept?: string) => fetch(http.url + path, { headers: accept ? { accept } : {} });

/** A triple as a string, the same whichever library made it: no export holds a blank node. */
function tripleKey(quad: { subject: { value: string }; predicate: { value: string }; object: { termType: string; value: string; datatype?: { value: string }; language?: string } }): string {
  const { object } = quad;
  const detail = object.termType === 'Literal' ? `^^${object.datatype?.value ?? ''}@${object.language ?? ''}` : '';
  return `${quad.subject.value} ${quad.predicate.value} ${object.termType}:${object.value}${detail}`;
}

/** Reads JSON-LD with the jsonld library, loading our context from the server it names (under PUBLIC_URL). */
async function jsonLdTriples(http: TestHttp, document: unknown): Promise<string[]> {
  const documentLoader = async (url: string) => {
    if (!url.startsWith(PUBLIC_URL)) throw new Error(`The test loads no document from ${url}`);
    const response = await fetch(http.url + url.slice(PUBLIC_URL.length));
    return { contextUrl: undefined, documentUrl: url, document: await response.json() };
  };
  const dataset = (await jsonld.toRDF(document as never, { documentLoader } as never)) as unknown as Parameters<typeof tripleKey>[0][];
  return dataset.map(tripleKey).sort();
}

function rdfTriples(text: string, format: 'Turtle' | 'N-Quads'): string[] {
  return new Parser({ format })
    .parse(text)
    .map((quad: Quad) => tripleKey(quad))
    .sort();
}

describe('GET /export', () => {
  let jsonLdText: string;
  let turtleText: string;
  beforeAll(async () => {
    const jsonLd = await get(real, '/export', 'application/ld+json');
    expect(jsonLd.status).toBe(200);
    expect(jsonLd.headers.get('content-type')).toBe('application/ld+json');
    jsonLdText = await jsonLd.text();
    const turtle = await get(real, '/export', 'text/turtle');
    expect(turtle.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    turtleText = await turtle.text();
  });

  it('writes JSON-LD that the jsonld library reads into exactly the triples of the Turtle, N-Quads and NDJSON exports', async () => {
    const fromJsonLd = await jsonLdTriples(real, JSON.parse(jsonLdText));
    const fromTurtle = rdfTriples(turtleText, 'Turtle');
    expect(fromJsonLd.length).toBeGreaterThan(2000);
    expect(fromJsonLd).toEqual(fromTurtle);
    expect(rdfTriples(await (await get(real, '/export', 'application/n-quads')).text(), 'N-Quads')).toEqual(fromTurtle);
    const lines = (await (await get(real, '/export', 'application/x-ndjson')).text()).trimEnd().split('\n');
    const fromLines = (await Promise.all(lines.map((line) => jsonLdTriples(real, JSON.parse(line))))).flat().sort();
    expect(fromLines).toEqual(fromTurtle);
  });

  it('holds every entity, every relationship once as a triple and once as a statement, and every piece of evidence', async () => {
    const triples = new Parser({ format: 'Turtle' }).parse(turtleText);
    const typed = (type: string) => new Set(triples.filter((t) => t.predicate.value === RDF_TYPE && t.object.value === type).map((t) => t.subject.value));
    const entities = ENTITY_TYPES.reduce((sum, type) => sum + typed(VOCAB + type).size, 0);
    const relationshipTriples = triples.filter((t) => RELATIONSHIP_TYPES.some((type) => t.predicate.value === VOCAB + type));
    const seed = await loadSeed(REAL_SEED);
    expect(entities).toBe(realStore.size.entities);
    expect(relationshipTriples).toHaveLength(realStore.size.relationships);
    expect(typed(`${VOCAB}Relationship`).size).toBe(realStore.size.relationships);
    expect(typed(`${VOCAB}Evidence`).size).toBe([...allEvidence(seed)].length);
    // Every entity is a subject under PUBLIC_URL, the address that resolves it.
    expect([...typed(`${VOCAB}Country`)].sort()).toEqual(['china', 'canada', 'germany', 'united-states'].map((slug) => `${PUBLIC_URL}/entities/Country:${slug}`).sort());
  });

  it('says where each relationship comes from in PROV-O: the source, and each span with its quote, offsets and method', async () => {
    const triples = new Parser({ format: 'Turtle' }).parse(turtleText);
    const statement = `${PUBLIC_URL}/relationships/Relationship:Person:karsten-wildberger%3ESIGNED%3EAgreement:de-ca-ai-declaration`;
    const about = (subject: string) => triples.filter((t) => t.subject.value === subject).map((t) => [t.predicate.value, t.object.value]);
    const source = `${PUBLIC_URL}/entities/Source:heise-2026-02-germany-canada-ai`;
    expect(about(statement)).toEqual(
      expect.arrayContaining([
        ['http://www.w3.org/1999/02/22-rdf-syntax-ns#subject', `${PUBLIC_URL}/entities/Person:karsten-wildberger`],
        ['http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate', `${VOCAB}SIGNED`],
        ['http://www.w3.org/1999/02/22-rdf-syntax-ns#object', `${PUBLIC_URL}/entities/Agreement:de-ca-ai-declaration`],
        [`${VOCAB}onBehalfOf`, `${PUBLIC_URL}/entities/Country:germany`],
        ['http://www.w3.org/ns/prov#wasDerivedFrom', source],
        ['http://www.w3.org/ns/prov#qualifiedDerivation', `${statement}#evidence-1`],
      ]),
    );
    expect(about(`${statement}#evidence-1`).sort()).toEqual(
      [
        [RDF_TYPE, `${VOCAB}Evidence`],
        [RDF_TYPE, 'http://www.w3.org/ns/prov#Derivation'],
        ['http://www.w3.org/ns/prov#entity', source],
        [`${VOCAB}quote`, 'German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent'],
        [`${VOCAB}start`, '671'],
        [`${VOCAB}end`, '798'],
        [`${VOCAB}method`, `${VOCAB}EXTRACTED`],
        [`${VOCAB}modality`, `${VOCAB}STATED`],
      ].sort(),
    );
  });

  it('links the four countries to Wikidata, each link a statement with the reference that supports it', async () => {
    const triples = new Parser({ format: 'Turtle' }).parse(turtleText);
    const links = triples.filter((t) => t.predicate.value === 'http://schema.org/sameAs' && t.subject.value.includes('/Country:'));
    expect(links.map((t) => [t.subject.value.split('/').pop(), t.object.value]).sort()).toEqual([
      ['Country:canada', 'http://www.wikidata.org/entity/Q16'],
      ['Country:china', 'http://www.wikidata.org/entity/Q148'],
      ['Country:germany', 'http://www.wikidata.org/entity/Q183'],
      ['Country:united-states', 'http://www.wikidata.org/entity/Q30'],
    ]);
    const reference = triples.find((t) => t.subject.value === `${PUBLIC_URL}/entities/Country:germany#same-as-1-evidence-1` && t.predicate.value === `${VOCAB}reference`);
    expect(reference?.object.value).toBe('https://www.wikidata.org/wiki/Q183');
  });

  it('writes evidence quotes that verify-evidence finds verbatim in the source text, and names one that is not', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'entente-export-'));
    const exported = await (await get(tiny, '/export?format=jsonld')).text();
    const good = path.join(dir, 'tiny.jsonld');
    await writeFile(good, exported);
    const verify = (file: string) => verifyEvidence(['verify', '--source', TINY_TEXT, '--export', file]);
    const passed = await verify(good);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain('✓ SHA-256 and length match the export');
    expect(passed.stdout).toContain('✓ 36 of 36 quotes are verbatim and every offset is exact');

    const lines = path.join(dir, 'tiny.ndjson');
    await writeFile(lines, await (await get(tiny, '/export?format=ndjson')).text());
    expect((await verify(lines)).stdout).toContain('✓ 36 of 36 quotes are verbatim');

    const tampered = path.join(dir, 'tampered.jsonld');
    await writeFile(tampered, exported.replace('"quote":"Alice Example"', '"quote":"Alicia Example"'));
    const failed = await verify(tampered);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/✗ https:\/\/graph\.example\.org\/entities\/Person:alice-example#mention-1: quote "Alicia Example" does not match the text at \[\d+, \d+\), which reads "Alice Example"/);
  }, 60_000);

  it('writes CSV that a CSV parser reads: one row per relationship, with its evidence', async () => {
    const response = await get(tiny, '/export?table=relationships', 'text/csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
    const rows = parseCsv(await response.text(), { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(tinyStore.size.relationships);
    const signed = rows.find((row) => row.id === 'Relationship:Person:alice-example>SIGNED>Agreement:springfield-accord');
    expect(signed).toMatchObject({ type: 'SIGNED', from: 'Person:alice-example', from_name: 'Alice Example', to: 'Agreement:springfield-accord', on_behalf_of: 'Country:freedonia', evidence_count: '1', method: 'EXTRACTED' });
    const [stored] = (await tinyStore.getRelationships(['Person:alice-example'], ['SIGNED'], 'OUTGOING'))[0]!;
    expect(signed!.quote).toBe(stored!.evidence[0]!.quote);
  });

  it('writes one CSV per entity type with its attributes, and one row per piece of evidence', async () => {
    const countries = parseCsv(await (await get(real, '/export?format=csv&type=COUNTRY')).text(), { columns: true }) as Array<Record<string, string>>;
    expect(countries.map((row) => [row.id, row.code, row.label_de, row.same_as])).toEqual([
      ['Country:canada', 'CA', 'Kanada', 'http://www.wikidata.org/entity/Q16'],
      ['Country:china', 'CN', 'China', 'http://www.wikidata.org/entity/Q148'],
      ['Country:germany', 'DE', 'Deutschland', 'http://www.wikidata.org/entity/Q183'],
      ['Country:united-states', 'US', 'Vereinigte Staaten', 'http://www.wikidata.org/entity/Q30'],
    ]);
    const evidence = parseCsv(await (await get(real, '/export?format=csv&table=evidence')).text(), { columns: true }) as Array<Record<string, string>>;
    expect(evidence).toHaveLength([...allEvidence(await loadSeed(REAL_SEED))].length);
    expect(new Set(evidence.map((row) => row.kind))).toEqual(new Set(['ATTRIBUTE', 'MENTION', 'DATE', 'SAME_AS', 'RELATIONSHIP']));
  });

  it('exports what a root list with the same type and filter returns, with the relationships that start there', async () => {
    const filter = encodeURIComponent(JSON.stringify({ code: { in: ['de', 'CA'] } }));
    const lines = (await (await get(real, `/export?type=COUNTRY&filter=${filter}&format=ndjson`)).text()).trimEnd().split('\n').map((line) => JSON.parse(line));
    const entities = lines.filter((node) => node['@type'].includes('Country')).map((node) => node.identifier);
    expect(entities).toEqual(['Country:canada', 'Country:germany']);
    const statements = lines.filter((node) => node['@type'].includes('Relationship'));
    const [canada, germany] = await realStore.getRelationships(['Country:canada', 'Country:germany'], null, 'OUTGOING');
    expect(statements.map((node) => node.identifier).sort()).toEqual([...canada!, ...germany!].map((r) => r.id).sort());
  });

  it('exports the neighbourhood the neighborhood query returns', async () => {
    const response = await fetch(`${real.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ neighborhood(id: "Place:montreal", depth: 2) { nodes { entity { id } } edges { id } } }' }),
    });
    const { data } = (await response.json()) as { data: { neighborhood: { nodes: Array<{ entity: { id: string } }>; edges: Array<{ id: string }> } } };
    const lines = (await (await get(real, '/export?neighborhood=Place:montreal&depth=2&format=ndjson')).text()).trimEnd().split('\n').map((line) => JSON.parse(line));
    const ids = (type: string) => lines.filter((node) => node['@type'].includes(type)).map((node) => node.identifier as string).sort();
    expect(ids('Relationship')).toEqual(data.neighborhood.edges.map((edge) => edge.id).sort());
    const entities = lines.filter((node) => ENTITY_TYPES.some((type) => node['@type'].includes(type))).map((node) => node.identifier as string);
    expect(entities.sort()).toEqual(data.neighborhood.nodes.map((node) => node.entity.id).sort());
  });

  it('reads the graph a page at a time: one entity page and one batch of its relationships per store call', async () => {
    const { store, calls } = countingStore(tinyStore);
    const pages = await openExport(store, { kind: 'list', type: null, condition: null }, 4);
    const sizes: number[] = [];
    for await (const page of pages) sizes.push(page.length);
    expect(tinyStore.size.entities).toBe(15);
    expect(sizes).toEqual([4, 4, 4, 3]);
    expect(calls).toEqual({ ...NO_CALLS, listEntities: 4, getRelationships: 4 });
  });

  it('answers an Accept it does not offer with 406 and the list of offered types', async () => {
    const response = await get(tiny, '/export', 'application/rdf+xml, image/png;q=0.5');
    expect(response.status).toBe(406);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: 'None of the media types in the Accept header is offered here; ask for one of application/ld+json, text/turtle, application/n-quads, application/x-ndjson, text/csv.',
          extensions: { code: 'NOT_ACCEPTABLE', offered: ['application/ld+json', 'text/turtle', 'application/n-quads', 'application/x-ndjson', 'text/csv'] },
        },
      ],
    });
  });

  it.each([
    ['/export?type=COUNTRIES', 'type', '"type" must be one of AGREEMENT, COUNTRY, EVENT, OFFICE, ORGANIZATION, PERSON, PLACE, POLICY, PRODUCT, SOURCE, TOPIC; got "COUNTRIES".'],
    ['/export?type=COUNTRY&filter={"code":{"equalz":"DE"}}', 'filter', 'filter.code is not a valid CountryFilter: Field "equalz" is not defined by type "StringFilter". Did you mean "equals"?'],
    ['/export?filter={"code"', 'filter', '"filter" must be a JSON object, such as {"name":{"contains":"canada"}}.'],
    ['/export?neighborhood=Place:montreal&depth=9', 'depth', '"depth" must be a whole number from 1 to 3; got "9".'],
    ['/export?neighborhood=Place:montreal&type=PLACE', 'type', '"type" cannot be combined with "neighborhood": export a list or a neighbourhood.'],
    ['/export?neighborhood=montreal', 'neighborhood', '"neighborhood" must be an entity id such as Country:germany; got "montreal".'],
    ['/export?depth=2', 'depth', '"depth" applies only to a neighbourhood export: give "neighborhood" with an entity id.'],
    ['/export?types=SIGNED,KNOWS&neighborhood=Place:montreal', 'types', `"types" must be relationship types separated by commas, from ${RELATIONSHIP_TYPES.join(', ')}; got "KNOWS".`],
    ['/export?format=rdfxml', 'format', '"format" must be one of jsonld, turtle, nquads, ndjson, csv; got "rdfxml".'],
    ['/export?format=turtle&table=evidence', 'table', '"table" applies only to a CSV export (text/csv or format=csv).'],
    ['/export?format=csv&table=people', 'table', '"table" must be one of entities, relationships, evidence; got "people".'],
    ['/export?limit=10', 'limit', 'Unknown parameter "limit"; an export takes format, type, filter, neighborhood, depth, types, maxNodes, table.'],
  ])('refuses %s with 400 naming the parameter', async (path, parameter, message) => {
    const response = await get(tiny, path);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: [{ message, extensions: { code: 'BAD_REQUEST', parameter } }] });
  });

  it('answers HEAD with the headers of the export and no body', async () => {
    const response = await fetch(`${tiny.url}/export?format=turtle`, { method: 'HEAD' });
    expect([response.status, response.headers.get('content-type'), response.headers.get('content-disposition')]).toEqual([200, 'text/turtle; charset=utf-8', 'attachment; filename="entente.ttl"']);
    expect(await response.text()).toBe('');
  });

  it('answers 404 for the neighbourhood of an unknown entity, before anything is written', async () => {
    const response = await get(tiny, '/export?neighborhood=Country:atlantis');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'No entity has the id Country:atlantis; its neighbourhood cannot be exported.', extensions: { code: 'NOT_FOUND', parameter: 'neighborhood' } }],
    });
  });
});

describe('GET /entities/{id}', () => {
  it('answers every entity of the seed as HTML, JSON-LD and Turtle', async () => {
    const { items } = await realStore.listEntities({ type: null, condition: null, orderBy: [], first: 1000, after: null });
    expect(items.length).toBe(realStore.size.entities);
    for (const { node } of items) {
      const html = await get(real, `/entities/${node.id}`, 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8');
      expect([node.id, html.status, html.headers.get('content-type')]).toEqual([node.id, 200, 'text/html; charset=utf-8']);
      expect(await html.text()).toContain(`<h1>${node.name.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;')}</h1>`);
      const ld = await get(real, `/entities/${node.id}`, 'application/ld+json');
      expect([node.id, ld.status]).toEqual([node.id, 200]);
      const triples = await jsonLdTriples(real, await ld.json());
      expect(triples).toContain(`${PUBLIC_URL}/entities/${node.id} http://schema.org/name Literal:${node.name}^^http://www.w3.org/2001/XMLSchema#string@`);
      const turtle = await get(real, `/entities/${node.id}`, 'text/turtle');
      expect([node.id, turtle.status]).toEqual([node.id, 200]);
      expect(rdfTriples(await turtle.text(), 'Turtle')).toEqual(triples);
    }
  });

  it('shows a browser the relationships with their quotes, and links to the IDE and the graph picture', async () => {
    const html = await (await get(real, '/entities/Agreement:de-ca-ai-declaration', 'text/html')).text();
    expect(html).toContain('<a href="/">GraphQL IDE</a>');
    expect(html).toContain('<a href="/explore?id=Agreement%3Ade-ca-ai-declaration">Explore the graph</a>');
    expect(html).toContain(
      '<li><span class="type">SIGNED</span> <a href="/entities/Person:karsten-wildberger">Karsten Wildberger</a> → this (on behalf of <a href="/entities/Country:germany">Germany</a>; as German Digital Minister)<blockquote>“German Digital Minister Karsten Wildberger (CDU) and his Canadian counterpart Evan Solomon signed a joint declaration of intent”</blockquote>',
    );
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.wikidata\.org|en\.wikipedia\.org)/);
  });

  it.each([
    ['text/html', 'text/html; charset=utf-8', /<h1>Not found<\/h1>/],
    ['application/ld+json', 'application/ld+json', /"code":"NOT_FOUND"/],
    ['text/turtle', 'text/turtle; charset=utf-8', /^# No entity has the id "Country:atlantis"; ids look like Country:germany\.\n$/],
  ])('answers an unknown id with 404 as %s', async (accept, contentType, body) => {
    const response = await get(tiny, '/entities/Country:atlantis', accept);
    expect([response.status, response.headers.get('content-type')]).toEqual([404, contentType]);
    expect(await response.text()).toMatch(body);
  });

  it('answers an Accept it does not offer with 406', async () => {
    const response = await get(tiny, '/entities/Country:freedonia', 'application/pdf');
    expect(response.status).toBe(406);
    expect((await response.json()).errors[0].extensions.offered).toEqual(['application/ld+json', 'text/turtle', 'text/html']);
  });
});

describe('GET /relationships/{id}', () => {
  it('resolves every statement URI of the export as JSON-LD and Turtle, and sends a browser to the entity it starts at', async () => {
    const turtle = await (await get(tiny, '/export', 'text/turtle')).text();
    const statements = new Parser({ format: 'Turtle' })
      .parse(turtle)
      .filter((t) => t.predicate.value === RDF_TYPE && t.object.value === `${VOCAB}Relationship`)
      .map((t) => t.subject.value);
    expect(statements).toHaveLength(tinyStore.size.relationships);
    for (const uri of statements) {
      const path = uri.slice(PUBLIC_URL.length);
      const ld = await get(tiny, path, 'application/ld+json');
      expect([path, ld.status]).toEqual([path, 200]);
      const triples = await jsonLdTriples(tiny, await ld.json());
      expect(triples).toContain(`${uri} http://www.w3.org/1999/02/22-rdf-syntax-ns#type NamedNode:${VOCAB}Relationship`);
      expect(rdfTriples(await (await get(tiny, path, 'text/turtle')).text(), 'Turtle')).toEqual(triples);
    }
    const page = await fetch(`${tiny.url}/relationships/Relationship:Person:alice-example%3ESIGNED%3EAgreement:springfield-accord`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect([page.status, page.headers.get('location')]).toEqual([303, '/entities/Person:alice-example']);
    const missing = await get(tiny, '/relationships/Relationship:Person:alice-example%3EATTENDED%3EEvent:nothing', 'application/ld+json');
    expect(missing.status).toBe(404);
  });
});

describe('sameAs in GraphQL', () => {
  it('answers an entity’s Wikidata link with the evidence that names the reference, and the link as a fact of the source', async () => {
    const response = await fetch(`${real.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ country(code: "DE") { sameAs { uri evidence { quote start end method reference } } } evidenceIn(source: "Source:heise-2026-02-germany-canada-ai", start: 23, end: 30) { kind attribute subject { id } } }',
      }),
    });
    const { data } = await response.json();
    expect(data.country).toEqual({
      sameAs: [{ uri: 'http://www.wikidata.org/entity/Q183', evidence: [{ quote: 'Germany', start: 23, end: 30, method: 'EXTERNAL', reference: 'https://www.wikidata.org/wiki/Q183' }] }],
    });
    expect(data.evidenceIn).toContainEqual({ kind: 'SAME_AS', attribute: 'http://www.wikidata.org/entity/Q183', subject: { id: 'Country:germany' } });
  });
});

describe('the published context and schema', () => {
  it('serves the JSON-LD context every export names', async () => {
    const response = await get(tiny, '/context.jsonld');
    expect(response.headers.get('content-type')).toBe('application/ld+json');
    const { '@context': context } = await response.json();
    expect(context).toMatchObject({ '@vocab': VOCAB, name: { '@id': 'schema:name' }, evidence: { '@id': 'prov:qualifiedDerivation', '@container': '@set' } });
  });

  it('serves the printed SDL at /schema.graphql', async () => {
    const response = await get(tiny, '/schema.graphql');
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    const { readTypeDefs } = await import('../src/schema.js');
    expect(await response.text()).toBe(readTypeDefs().join('\n'));
  });
});

const runFile = promisify(execFile);
async function verifyEvidence(args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await runFile(process.execPath, ['--import', 'tsx', 'src/cli/evidence.ts', ...args]);
    return { code: 0, stdout };
  } catch (error) {
    const failure = error as { code: number; stdout: string };
    return { code: failure.code, stdout: failure.stdout };
  }
}
