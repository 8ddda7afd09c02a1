import type { EntityTypeName } from '../store/models.js';

/**
 * The words of Entente's linked data: the namespaces it borrows from, the JSON-LD context it
 * publishes at /context.jsonld, and the addresses of its things. Everything is named under the
 * service's public address (PUBLIC_URL): entities at `<base>/entities/<id>`, Entente's own terms at
 * `<base>/vocab#<term>`. schema.org names entity types and common properties where they fit; PROV-O
 * says where each relationship comes from; everything else is a term of Entente's vocabulary.
 */

export const NAMESPACES = {
  schema: 'http://schema.org/',
  prov: 'http://www.w3.org/ns/prov#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** The schema.org type of each entity type that has one that fits; the others are only Entente types. */
export const SCHEMA_ORG_TYPES: Partial<Record<EntityTypeName, string>> = {
  Country: 'schema:Country',
  Event: 'schema:Event',
  Organization: 'schema:Organization',
  Person: 'schema:Person',
  Place: 'schema:Place',
  Product: 'schema:Product',
  Source: 'schema:CreativeWork',
};

/** How a key of a node object is read: the IRI it names, and how its values are read. */
export interface TermDefinition {
  '@id': string;
  /** `@id`: the value is an IRI; `@vocab`: a term of the vocabulary; an xsd type: a typed literal. */
  '@type'?: '@id' | '@vocab' | `xsd:${string}`;
  '@container'?: '@set' | '@language';
}

/**
 * The keys that are not simply Entente terms. A key without a definition (an attribute such as
 * `code`, a relationship type such as `SIGNED`) names `<base>/vocab#<key>` through `@vocab`.
 */
export const TERMS: Readonly<Record<string, TermDefinition>> = {
  identifier: { '@id': 'schema:identifier' },
  name: { '@id': 'schema:name' },
  alternateName: { '@id': 'schema:alternateName', '@container': '@set' },
  label: { '@id': 'rdfs:label', '@container': '@language' },
  description: { '@id': 'schema:description' },
  sameAs: { '@id': 'schema:sameAs', '@type': '@id', '@container': '@set' },
  mentions: { '@id': 'vocab:mentions', '@container': '@set' },
  attributeEvidence: { '@id': 'vocab:attributeEvidence', '@container': '@set' },
  // A relationship as a statement, and where it comes from.
  subject: { '@id': 'rdf:subject', '@type': '@id' },
  predicate: { '@id': 'rdf:predicate', '@type': '@vocab' },
  object: { '@id': 'rdf:object', '@type': '@id' },
  onBehalfOf: { '@id': 'vocab:onBehalfOf', '@type': '@id' },
  wasDerivedFrom: { '@id': 'prov:wasDerivedFrom', '@type': '@id', '@container': '@set' },
  evidence: { '@id': 'prov:qualifiedDerivation', '@container': '@set' },
  // One piece of evidence: the span of a source, and how the fact was read from it.
  source: { '@id': 'prov:entity', '@type': '@id' },
  method: { '@id': 'vocab:method', '@type': '@vocab' },
  modality: { '@id': 'vocab:modality', '@type': '@vocab' },
  reference: { '@id': 'vocab:reference', '@type': '@id' },
  speaker: { '@id': 'vocab:speaker', '@type': '@id' },
  earliest: { '@id': 'vocab:earliest', '@type': 'xsd:date' },
  latest: { '@id': 'vocab:latest', '@type': 'xsd:date' },
};

/** The addresses of one deployment: its base, its vocabulary and its context. */
export interface LinkedDataBase {
  /** The public address without a trailing slash, such as `http://localhost:4000`. */
  base: string;
  vocab: string;
  context: string;
}

export function linkedDataBase(base: string): LinkedDataBase {
  return { base, vocab: `${base}/vocab#`, context: `${base}/context.jsonld` };
}

/** The JSON-LD context every document of this deployment names, served at /context.jsonld. */
export function contextDocument(addresses: LinkedDataBase): { '@context': Record<string, unknown> } {
  return { '@context': { '@vocab': addresses.vocab, vocab: addresses.vocab, ...NAMESPACES, ...TERMS } };
}

/** An entity's URI: its id after `/entities/`; ids are `Type:slug`, which a path may hold as it is. */
export function entityUri(addresses: LinkedDataBase, id: string): string {
  return `${addresses.base}/entities/${id}`;
}

/** A relationship's URI: its id, whose `>` separators a URI must escape. */
export function relationshipUri(addresses: LinkedDataBase, id: string): string {
  return `${addresses.base}/relationships/${id.replace(/>/g, '%3E')}`;
}

/** Expands a compact IRI (`schema:name`) with the namespaces above; any other text is returned as it is. */
export function expandCompactIri(addresses: LinkedDataBase, value: string): string {
  const colon = value.indexOf(':');
  if (colon > 0) {
    const prefix = value.slice(0, colon);
    if (prefix === 'vocab') return addresses.vocab + value.slice(colon + 1);
    if (prefix in NAMESPACES) return NAMESPACES[prefix as keyof typeof NAMESPACES] + value.slice(colon + 1);
  }
  return value;
}
