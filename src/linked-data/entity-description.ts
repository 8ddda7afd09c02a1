import { Writer } from 'n3';
import type { GraphStore } from '../store/graph-store.js';
import type { EntityModel, RelationshipModel } from '../store/models.js';
import { isRelationship } from '../store/models.js';
import { turtlePrefixes } from './export-formats.js';
import { describeEntity, relationshipNode, type JsonLdNode } from './json-ld.js';
import { TripleWriter } from './triples.js';
import { entityUri, type LinkedDataBase } from './vocabulary.js';

/** What `/entities/{id}` shows: the entity, every relationship it has, and the names of what they link to. */
export interface EntityDescription {
  entity: EntityModel;
  outgoing: RelationshipModel[];
  incoming: RelationshipModel[];
  /** Names of the entities at the other ends and of the sources of the evidence, by id. */
  names: Map<string, string>;
}

/** Reads an entity and its relationships in three store calls; null when no entity has the id. */
export async function readEntityDescription(store: GraphStore, id: string): Promise<EntityDescription | null> {
  const [node] = await store.getNodes([id]);
  if (!node || isRelationship(node)) return null;
  const [relationships] = await store.getRelationships([id], null, 'BOTH');
  const outgoing = relationships!.filter((r) => r.fromId === id);
  const incoming = relationships!.filter((r) => r.fromId !== id);
  const related = new Set<string>();
  for (const r of relationships!) {
    related.add(r.fromId === id ? r.toId : r.fromId);
    if (r.onBehalfOfId) related.add(r.onBehalfOfId);
    for (const e of r.evidence) related.add(e.sourceId);
  }
  for (const e of node.mentions) related.add(e.sourceId);
  const names = new Map<string, string>([[node.id, node.name]]);
  const ids = [...related].filter((other) => other !== id);
  for (const other of await store.getNodes(ids)) if (other && !isRelationship(other)) names.set(other.id, other.name);
  return { entity: node, outgoing, incoming, names };
}

/**
 * The entity as linked data: everything the export says about it, and the relationships that end at
 * it, each as a statement and as a plain triple on the entity it starts at.
 */
export function entityNodes(ld: LinkedDataBase, description: EntityDescription): JsonLdNode[] {
  const nodes = [...describeEntity(ld, description.entity, description.outgoing)];
  for (const r of description.incoming) nodes.push(...relationshipNodes(ld, r));
  return nodes;
}

/** A relationship as linked data: its statement, and the plain triple on the entity it starts at. */
export function relationshipNodes(ld: LinkedDataBase, relationship: RelationshipModel): JsonLdNode[] {
  return [{ '@id': entityUri(ld, relationship.fromId), [relationship.type]: [{ '@id': entityUri(ld, relationship.toId) }] }, relationshipNode(ld, relationship)];
}

/** Node objects as one JSON-LD document naming the published context. */
export function jsonLdDocument(ld: LinkedDataBase, nodes: readonly JsonLdNode[]): string {
  return `${JSON.stringify({ '@context': ld.context, '@graph': nodes }, null, 2)}\n`;
}

/** Node objects as one Turtle document. */
export function turtleDocument(ld: LinkedDataBase, nodes: readonly JsonLdNode[]): Promise<string> {
  const quads: Parameters<TripleWriter['write']>[1] = [];
  const triples = new TripleWriter(ld);
  for (const node of nodes) triples.write(node, quads);
  const writer = new Writer({ format: 'Turtle', prefixes: turtlePrefixes(ld) });
  writer.addQuads(quads);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}
