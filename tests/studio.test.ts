import { once } from 'node:events';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.js';
import { createHttpServer } from '../src/http/http-server.js';
import { createGraphQLServer } from '../src/server.js';
import { readTypeDefs } from '../src/schema.js';
import { loadMemoryStore } from '../src/store/load.js';
import { schemaEnumValues } from '../src/studio/operations.js';
import { httpOn, TINY_SEED, type TestHttp } from './helpers.js';

let http: TestHttp;
beforeAll(async () => {
  http = await httpOn(await loadMemoryStore(TINY_SEED));
});
afterAll(() => http.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(http.url + path, { headers, redirect: 'manual' });

/** A GET with the path sent exactly as written, as a hostile client would send it. */
function rawGet(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    request({ hostname, port, path, method: 'GET' }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

const assetUrls = (html: string): string[] => [...html.matchAll(/(?:src|href)="(\/studio\/[^"]+)"/g)].map((m) => m[1]!);

describe('the studio pages', () => {
  it('serves the IDE at / with its example operations as tabs, its own files and a same-origin policy', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self';/);
    const html = await response.text();
    const tabs = JSON.parse(html.match(/<script type="application\/json" id="entente-examples">(.*?)<\/script>/s)![1]!);
    expect(tabs.map((tab: { query: string }) => tab.query.match(/^query (\w+)/m)?.[1])).toEqual(['WhoSigned', 'HowConnected', 'Timeline', 'Search', 'Neighbourhood']);
    expect(assetUrls(html).map((url) => url.split('/').pop())).toEqual(['graphiql.css', 'ide.css', 'react.js', 'react-dom.js', 'graphiql.js', 'ide-stream.js', 'ide.js']);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves the IDE to a browser asking /graphql for HTML, and GraphQL to a GET with a query', async () => {
    const page = await get('/graphql', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Entente · GraphQL IDE</title>');

    const query = await get(`/graphql?query=${encodeURIComponent('{ people(first: 1) { nodes { id } } }')}`, {
      accept: 'text/html, application/json',
      'apollo-require-preflight': 'true',
    });
    expect(query.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await query.json()).toEqual({ data: { people: { nodes: [{ id: 'Person:alice-example' }] } }, extensions: { cost: { requested: 3, limit: 10_000, touched: 1 } } });
  });

  it('serves /explore with the persisted operations it sends', async () => {
    const response = await get('/explore');
    expect(response.status).toBe(200);
    const html = await response.text();
    const operations = JSON.parse(html.match(/<script type="application\/json" id="entente-operations">(.*?)<\/script>/s)![1]!);
    expect(Object.keys(operations)).toEqual(expect.arrayContaining(['ExploreEntity', 'ExploreRelationship', 'ExploreSearch', 'ExploreIndex', 'ExplorePaths', 'ExploreTimeline']));
    const { default: manifest } = await import('../src/generated/persisted-documents.json', { with: { type: 'json' } });
    for (const operation of Object.values<{ hash: string; document: string }>(operations)) {
      expect((manifest as Record<string, string>)[operation.hash]).toBe(operation.document);
    }
    expect(assetUrls(html).map((url) => url.split('/').pop())).toEqual([
      'explore.css',
      'cytoscape.js',
      'layout-base.js',
      'cose-base.js',
      'cytoscape-fcose.js',
      'cytoscape-svg.js',
      'explore-api.js',
      'explore-state.js',
      'explore-picture.js',
      'explore-timeline.js',
      'explore-panel.js',
      'explore.js',
    ]);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves /curate with the persisted operations it sends, the relationship types with the kinds they link, and its own files', async () => {
    const response = await get('/curate');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'self';/);
    const html = await response.text();
    const operations = JSON.parse(html.match(/<script type="application\/json" id="entente-operations">(.*?)<\/script>/s)![1]!);
    expect(Object.keys(operations).sort()).toEqual(['CurateAddFacts', 'CurateAddSource', 'CurateMentions', 'CurateSources']);
    const { default: manifest } = await import('../src/generated/persisted-documents.json', { with: { type: 'json' } });
    for (const operation of Object.values<{ hash: string; document: string }>(operations)) {
      expect((manifest as Record<string, string>)[operation.hash]).toBe(operation.document);
    }
    const vocabulary = JSON.parse(html.match(/<script type="application\/json" id="entente-vocabulary">(.*?)<\/script>/s)![1]!);
    expect(vocabulary.relationships.SIGNED).toEqual({ from: ['PERSON'], to: ['AGREEMENT'] });
    expect(Object.keys(vocabulary.relationships)).toHaveLength(28);
    expect(vocabulary.methods).toEqual(schemaEnumValues(readTypeDefs().join('\n'), 'EvidenceMethod'));
    expect(vocabulary.languages).toEqual(schemaEnumValues(readTypeDefs().join('\n'), 'Language'));
    expect(assetUrls(html).map((url) => url.split('/').pop())).toEqual(['curate.css', 'curate.js']);
    // The key field has no name, so no form can put the key in an address.
    expect(html).toMatch(/<input id="key" type="password" autocomplete="off"/);
    expect(html).not.toMatch(/<form/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('opens each example tab with its inputs filled in as variables, and explains every evidence method the schema has', async () => {
    const html = await (await get('/')).text();
    const tabs = JSON.parse(html.match(/<script type="application\/json" id="entente-examples">(.*?)<\/script>/s)![1]!);
    expect(tabs[0]).toMatchObject({ name: 'WhoSigned', summary: 'Who signed the agreement, for which country and in what capacity, and where the source says so.' });
    expect(tabs.map((tab: { name: string; variables: string }) => [tab.name, JSON.parse(tab.variables)])).toEqual([
      ['WhoSigned', { agreement: 'Agreement:de-ca-ai-declaration' }],
      ['HowConnected', { from: 'Person:karsten-wildberger', to: 'Person:donald-trump', maxHops: 4 }],
      ['Timeline', { from: '2025', first: 20 }],
      ['Search', { query: 'deep learning', first: 10 }],
      ['Neighbourhood', { id: 'Person:karsten-wildberger', depth: 1 }],
    ]);
    const notes = JSON.parse(html.match(/<script type="application\/json" id="entente-notes">(.*?)<\/script>/s)![1]!);
    const methods = schemaEnumValues(readTypeDefs().join('\n'), 'EvidenceMethod');
    expect(methods.length).toBeGreaterThanOrEqual(3);
    for (const method of methods) expect(notes.methods[method], method).toEqual({ label: expect.any(String), note: expect.stringMatching(/\.$/) });
    for (const modality of schemaEnumValues(readTypeDefs().join('\n'), 'Modality')) expect(notes.modalities[modality], modality).toMatch(/\.$/);
    const explore = await (await get('/explore')).text();
    for (const method of methods) expect(explore).toContain(`name="evidence-method" value="${method}"`);
  });

  it('heads every root field the schema offers under one task, and no deprecated field', async () => {
    const html = await (await get('/')).text();
    const tasks = JSON.parse(html.match(/<script type="application\/json" id="entente-tasks">(.*?)<\/script>/s)![1]!);
    const response = await fetch(`${http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __schema { queryType { fields(includeDeprecated: true) { name isDeprecated } } } }' }),
    });
    const { data } = (await response.json()) as { data: { __schema: { queryType: { fields: Array<{ name: string; isDeprecated: boolean }> } } } };
    const rootFields = data.__schema.queryType.fields;
    const listed = tasks.flatMap((task: { fields: string[] }) => task.fields);
    expect(tasks.map((task: { task: string }) => task.task)).toEqual(['Look up', 'Search', 'Explore', 'Evidence', 'Aggregate', 'Curate']);
    expect([...listed].sort()).toEqual(rootFields.filter((field) => !field.isDeprecated).map((field) => field.name).sort());
    expect(rootFields.filter((field) => field.isDeprecated).map((field) => field.name).sort()).toEqual(['evidenceIn', 'groupCounts']);
  });

  it('serves each file of the pages with its content type, cached for good, gzipped when asked', async () => {
    const html = (await (await get('/')).text()) + (await (await get('/explore')).text()) + (await (await get('/curate')).text());
    const urls = assetUrls(html);
    expect(urls).toHaveLength(21);
    for (const url of urls) {
      const plain = await get(url, { 'accept-encoding': 'identity' });
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-type')).toBe(url.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8');
      expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(plain.headers.get('content-encoding')).toBeNull();
      const body = Buffer.from(await plain.arrayBuffer());
      expect(body.length).toBeGreaterThan(100);

      const status = await new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
        const { hostname, port } = new URL(http.url);
        request({ hostname, port, path: url, headers: { 'accept-encoding': 'gzip' } }, (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
      expect(status.encoding).toBe('gzip');
      expect(gunzipSync(status.body).equals(body)).toBe(true);
    }
  });

  it('serves no file that is not on its list, whatever the path says', async () => {
    const [graphiql] = assetUrls(await (await get('/')).text());
    const digest = graphiql!.split('/')[2];
    for (const path of [
      `/studio/${digest}/../../package.json`,
      `/studio/${digest}/%2e%2e/%2e%2e/package.json`,
      `/studio/${digest}/..%2f..%2fpackage.json`,
      `/studio/0000000000000000/graphiql.css`,
      `/studio/${digest}/graphiql.css/`,
      '/studio/',
      '/studio/node_modules/react/package.json',
      '/explore/../package.json',
    ]) {
      expect({ path, status: await rawGet(http.url, path) }).toEqual({ path, status: 404 });
    }
  });

  it('serves no studio page and no file when switched off', async () => {
    const graphql = createGraphQLServer();
    const { apollo } = graphql;
    await apollo.start();
    const server = createHttpServer({ graphql, store: await loadMemoryStore(TINY_SEED), limits: { maxBodyBytes: 4096 }, studio: false });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const [asset] = assetUrls(await (await get('/')).text());
      expect(await rawGet(base, '/explore')).toBe(404);
      expect(await rawGet(base, '/curate')).toBe(404);
      expect(await rawGet(base, asset!)).toBe(404);
      const root = await fetch(`${base}/`, { redirect: 'manual' });
      expect(root.status).toBe(302);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    }
  });
});

describe('STUDIO', () => {
  it('is on unless set to off, and refuses any other value', () => {
    expect(readConfig({}).studio).toBe(true);
    expect(readConfig({ STUDIO: 'on' }).studio).toBe(true);
    expect(readConfig({ STUDIO: 'off' }).studio).toBe(false);
    expect(() => readConfig({ STUDIO: 'no' })).toThrow(new ConfigError(['STUDIO="no" must be one of on, off']));
  });
});
