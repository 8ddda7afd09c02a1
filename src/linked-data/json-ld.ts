import { SEED_ATTRIBUTES } from '../generated/catalogue.js';
import type { EntityModel, EvidenceModel, PartialDateModel, RelationshipModel } from '../store/models.js';
import { isPartialDate } from '../store/models.js';
import { entityUri, relationshipUri, SCHEMA_ORG_TYPES, type LinkedDataBase } from './vocabulary.js';

/**
 * The graph as JSON-LD node objects in the compact form of Entente's context (vocabulary.ts): what
 * the JSON-LD and NDJSON exports write as they are, and what triples.ts reads into RDF for Turtle and
 * N-Quads, so every format says the same thing. Every node has an IRI, evidence included
 * (`<relationship>#evidence-1`), so two exports of the same graph can be compared triple by triple.
 */

export interface JsonLdNode {
  '@id': string;
  '@type'?: string[];
  [key: string]: unknown;
}

const EVIDENCE_TYPES = ['Evidence', 'prov:Derivation'];

/** One span of a source and how the fact was read from it; the method names a term whatever it is. */
function evidenceNode(ld: LinkedDataBase, id: string, evidence: EvidenceModel, types: string[]): JsonLdNode {
  const node: JsonLdNode = {
    '@id': id,
    '@type': types,
    source: entityUri(ld, evidence.sourceId),
    quote: evidence.quote,
    start: evidence.start,
    end: evidence.end,
    method: evidence.method,
    modality: evidence.modality,
  };
  if (evidence.reason !== null) node.reason = evidence.reason;
  if (evidence.reference !== null) node.reference = evidence.reference;
  if (evidence.speakerId !== null) node.speaker = entityUri(ld, evidence.speakerId);
  return node;
}

/** The IRI of a part of a node: `<id>#<part>`, or `<id>-<part>` when the id has a fragment already. */
function partIri(id: string, part: string): string {
  return `${id}${id.includes('#') ? '-' : '#'}${part}`;
}

/** A fact's provenance in PROV-O: the sources it was derived from, and each span as a qualified derivation. */
function provenance(ld: LinkedDataBase, id: string, evidence: readonly EvidenceModel[]): { wasDerivedFrom: string[]; evidence: JsonLdNode[] } {
  return {
    wasDerivedFrom: [...new Set(evidence.map((e) => entityUri(ld, e.sourceId)))],
    evidence: evidence.map((e, i) => evidenceNode(ld, partIri(id, `evidence-${i + 1}`), e, EVIDENCE_TYPES)),
  };
}

function dateNode(ld: LinkedDataBase, id: string, date: PartialDateModel): JsonLdNode {
  const node: JsonLdNode = { '@id': id, '@type': ['PartialDate'], iso: date.iso, precision: date.precision, earliest: date.earliest, latest: date.latest };
  if (date.qualifier !== null) node.qualifier = date.qualifier;
  node.isInferred = date.isInferred;
  return { ...node, ...provenance(ld, id, date.evidence) };
}

/** A relationship as an RDF statement about its two ends, with its properties and where it comes from. */
export function relationshipNode(ld: LinkedDataBase, relationship: RelationshipModel): JsonLdNode {
  const id = relationshipUri(ld, relationship.id);
  const node: JsonLdNode = {
    '@id': id,
    '@type': ['rdf:Statement', 'Relationship'],
    identifier: relationship.id,
    subject: entityUri(ld, relationship.fromId),
    predicate: relationship.type,
    object: entityUri(ld, relationship.toId),
  };
  if (relationship.onBehalfOfId !== null) node.onBehalfOf = entityUri(ld, relationship.onBehalfOfId);
  if (relationship.capacity !== null) node.capacity = relationship.capacity;
  if (relationship.role !== null) node.role = relationship.role;
  if (relationship.note !== null) node.note = relationship.note;
  if (relationship.ordinal !== null) node.ordinal = relationship.ordinal;
  return { ...node, ...provenance(ld, id, relationship.evidence) };
}

/**
 * An entity: its names, attributes and Wikidata links, the passages that mention it, and one
 * property per outgoing relationship type (`SIGNED`) naming the entities at the other end, so the
 * graph reads as plain triples too. `outgoing` are relationships that start at the entity.
 */
export function entityNode(ld: LinkedDataBase, entity: EntityModel, outgoing: readonly RelationshipModel[]): JsonLdNode {
  const id = entityUri(ld, entity.id);
  const schemaType = SCHEMA_ORG_TYPES[entity.type];
  const node: JsonLdNode = { '@id': id, '@type': schemaType ? [entity.type, schemaType] : [entity.type], identifier: entity.id, name: entity.name };
  if (entity.aliases.length > 0) node.alternateName = [...entity.aliases];
  const labels: Record<string, string> = {};
  if (!entity.labels.some((label) => label.language === 'EN')) labels.en = entity.name;
  for (const label of entity.labels) labels[label.language.toLowerCase()] = label.text;
  node.label = labels;
  if (entity.description !== null) node.description = entity.description;
  if (entity.sameAs.length > 0) node.sameAs = entity.sameAs.map((link) => link.uri);
  for (const attribute of Object.keys(SEED_ATTRIBUTES[entity.type])) {
    const value = (entity as unknown as Record<string, unknown>)[attribute];
    if (value === null || value === undefined) continue;
    node[attribute] = isPartialDate(value) ? dateNode(ld, partIri(id, attribute), value) : value;
  }
  const mentions = entity.mentions;
  if (mentions.length > 0) node.mentions = mentions.map((mention, i) => evidenceNode(ld, partIri(id, `mention-${i + 1}`), mention, ['Evidence']));
  // The evidence of attributes other than dates (a date carries its own): each names its attribute.
  const attributeEvidence = entity.attributeEvidence.flatMap(({ attribute, evidence }) =>
    evidence.map((item, i) => ({ ...evidenceNode(ld, partIri(id, `${attribute}-evidence-${i + 1}`), item, ['Evidence']), attribute })),
  );
  if (attributeEvidence.length > 0) node.attributeEvidence = attributeEvidence;
  for (const relationship of outgoing) {
    const targets = (node[relationship.type] ??= []) as Array<{ '@id': string }>;
    targets.push({ '@id': entityUri(ld, relationship.toId) });
  }
  return node;
}

/** Each Wikidata (or other) link of an entity as a statement with the evidence that supports it. */
export function sameAsNodes(ld: LinkedDataBase, entity: EntityModel): JsonLdNode[] {
  const subject = entityUri(ld, entity.id);
  return entity.sameAs.map((link, i) => {
    const id = partIri(subject, `same-as-${i + 1}`);
    return { '@id': id, '@type': ['rdf:Statement'], subject, predicate: 'sameAs', object: link.uri, ...provenance(ld, id, link.evidence) };
  });
}

/**
 * Everything the exports say about one entity: the entity, its links, then each relationship that
 * starts at it, made one at a time as they are asked for (a hub can start thousands).
 */
export function* describeEntity(ld: LinkedDataBase, entity: EntityModel, outgoing: readonly RelationshipModel[]): Generator<JsonLdNode> {
  yield entityNode(ld, entity, outgoing);
  yield* sameAsNodes(ld, entity);
  for (const relationship of outgoing) yield relationshipNode(ld, relationship);
}
