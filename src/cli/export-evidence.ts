import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/**
 * Reads the evidence of an export (`GET /export` as JSON-LD or NDJSON), so `verify-evidence --export`
 * can check every quote in it against the source text, as it checks the seed's.
 */

type Json = Record<string, unknown>;

/** A piece of evidence as an export writes it: where it is from, and its words. */
export interface ExportedEvidence {
  id: string;
  source: string;
  quote: string;
  start: number;
  end: number;
}

export interface ExportedSource {
  id: string;
  identifier: string;
  sha256: string | null;
  length: number | null;
}

export interface ExportEvidence {
  sources: ExportedSource[];
  evidence: ExportedEvidence[];
}

function isEvidence(node: Json): boolean {
  return typeof node.quote === 'string' && typeof node.source === 'string' && Number.isInteger(node.start) && Number.isInteger(node.end);
}

/** Collects the sources and the evidence nodes of a node object and of the nodes nested in it. */
function collect(node: Json, into: ExportEvidence): void {
  const types = Array.isArray(node['@type']) ? node['@type'] : [node['@type']];
  if (types.includes('Source') && typeof node['@id'] === 'string') {
    into.sources.push({
      id: node['@id'],
      identifier: String(node.identifier),
      sha256: typeof node.sha256 === 'string' ? node.sha256 : null,
      length: typeof node.length === 'number' ? node.length : null,
    });
  }
  if (isEvidence(node)) {
    into.evidence.push({ id: String(node['@id']), source: node.source as string, quote: node.quote as string, start: node.start as number, end: node.end as number });
  }
  for (const value of Object.values(node)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'object' && item !== null) collect(item as Json, into);
    }
  }
}

/** Reads a JSON-LD export (one document with `@graph`) or an NDJSON export (a node a line). */
export async function readExportEvidence(file: string): Promise<ExportEvidence> {
  const found: ExportEvidence = { sources: [], evidence: [] };
  if (file.endsWith('.ndjson')) {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() !== '') collect(JSON.parse(line) as Json, found);
    return found;
  }
  const document = JSON.parse(await readFile(file, 'utf8')) as Json;
  if (!Array.isArray(document['@graph'])) throw new Error(`${file} is not a JSON-LD export: it has no "@graph"; export with Accept: application/ld+json or application/x-ndjson`);
  for (const node of document['@graph'] as Json[]) collect(node, found);
  return found;
}
