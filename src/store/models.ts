/**
 * The store's models: what the graph holds, independent of GraphQL. codegen maps every GraphQL
 * object type to one of these (see codegen.ts), so resolvers receive and return real store shapes.
 *
 * References to other records are ids and end in `Id`, so a model field never shadows a GraphQL
 * field of the same name that resolves to an object.
 */

export { RELATIONSHIP_TYPES, ENTITY_TYPES } from '../generated/catalogue.js';
export type * from '../generated/catalogue.js';
import type { RelationshipType, EntityModel, EntityTypeName } from '../generated/catalogue.js';

/** The GraphQL `EntityType` enum value of each entity type name: `Country` → `COUNTRY`. */
export type EntityTypeCode = Uppercase<EntityTypeName>;

export type LanguageCode = 'EN' | 'DE' | 'FR';
export type EvidenceMethod = 'EXTRACTED' | 'INFERRED' | 'EDITORIAL' | 'EXTERNAL';
export type Modality = 'STATED' | 'PLANNED' | 'REPORTED_SPEECH';
export type DatePrecision = 'YEAR' | 'MONTH' | 'DAY';
export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

export interface EvidenceModel {
  sourceId: string;
  /** Offsets are UTF-16 code units, as JavaScript strings index them: text.slice(start, end) === quote. */
  start: number;
  end: number;
  quote: string;
  method: EvidenceMethod;
  reason: string | null;
  reference: string | null;
  modality: Modality;
  speakerId: string | null;
}

export interface LabelModel {
  language: LanguageCode;
  text: string;
  /** The curator's translation of the entity's name, not a name in established use in that language. */
  isTranslation: boolean;
}

/** The evidence for one attribute of an entity other than a date (dates carry their own). */
export interface AttributeEvidenceModel {
  attribute: string;
  evidence: EvidenceModel[];
}

export interface PartialDateModel {
  iso: string;
  precision: DatePrecision;
  earliest: string;
  latest: string;
  qualifier: string | null;
  isInferred: boolean;
  evidence: EvidenceModel[];
}

/**
 * What every entity has; each type's model adds its attributes (see src/generated/catalogue.ts),
 * and a source its sentence spans.
 */
export type EntityBase<T extends EntityTypeName> = EntityFields<T> & (T extends 'Source' ? SourceSpansModel : unknown);

export interface EntityFields<T extends EntityTypeName> {
  id: string;
  type: T;
  entityType: Uppercase<T>;
  name: string;
  aliases: string[];
  labels: LabelModel[];
  description: string | null;
  mentions: EvidenceModel[];
  attributeEvidence: readonly AttributeEvidenceModel[];
  /** The same thing in other knowledge bases, such as its Wikidata item; empty for most entities. */
  sameAs: readonly SameAsModel[];
}

/** A link to the same thing in another knowledge base, with the evidence that it is the same. */
export interface SameAsModel {
  /** The thing's URI there, such as http://www.wikidata.org/entity/Q183. */
  uri: string;
  evidence: EvidenceModel[];
}

export interface RelationshipModel {
  /** `Relationship:<from id>><TYPE>><to id>`: derived from the ends, so stable across restarts. */
  id: string;
  type: RelationshipType;
  fromId: string;
  toId: string;
  onBehalfOfId: string | null;
  capacity: string | null;
  role: string | null;
  note: string | null;
  ordinal: number | null;
  evidence: EvidenceModel[];
}

/** Anything `node(id:)` can return. */
export type NodeModel = EntityModel | RelationshipModel;

/** One page of a list, as connection resolvers receive it. */
export interface ConnectionModel<TEdge> {
  edges: TEdge[];
  totalCount: number;
  pageInfo: PageInfoModel;
}

export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** An item of a root list: the node and its cursor. */
export interface NodeEdgeModel<TNode extends EntityModel = EntityModel> {
  cursor: string;
  node: TNode;
}

/** An item of a relationship list: the relationship and the id of the entity at its other end. */
export interface RelationEdgeModel {
  cursor: string;
  relationship: RelationshipModel;
  otherId: string;
  direction: Exclude<Direction, 'BOTH'>;
  /** The entity at the other end, when the page brought it (read as much as the page's reader reads). */
  other?: EntityModel;
}

/** Whether an attribute value of an entity is a date with its evidence. */
export function isPartialDate(value: unknown): value is PartialDateModel {
  return typeof value === 'object' && value !== null && 'precision' in value && 'evidence' in value;
}

export function isRelationship(node: NodeModel): node is RelationshipModel {
  return 'fromId' in node;
}

export type RelationConnectionModel = ConnectionModel<RelationEdgeModel>;
export type EntityConnectionModel<TNode extends EntityModel = EntityModel> = ConnectionModel<NodeEdgeModel<TNode>>;

/** A fact and one piece of its evidence, as `evidenceIn` returns it. */
export interface FactModel {
  subjectId: string;
  kind: 'MENTION' | 'RELATIONSHIP' | 'DATE' | 'ATTRIBUTE' | 'SAME_AS';
  attribute: string | null;
  evidence: EvidenceModel;
}

export type SearchField = 'NAME' | 'ALIAS' | 'DESCRIPTION' | 'EVIDENCE';

export interface TextSpanModel {
  start: number;
  end: number;
}

export type SentenceStatus = 'COVERED' | 'NOT_MODELLED' | 'UNEXPLAINED' | 'STALE';

/** A sentence of a source, its facts, and how it is accounted for (see src/modules/coverage). */
export interface SentenceModel extends TextSpanModel {
  status: SentenceStatus;
  facts: FactModel[];
  reason: string | null;
}

export interface SourceCoverageModel {
  sentences: SentenceModel[];
  counts: Record<SentenceStatus, number>;
}

/** A sentence of a source that is deliberately not modelled, with the curator's reason. */
export interface NotModelledModel extends TextSpanModel {
  quote: string;
  reason: string;
}

/**
 * What a source record holds beyond its attributes, for `Source.coverage`: the spans of its
 * sentences (offsets only, written by `npm run coverage -- --write`) and the sentences declared not
 * modelled. Both are empty when the seed records none.
 */
export interface SourceSpansModel {
  sentences: readonly TextSpanModel[];
  notModelled: readonly NotModelledModel[];
}

/** What a type's entities hold beyond their attributes, by property name: a source's sentence spans. */
export const ENTITY_LISTS: Partial<Record<EntityTypeName, ReadonlyArray<keyof SourceSpansModel>>> = { Source: ['sentences', 'notModelled'] };

/** One search result: an entity, or a relationship whose evidence matched. */
export interface SearchHitModel {
  nodeId: string;
  score: number;
  field: SearchField;
  snippet: { text: string; highlights: TextSpanModel[] };
  evidence: EvidenceModel | null;
  isExactMatch: boolean;
}

export interface NeighborhoodNodeModel {
  entity: EntityModel;
  depth: number;
}

export interface NeighborhoodModel {
  center: EntityModel;
  nodes: NeighborhoodNodeModel[];
  edges: RelationshipModel[];
}

export interface PathHopModel {
  fromId: string;
  toId: string;
  relationship: RelationshipModel;
  direction: 'OUTGOING' | 'INCOMING';
}

export interface PathModel {
  nodeIds: string[];
  hops: PathHopModel[];
}

export interface TimelineEntryModel {
  date: PartialDateModel;
  kind: 'CONCLUDED' | 'STARTS' | 'ENDS' | 'PUBLISHED';
  entity: EntityModel;
  label: string;
}

export interface GroupCountModel {
  entityId: string | null;
  value: string | null;
  count: number;
  memberIds: string[];
}

export interface ItemEdgeModel<T> {
  cursor: string;
  node: T;
}

export type SnippetModel = SearchHitModel['snippet'];
export type SearchEdgeModel = ItemEdgeModel<SearchHitModel>;
export type SearchConnectionModel = ConnectionModel<SearchEdgeModel>;
export type TimelineEdgeModel = ItemEdgeModel<TimelineEntryModel>;
export type TimelineConnectionModel = ConnectionModel<TimelineEdgeModel>;
export type GroupCountEdgeModel = ItemEdgeModel<GroupCountModel>;
export type GroupCountConnectionModel = ConnectionModel<GroupCountEdgeModel>;
export type FactEdgeModel = ItemEdgeModel<FactModel>;
export type FactConnectionModel = ConnectionModel<FactEdgeModel>;

/** A journal entry, as `Change` resolvers receive it (see WritableGraphStore). */
export type { JournalEntry as ChangeModel } from './graph-store.js';

/** What a change did to one fact or entity, read from its record before and after. */
export interface FactChangeModel {
  id: string;
  action: 'ADDED' | 'CORROBORATED' | 'CHANGED' | 'RETRACTED' | 'MERGED';
  /** The relationship or entity to show as it is now; null when the change removed it. */
  nodeId: string | null;
  /** The evidence the change gave the fact: what its record holds after and did not before. */
  evidence: EvidenceModel[];
  mergedIntoId: string | null;
}

export interface ChangeEdgeModel {
  cursor: string;
  node: import('./graph-store.js').JournalEntry;
}

/** A page of the journal; its totalCount is counted only when asked for, with the page's filter. */
export interface ChangeConnectionModel {
  edges: ChangeEdgeModel[];
  pageInfo: PageInfoModel;
  count: () => Promise<number>;
}
