import type { EntityTypeName } from './models.js';
import type { RelationshipProperty } from './vocabulary.js';

/**
 * The rules a seed record's fields follow that need nothing but the record itself: shared by the
 * seed builder and the relationship reader that runs on a worker thread (relationship-batch.ts),
 * so the two cannot drift apart.
 */

export type Json = Record<string, unknown>;

export const METHODS = ['EXTRACTED', 'INFERRED', 'EDITORIAL', 'EXTERNAL'] as const;
export const MODALITIES = ['STATED', 'PLANNED', 'REPORTED_SPEECH'] as const;
export const EVIDENCE_KEYS = ['source', 'quote', 'start', 'end', 'method', 'reason', 'reference', 'modality', 'speaker'];
export const RELATIONSHIP_KEYS = ['type', 'from', 'to', 'evidence', 'onBehalfOf', 'capacity', 'role', 'note', 'ordinal'];
export const PROPERTY_KEYS: readonly RelationshipProperty[] = ['onBehalfOf', 'capacity', 'role', 'note', 'ordinal'];

/** The methods whose evidence must state the curator's `reason`: an inference from the text, or a judgement of our own. */
const REASONED: ReadonlySet<string> = new Set(['INFERRED', 'EDITORIAL']);

/**
 * What is wrong with an evidence item's method and the fields it requires, or null when nothing is:
 * INFERRED and EDITORIAL evidence states its `reason`, EXTERNAL evidence its `reference` URL, and no
 * other method carries either. One rule for the seed builder and the worker's relationship reader.
 */
export function methodProblem(method: (typeof METHODS)[number], reason: unknown, reference: unknown): string | null {
  if (REASONED.has(method) && !isNonEmptyString(reason)) return `is ${method} and must state its "reason"`;
  if (!REASONED.has(method) && reason !== undefined) return `has a "reason" but is neither INFERRED nor EDITORIAL`;
  if (method === 'EXTERNAL' && !isHttpUrl(reference)) return 'is EXTERNAL and must give a "reference" http(s) URL';
  if (method !== 'EXTERNAL' && reference !== undefined) return 'has a "reference" but is not EXTERNAL';
  return null;
}

/** Whether an entity id is of a type: ids are `Type:slug`. */
export function hasTypePrefix(id: string, type: EntityTypeName): boolean {
  return id.length > type.length && id.charCodeAt(type.length) === 0x3a && id.startsWith(type);
}

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

export function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
