import type { EntityTypeName } from './models.js';
import type { RelationshipProperty } from './vocabulary.js';

/**
 * The rules a seed record's fields follow that need nothing but the record itself: shared by the
 * seed builder and the relationship reader that runs on a worker thread (relationship-batch.ts),
 * so the two cannot drift apart.
 */

export type Json = Record<string, unknown>;

export const METHODS = ['EXTRACTED', 'INFERRED', 'EXTERNAL'] as const;
export const MODALITIES = ['STATED', 'PLANNED', 'REPORTED_SPEECH'] as const;
export const EVIDENCE_KEYS = ['source', 'quote', 'start', 'end', 'method', 'reason', 'reference', 'modality', 'speaker'];
export const RELATIONSHIP_KEYS = ['type', 'from', 'to', 'evidence', 'onBehalfOf', 'capacity', 'role', 'note', 'ordinal'];
export const PROPERTY_KEYS: readonly RelationshipProperty[] = ['onBehalfOf', 'capacity', 'role', 'note', 'ordinal'];

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
