/**
 * The store's models: what the graph holds, independent of GraphQL. codegen maps every GraphQL
 * object type to one of these (see codegen.ts), so resolvers receive and return real store shapes.
 *
 * References to other records are ids and end in `Id`, so a model field never shadows a GraphQL
 * field of the same name that resolves to an object.
 */

export const ENTITY_TYPES = [
  'Country',
  'Person',
  'Agreement',
  'Event',
  'Topic',
  'Organization',
  'Place',
  'Product',
  'Office',
  'Policy',
  'Source',
] as const;

export type EntityTypeName = (typeof ENTITY_TYPES)[number];

/** The GraphQL `EntityType` enum value of each entity type name: `Country` → `COUNTRY`. */
export type EntityTypeCode = Uppercase<EntityTypeName>;

export type LanguageCode = 'EN' | 'DE' | 'FR';
export type EvidenceMethod = 'EXTRACTED' | 'INFERRED' | 'EXTERNAL';
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

interface EntityBase<T extends EntityTypeName> {
  id: string;
  type: T;
  entityType: Uppercase<T>;
  name: string;
  aliases: string[];
  labels: LabelModel[];
  description: string | null;
  mentions: EvidenceModel[];
}

export interface CountryModel extends EntityBase<'Country'> {
  code: string;
}
export type PersonModel = EntityBase<'Person'>;
export interface AgreementModel extends EntityBase<'Agreement'> {
  kind: 'JOINT_DECLARATION_OF_INTENT' | 'ALLIANCE';
  concludedOn: PartialDateModel | null;
}
export interface EventModel extends EntityBase<'Event'> {
  kind: 'CONFERENCE' | 'TRADE_FAIR' | 'FOUNDING';
  status: 'HELD' | 'PLANNED';
  startsOn: PartialDateModel | null;
  endsOn: PartialDateModel | null;
}
export type TopicModel = EntityBase<'Topic'>;
export interface OrganizationModel extends EntityBase<'Organization'> {
  kind: 'POLITICAL_PARTY' | 'PUBLISHER' | 'GOVERNMENT_BODY';
}
export interface PlaceModel extends EntityBase<'Place'> {
  kind: 'CITY' | 'REGION';
}
export interface ProductModel extends EntityBase<'Product'> {
  kind: 'AI_PLATFORM';
}
export type OfficeModel = EntityBase<'Office'>;
export type PolicyModel = EntityBase<'Policy'>;
export interface SourceModel extends EntityBase<'Source'> {
  title: string;
  publishedOn: PartialDateModel;
  language: LanguageCode;
  translatedFrom: LanguageCode | null;
  sha256: string;
  length: number;
  url: string | null;
}

export type EntityModel =
  | CountryModel
  | PersonModel
  | AgreementModel
  | EventModel
  | TopicModel
  | OrganizationModel
  | PlaceModel
  | ProductModel
  | OfficeModel
  | PolicyModel
  | SourceModel;

export interface EdgeModel {
  /** `Relationship:<from id>><TYPE>><to id>`: derived from the ends, so stable across restarts. */
  id: string;
  type: EdgeType;
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
export type NodeModel = EntityModel | EdgeModel;

export const EDGE_TYPES = [
  'SIGNED',
  'PARTY_TO',
  'CONCLUDED_AT',
  'HELD_AT',
  'LOCATED_IN',
  'CAPITAL_OF',
  'COVERS',
  'MILESTONE_OF',
  'COUNTERPART_OF',
  'MEMBER_OF',
  'HOLDS_OFFICE',
  'OFFICE_OF',
  'BROADER_THAN',
  'ATTENDED',
  'PARTICIPATES_IN',
  'SEEKS_INDEPENDENCE_FROM',
  'ORIGINATES_FROM',
  'HAS_STRENGTH_IN',
  'SPOKE_ABOUT',
  'PROMOTES',
  'TARGETS_MARKET',
  'POLICY_OF',
  'RESPONDS_TO',
  'PUBLISHED_BY',
  'CONTRIBUTED_TO',
] as const;

export type EdgeType = (typeof EDGE_TYPES)[number];

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
  edge: EdgeModel;
  otherId: string;
  direction: Exclude<Direction, 'BOTH'>;
}

/** Whether an attribute value of an entity is a date with its evidence. */
export function isPartialDate(value: unknown): value is PartialDateModel {
  return typeof value === 'object' && value !== null && 'precision' in value && 'evidence' in value;
}

export function isEdge(node: NodeModel): node is EdgeModel {
  return 'fromId' in node;
}

export type RelationConnectionModel = ConnectionModel<RelationEdgeModel>;
export type EntityConnectionModel<TNode extends EntityModel = EntityModel> = ConnectionModel<NodeEdgeModel<TNode>>;

/** A fact and one piece of its evidence, as `evidenceIn` returns it. */
export interface FactModel {
  subjectId: string;
  kind: 'MENTION' | 'RELATIONSHIP' | 'DATE';
  attribute: string | null;
  evidence: EvidenceModel;
}

export type SearchField = 'NAME' | 'ALIAS' | 'DESCRIPTION' | 'EVIDENCE';

export interface TextSpanModel {
  start: number;
  end: number;
}

/** One search result: an entity, or a relationship whose evidence matched. */
export interface SearchHitModel {
  nodeId: string;
  score: number;
  field: SearchField;
  snippet: { text: string; highlights: TextSpanModel[] };
  evidence: EvidenceModel | null;
}

export interface NeighborhoodNodeModel {
  entity: EntityModel;
  depth: number;
}

export interface NeighborhoodModel {
  center: EntityModel;
  nodes: NeighborhoodNodeModel[];
  edges: EdgeModel[];
}

export interface PathHopModel {
  fromId: string;
  toId: string;
  edge: EdgeModel;
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
