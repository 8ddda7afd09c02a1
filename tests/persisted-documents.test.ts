import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as documents from '../src/generated/client/graphql.js';
import { readTypeDefs } from '../src/schema.js';

const read = (path: string): Record<string, string> => JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8'));
const manifest = read('../src/generated/persisted-documents.json');

describe('the persisted-documents manifest', () => {
  it('maps the sha256 of each document, prefixed with sha256:, to that document', () => {
    expect(Object.keys(manifest).length).toBeGreaterThan(0);
    for (const [hash, text] of Object.entries(manifest)) {
      expect(hash).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
    }
  });

  it('holds one valid named operation per document', () => {
    const schema = buildSchema(readTypeDefs().join('\n'));
    for (const text of Object.values(manifest)) {
      const document = parse(text);
      expect(document.definitions).toHaveLength(1);
      expect(document.definitions[0]).toMatchObject({ kind: 'OperationDefinition', name: { kind: 'Name' } });
      expect(validate(schema, document)).toEqual([]);
    }
  });

  it('is the manifest the client preset writes, so typed documents and servers agree on hashes', () => {
    expect(manifest).toEqual(read('../src/generated/client/persisted-documents.json'));
    const hashes = Object.values(documents as Record<string, unknown>)
      .filter((value): value is { __meta__: { hash: string } } => typeof value === 'object' && value !== null && '__meta__' in value)
      .map((document) => document.__meta__.hash);
    expect(hashes.sort()).toEqual(Object.keys(manifest).sort());
  });
});
