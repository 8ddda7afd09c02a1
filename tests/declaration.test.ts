import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateGraph, readSchemaFolder } from '../codegen/graph/index.js';

/**
 * A new entity type is one SDL file and its seed, and a new relationship type one declaration: this
 * adds a made-up `Company` type and a `HEADQUARTERED_IN` relationship to a copy of the project, runs
 * `npm run codegen` there, and queries the result through the server built from the copy, so the
 * generator (not a hand-written stand-in) is what is tested. docs/extending.md walks the same steps.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const COMPANY_SDL = `"""
A company named in a source, such as a maker of robots.
"""
type Company implements Node & Entity @entity(plural: "companies", example: "acme-robotics") {
  """
  What the company makes, as the source words it.
  """
  product: String @filter
  """
  The countries the company has its headquarters in.
  """
  headquarters: [Country!]! @relation(type: HEADQUARTERED_IN, direction: OUTGOING)
}

extend enum RelationshipType {
  """
  A company has its headquarters in a country.
  """
  HEADQUARTERED_IN @relationship(from: ["Company"], to: ["Country"])
}

extend type Country {
  """
  The companies with headquarters in the country.
  """
  companies: [Company!]! @relation(type: HEADQUARTERED_IN, direction: INCOMING)
}
`;

const TEXT = 'Acme Robotics, based in Freedonia, builds robots. Beta Works, also based in Freedonia, builds looms.';

function span(quote: string): { source: string; quote: string; start: number; end: number } {
  const start = TEXT.indexOf(quote);
  return { source: 'Source:company-notes', quote, start, end: start + quote.length };
}

/** The tiny fixture graph with a second source, two companies and where each is based. */
function companySeed(): object {
  const graph = JSON.parse(readFileSync(path.join(ROOT, 'tests/fixtures/tiny/seed/graph.json'), 'utf8'));
  graph.sources.push({
    id: 'Source:company-notes',
    name: 'Company notes',
    title: 'Company notes',
    publishedOn: { value: '2024', evidence: [{ ...span('Acme Robotics'), method: 'INFERRED', reason: 'The notes are from 2024.' }] },
    language: 'en',
    sha256: createHash('sha256').update(TEXT).digest('hex'),
    length: TEXT.length,
    mentions: [span('Acme Robotics')],
  });
  graph.entities.push(
    { id: 'Company:acme-robotics', name: 'Acme Robotics', product: 'robots', mentions: [span('Acme Robotics')] },
    { id: 'Company:beta-works', name: 'Beta Works', product: 'looms', mentions: [span('Beta Works')] },
  );
  graph.relationships.push(
    { type: 'HEADQUARTERED_IN', from: 'Company:acme-robotics', to: 'Country:freedonia', evidence: [span('Acme Robotics, based in Freedonia')] },
    { type: 'HEADQUARTERED_IN', from: 'Company:beta-works', to: 'Country:freedonia', evidence: [span('Beta Works, also based in Freedonia')] },
  );
  return graph;
}

const QUERY = `{
  companies(filter: { product: { equals: "Robots" } }) {
    totalCount
    nodes { id entityType name product headquarters { edges { node { name } relationship { type } evidence { quote } } } }
  }
  country(code: "FM") { companies(orderBy: [{ field: NAME, direction: DESC }]) { nodes { name } } }
  byCompanies: countries(orderBy: [{ field: COMPANIES_COUNT, direction: DESC }], first: 1) { nodes { name } }
}`;

/** Builds the server of the copy on its seed and runs one query, printing the result as JSON. */
const PROBE = `import { createGraphQLServer } from './src/server.js';
import { createContext } from './src/context.js';
import { loadMemoryStore } from './src/store/load.js';
const store = await loadMemoryStore('seed-company/');
const { apollo } = createGraphQLServer();
await apollo.start();
const response = await apollo.executeOperation({ query: process.argv[2] }, { contextValue: createContext(store) });
if (response.body.kind !== 'single') throw new Error('expected one result');
const { extensions: _extensions, ...result } = response.body.singleResult;
console.log(JSON.stringify(result));
await apollo.stop();
`;

let copy: string;
beforeAll(() => {
  copy = mkdtempSync(path.join(tmpdir(), 'entente-declaration-'));
  for (const entry of ['package.json', 'tsconfig.json', 'codegen.ts', '.graphqlrc.yml', 'codegen', 'schema', 'src', 'operations']) {
    cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  writeFileSync(path.join(copy, 'schema/company.graphql'), COMPANY_SDL);
  mkdirSync(path.join(copy, 'seed-company'));
  writeFileSync(path.join(copy, 'seed-company/graph.json'), JSON.stringify(companySeed()));
  writeFileSync(path.join(copy, 'probe.mts'), PROBE);
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@graphql-codegen/cli/cjs/bin.js'), '--config', 'codegen.ts'], { cwd: copy, stdio: 'pipe' });
}, 60_000);
afterAll(() => rmSync(copy, { recursive: true, force: true }));

describe('the graph declared once', () => {
  it('serves a made-up entity type and relationship type from one new SDL file and a seed', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'probe.mts', QUERY], { cwd: copy, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({
      data: {
        companies: {
          totalCount: 1,
          nodes: [
            {
              id: 'Company:acme-robotics',
              entityType: 'COMPANY',
              name: 'Acme Robotics',
              product: 'robots',
              headquarters: { edges: [{ node: { name: 'Freedonia' }, relationship: { type: 'HEADQUARTERED_IN' }, evidence: [{ quote: 'Acme Robotics, based in Freedonia' }] }] },
            },
          ],
        },
        country: { companies: { nodes: [{ name: 'Beta Works' }, { name: 'Acme Robotics' }] } },
        byCompanies: { nodes: [{ name: 'Freedonia' }] },
      },
    });
  });

  it('writes the root list, connection, filter and order types of the new type into the contract', () => {
    const sdl = readFileSync(path.join(copy, 'schema.graphql'), 'utf8');
    for (const type of ['type CompanyConnection', 'type CompanyRelationEdge', 'input CompanyFilter', 'enum CompanyOrderField', 'input CompanyRelationFilter']) {
      expect(sdl).toContain(type);
    }
    expect(sdl).toMatch(/companies\(\n(?:.*\n)*?\s+filter: CompanyFilter/);
    expect(readFileSync(path.join(copy, 'src/generated/catalogue.ts'), 'utf8')).toContain("HEADQUARTERED_IN: { from: ['Company'], to: ['Country'] }");
  });

  it('refuses a declaration that names what does not exist, saying where', () => {
    const sources = readSchemaFolder(path.join(ROOT, 'schema'));
    const broken = COMPANY_SDL.replace('HEADQUARTERED_IN, direction: OUTGOING', 'HEADQUARTERED_AT, direction: OUTGOING');
    expect(() => generateGraph([...sources, broken])).toThrow('schema declaration Company.headquarters: @relation names an unknown relationship type HEADQUARTERED_AT');
    const wrongEnd = COMPANY_SDL.replace('headquarters: [Country!]!', 'headquarters: [Person!]!');
    expect(() => generateGraph([...sources, wrongEnd])).toThrow('schema declaration Company.headquarters: HEADQUARTERED_IN does not link to a Person in this direction');
  });
});
