/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** Facts to add, all or none. */
export type AddFactsInput = {
  /** Attributes to give entities that have none of that name yet. */
  attributes?: Array<AttributeFactInput> | null | undefined;
  /** Why they are added, for the journal. */
  reason?: string | null | undefined;
  /** Relationships to add. */
  relationships?: Array<RelationshipInput> | null | undefined;
};

/** A source to add: its text and what identifies it. */
export type AddSourceInput = {
  /** The language the text is written in. */
  language: Language;
  /** The passages that name the source; the first occurrence of its title in the text when omitted. */
  mentions?: Array<EvidenceInput> | null | undefined;
  /** When the source was published, with evidence (which may quote the new source itself). */
  publishedOn: PartialDateInput;
  /** The organization that published the source, with evidence. */
  publisher?: PublisherInput | null | undefined;
  /** Why the source is added, for the journal. */
  reason?: string | null | undefined;
  /** The lowercase slug of the new source's id, such as `heise-2026-03-ai-act` for `Source:heise-2026-03-ai-act`. */
  slug: string;
  /** The source's whole text; evidence offsets count in it. */
  text: string;
  /** The source's title. */
  title: string;
  /** Where the source was published. */
  url?: string | null | undefined;
};

/** What sort of agreement an agreement is. */
export type AgreementKind =
  /** A standing partnership between parties. */
  | 'ALLIANCE'
  /** A signed statement of shared intentions that does not bind the parties in law. */
  | 'JOINT_DECLARATION_OF_INTENT';

/** An attribute to give an entity the graph holds, with its evidence. */
export type AttributeFactInput = {
  /** The id of the entity. */
  entity: string | number;
  /** The passages that support the value. */
  evidence: Array<EvidenceInput>;
  /** The attribute's field name, such as `status`. */
  name: string;
  /** For a date, a word the source narrows it with. */
  qualifier?: string | null | undefined;
  /** The value, as in AttributeInput. */
  value: string;
};

/** How finely a date is known. */
export type DatePrecision =
  /** The exact day is known, such as 14 February 2026. */
  | 'DAY'
  /** The year and month are known, such as December 2025. */
  | 'MONTH'
  /** Only the year is known, such as 2026. */
  | 'YEAR';

/** Which way a relationship is followed from an entity. */
export type Direction =
  /** Relationships in either direction. */
  | 'BOTH'
  /** Relationships that end at the entity. */
  | 'INCOMING'
  /** Relationships that start at the entity. */
  | 'OUTGOING';

/** A kind of entity in the graph. */
export type EntityType =
  /** An agreement between parties, such as a joint declaration of intent or an alliance. */
  | 'AGREEMENT'
  /** A sovereign country named in at least one source, such as Germany or Canada. */
  | 'COUNTRY'
  /** A conference, trade fair, founding or other happening with a date and a place. */
  | 'EVENT'
  /** A public office a person can hold, such as a national minister. */
  | 'OFFICE'
  /** An organization named in a source, such as a political party, a publisher or a government body. */
  | 'ORGANIZATION'
  /** A person named in at least one source, such as a minister who signed an agreement. */
  | 'PERSON'
  /** A city, capital or region named in a source, such as Montreal. */
  | 'PLACE'
  /** A government policy or plan named in a source, such as the America First policy. */
  | 'POLICY'
  /** A product or platform named in a source, such as ChatGPT. */
  | 'PRODUCT'
  /** A published text that facts in the graph are taken from, identified by its title, publisher, date and the SHA-256 of its text. */
  | 'SOURCE'
  /** A subject that agreements cover and people speak about, such as energy efficiency; topics form a hierarchy. */
  | 'TOPIC';

/** A passage of a stored source text that supports a fact, checked by the same rules as the seed's evidence. */
export type EvidenceInput = {
  /** The offset just past the passage's last character. */
  end: number;
  /** How the fact is obtained from the passage. */
  method?: EvidenceMethod | null | undefined;
  /** How the source puts the fact. */
  modality?: Modality | null | undefined;
  /** The passage's exact words, the shortest that support the fact. */
  quote: string;
  /** The reasoning step or judgement, required for INFERRED and EDITORIAL. */
  reason?: string | null | undefined;
  /** The outside reference, required for EXTERNAL. */
  reference?: string | null | undefined;
  /** The id of the source, whose text the server must hold. */
  source: string | number;
  /** The id of the person whose words the source reports, required for REPORTED_SPEECH. */
  speaker?: string | number | null | undefined;
  /** The offset of the passage's first character in the source text, in UTF-16 code units. */
  start: number;
};

/** How a fact was obtained from its source. */
export type EvidenceMethod =
  /** The fact is the curator's judgement about what the quoted words name, such as a topic hierarchy, with the judgement's grounds in `reason`; the source does not state it. */
  | 'EDITORIAL'
  /** The quoted words name the subject and an outside reference, given in `reference`, supplies the fact. */
  | 'EXTERNAL'
  /** The quoted words state the fact directly. */
  | 'EXTRACTED'
  /** The fact follows from the quoted words by a reasoning step stated in `reason`. */
  | 'INFERRED';

/** A language in which the graph records names of entities. */
export type Language =
  /** German. */
  | 'DE'
  /** English. */
  | 'EN'
  /** French. */
  | 'FR';

/** Which of an entity's names a passage matches. */
export type MentionNameKind =
  /** One of the entity's aliases or short forms. */
  | 'ALIAS'
  /** One of the entity's names in another language. */
  | 'LABEL'
  /** The entity's usual English name. */
  | 'NAME';

/** How the source puts a fact. */
export type Modality =
  /** The source reports the fact as planned, announced or intended, not yet done. */
  | 'PLANNED'
  /** The source reports the fact as the words of a person, named in `speaker`. */
  | 'REPORTED_SPEECH'
  /** The source states the fact as true. */
  | 'STATED';

/** A date to the precision the words allow, with its evidence. */
export type PartialDateInput = {
  /** The passages that support the date. */
  evidence: Array<EvidenceInput>;
  /** A word the source narrows the date with, such as `mid`. */
  qualifier?: string | null | undefined;
  /** The date as YYYY, YYYY-MM or YYYY-MM-DD. */
  value: string;
};

/** The organization that published a source, and the evidence for it. */
export type PublisherInput = {
  /** The passages that say who published the source. */
  evidence: Array<EvidenceInput>;
  /** The id of the organization. */
  organization: string | number;
};

/** A relationship to add between two entities the graph holds or the same batch adds. */
export type RelationshipInput = {
  /** The capacity in which the person acted, as the source words it. */
  capacity?: string | null | undefined;
  /** The passages that support the relationship. */
  evidence: Array<EvidenceInput>;
  /** The id of the entity it starts at. */
  from: string | number;
  /** A short note as the source words it. */
  note?: string | null | undefined;
  /** For SIGNED, the id of the country the person signed for. */
  onBehalfOf?: string | number | null | undefined;
  /** For MILESTONE_OF, the milestone's position, 1 for the first. */
  ordinal?: number | null | undefined;
  /** The role taken, as the source words it. */
  role?: string | null | undefined;
  /** The id of the entity it ends at. */
  to: string | number;
  /** The relationship's type. */
  type: RelationshipType;
};

/** The closed vocabulary of relationship types, each read as `from TYPE to`. */
export type RelationshipType =
  /** A person attended an event. */
  | 'ATTENDED'
  /** A topic is broader than another topic. */
  | 'BROADER_THAN'
  /** An agreement builds on strengths its parties bring in a topic; the note gives the source's words, such as `complementary strengths`. */
  | 'BUILDS_ON'
  /** A place is the capital of a country. */
  | 'CAPITAL_OF'
  /** An agreement was signed or founded at an event. */
  | 'CONCLUDED_AT'
  /** A person contributed to a source, in a role such as image credit. */
  | 'CONTRIBUTED_TO'
  /** A person holds the office that corresponds to another person's office in another country. */
  | 'COUNTERPART_OF'
  /** An agreement covers a topic; the note gives the source's words for how, such as `a practical focus`. */
  | 'COVERS'
  /** A country brings a strength in a topic. */
  | 'HAS_STRENGTH_IN'
  /** An event takes place in a place. */
  | 'HELD_AT'
  /** A person holds a public office. */
  | 'HOLDS_OFFICE'
  /** A topic or policy shapes a topic, as the source describes it: defines it, drives it, strains it or is a crucial factor for it; the note gives the source's words. */
  | 'INFLUENCES'
  /** A place, country or organization lies within a larger place. */
  | 'LOCATED_IN'
  /** A person is a member of an organization, such as a political party. */
  | 'MEMBER_OF'
  /** An agreement or event is a milestone of a larger agreement. */
  | 'MILESTONE_OF'
  /** An office belongs to the government of a country. */
  | 'OFFICE_OF'
  /** A product comes from a country. */
  | 'ORIGINATES_FROM'
  /** A country takes part in an event, in a role such as guest country. */
  | 'PARTICIPATES_IN'
  /** A country is a party to an agreement. */
  | 'PARTY_TO'
  /** A policy is pursued by a country, government body or person. */
  | 'POLICY_OF'
  /** A country, agreement or policy promotes a topic or idea; the note gives the source's words, such as `increasingly relies on deregulation at home`. */
  | 'PROMOTES'
  /** A source was published by an organization. */
  | 'PUBLISHED_BY'
  /** An agreement is a response to a policy. */
  | 'RESPONDS_TO'
  /** An agreement aims at independence from a country or product; the note says in what respect, as the source words it, such as `technologically and economically`. */
  | 'SEEKS_INDEPENDENCE_FROM'
  /** A person signed an agreement, for a country and in a capacity. */
  | 'SIGNED'
  /** A person spoke about a topic, as reported by the source. */
  | 'SPOKE_ABOUT'
  /** A country aims at a market in a region. */
  | 'TARGETS_MARKET'
  /** A government body threatens others with a measure, such as tariffs; the note says whom and where, as the source words it. */
  | 'THREATENS_WITH';

/** Where a search term was found. */
export type SearchField =
  /** One of the entity's aliases or its names in other languages. */
  | 'ALIAS'
  /** The entity's one-sentence description. */
  | 'DESCRIPTION'
  /** A quote of the evidence for a relationship. */
  | 'EVIDENCE'
  /** The entity's name. */
  | 'NAME';

/** What a dated fact on the timeline records. */
export type TimelineKind =
  /** An agreement was signed or founded. */
  | 'CONCLUDED'
  /** An event ends. */
  | 'ENDS'
  /** A source was published. */
  | 'PUBLISHED'
  /** An event starts. */
  | 'STARTS';

/** The kinds of problem a mutation's input can have. */
export type UserErrorCode =
  /** The graph holds it already. */
  | 'ALREADY_EXISTS'
  /** Merging would leave the graph with a fact it cannot hold, such as an entity related to itself. */
  | 'MERGE_CONFLICT'
  /** It names a fact or entity the graph does not hold. */
  | 'NOT_FOUND'
  /** A rule of the seed refuses it, such as a quote that does not match its offsets. */
  | 'RULE_VIOLATED'
  /** It cites a source whose text the server does not hold, so its quotes cannot be checked. */
  | 'TEXT_NOT_STORED';

export type CurateSourcesQueryVariables = Exact<{ [key: string]: never; }>;


export type CurateSourcesQuery = { sources: { nodes: Array<{ id: string, title: string, length: number, sha256: string }> } };

export type CurateMentionsQueryVariables = Exact<{
  text: string;
}>;


export type CurateMentionsQuery = { mentionsIn: { totalCount: number, nodes: Array<{ start: number, end: number, quote: string, matchedName: string, nameKind: MentionNameKind, entity:
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
       }> } };

export type CurateAddSourceMutationVariables = Exact<{
  input: AddSourceInput;
}>;


export type CurateAddSourceMutation = { addSource: { source: { id: string, title: string } | null, change: { sequence: number } | null, userErrors: Array<{ path: Array<string>, message: string, code: UserErrorCode }> } | null };

export type CurateAddFactsMutationVariables = Exact<{
  input: AddFactsInput;
}>;


export type CurateAddFactsMutation = { addFacts: { relationships: Array<{ id: string, type: RelationshipType, from:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , to:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , evidence: Array<{ quote: string, start: number, end: number, method: EvidenceMethod }> }> | null, change: { sequence: number, cursor: string } | null, userErrors: Array<{ path: Array<string>, message: string, code: UserErrorCode }> } | null };

export type ExploreIndexQueryVariables = Exact<{ [key: string]: never; }>;


export type ExploreIndexQuery = { countries: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, people: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, agreements: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, events: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, topics: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, organizations: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, places: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, products: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, offices: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, policies: { nodes: Array<{ id: string, name: string, entityType: EntityType }> }, sources: { nodes: Array<{ id: string, name: string, entityType: EntityType }> } };

export type ExploreSearchQueryVariables = Exact<{
  query: string;
}>;


export type ExploreSearchQuery = { search: { nodes: Array<{ isExactMatch: boolean, node:
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
       }> } };

export type ExploreEntityQueryVariables = Exact<{
  id: string | number;
}>;


export type ExploreEntityQuery = { node:
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { id: string }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
    | { name: string, entityType: EntityType, description: string | null, id: string, relations: { totalCount: number, edges: Array<{ direction: Direction, other:
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
            | { id: string, name: string, entityType: EntityType }
          , node: { id: string, type: RelationshipType, isSymmetric: boolean, evidence: Array<{ method: EvidenceMethod }> } }> } }
   | null };

export type ExploreRelationshipQueryVariables = Exact<{
  id: string | number;
}>;


export type ExploreRelationshipQuery = { node:
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { type: RelationshipType, isSymmetric: boolean, capacity: string | null, role: string | null, note: string | null, id: string, from:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , to:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , onBehalfOf: { id: string, name: string } | null, evidence: Array<{ quote: string, start: number, end: number, method: EvidenceMethod, reason: string | null, reference: string | null, modality: Modality, speaker: { id: string, name: string } | null, context: { before: string, quote: string, after: string } | null, source: { id: string, title: string, url: string | null, sha256: string, publishedOn: { iso: string } } }> }
    | { id: string }
    | { id: string }
   | null };

export type ExplorePathsQueryVariables = Exact<{
  from: string | number;
  to: string | number;
}>;


export type ExplorePathsQuery = { paths: Array<{ length: number, hops: Array<{ direction: Direction, from:
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
      , to:
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
      , relationship: { id: string, type: RelationshipType, isSymmetric: boolean }, evidence: Array<{ quote: string, method: EvidenceMethod }> }> }> };

export type ExploreTimelineQueryVariables = Exact<{ [key: string]: never; }>;


export type ExploreTimelineQuery = { timeline: { totalCount: number, nodes: Array<{ kind: TimelineKind, label: string, date: { iso: string, precision: DatePrecision, earliest: string, latest: string, qualifier: string | null, isInferred: boolean }, entity:
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
       }> } };

export type HowConnectedQueryVariables = Exact<{
  from?: string | number;
  to?: string | number;
  maxHops?: number | null | undefined;
}>;


export type HowConnectedQuery = { paths: Array<{ length: number, hops: Array<{ direction: Direction, from:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , relationship: { id: string, type: RelationshipType }, to:
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
        | { id: string, name: string }
      , evidence: Array<{ quote: string }> }> }> };

export type WelcomeQueryVariables = Exact<{ [key: string]: never; }>;


export type WelcomeQuery = { countries: { totalCount: number }, people: { totalCount: number }, agreements: { totalCount: number }, events: { totalCount: number }, topics: { totalCount: number }, organizations: { totalCount: number }, places: { totalCount: number }, products: { totalCount: number }, offices: { totalCount: number }, policies: { totalCount: number }, sources: { totalCount: number } };

export type NeighbourhoodQueryVariables = Exact<{
  id?: string | number;
  depth?: number | null | undefined;
}>;


export type NeighbourhoodQuery = { neighborhood: { center:
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
      | { id: string, name: string }
    , nodes: Array<{ id: string, label: string, entityType: EntityType, depth: number }>, edges: Array<{ id: string, source: string, target: string, type: RelationshipType, label: string }> } | null };

export type SearchQueryVariables = Exact<{
  query?: string;
  first?: number | null | undefined;
}>;


export type SearchQuery = { search: { totalCount: number, nodes: Array<{ score: number, field: SearchField, snippet: { text: string, highlights: Array<{ start: number, end: number }> }, node:
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
        | { type: RelationshipType, id: string, from:
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
          , to:
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
            | { id: string, name: string }
           }
        | { name: string, entityType: EntityType, id: string }
        | { name: string, entityType: EntityType, id: string }
      , evidence: { quote: string, source: { id: string, title: string } } | null }> } };

export type TimelineQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type TimelineQuery = { timeline: { totalCount: number, nodes: Array<{ kind: TimelineKind, label: string, date: { iso: string, precision: DatePrecision, qualifier: string | null, isInferred: boolean }, entity:
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
        | { id: string, name: string, entityType: EntityType }
       }> } };

export type WhoSignedQueryVariables = Exact<{
  agreement?: string | number;
}>;


export type WhoSignedQuery = { node:
    | { name: string, kind: AgreementKind, id: string, concludedOn: { iso: string, precision: DatePrecision, isInferred: boolean } | null, concludedAt: { node: { id: string, name: string } } | null, signatories: { totalCount: number, edges: Array<{ capacity: string | null, node: { id: string, name: string }, onBehalfOf: { id: string, name: string } | null, evidence: Array<{ quote: string, start: number, end: number, method: EvidenceMethod, source: { id: string, title: string } }> }> } }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
    | { id: string }
   | null };


export const CurateSourcesDocument = {"__meta__":{"hash":"sha256:76ef673e2b4f457c3535ad902819fcf354b39ca95eab96f0b89a9bb3dff9ef79"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CurateSources"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}}]}}]}}]}}]} as unknown as DocumentNode<CurateSourcesQuery, CurateSourcesQueryVariables>;
export const CurateMentionsDocument = {"__meta__":{"hash":"sha256:54a3378adf170e72cf315273ecf30d4436ae3683415804636322cc9a52381ebc"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CurateMentions"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"text"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mentionsIn"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"text"},"value":{"kind":"Variable","name":{"kind":"Name","value":"text"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"matchedName"}},{"kind":"Field","name":{"kind":"Name","value":"nameKind"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<CurateMentionsQuery, CurateMentionsQueryVariables>;
export const CurateAddSourceDocument = {"__meta__":{"hash":"sha256:d657bee96a9db3b71c9f187d3825bea9a2cffd8625a8d92b3c6dcd19607b8b8c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CurateAddSource"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddSourceInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addSource"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}},{"kind":"Field","name":{"kind":"Name","value":"change"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CurateAddSourceMutation, CurateAddSourceMutationVariables>;
export const CurateAddFactsDocument = {"__meta__":{"hash":"sha256:c4bd9b9b69a46a757c36dcc92251aa513c01bca2c0f032da8eca267b2596e55d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CurateAddFacts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AddFactsInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"addFacts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"relationships"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"method"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"change"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sequence"}},{"kind":"Field","name":{"kind":"Name","value":"cursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"userErrors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CurateAddFactsMutation, CurateAddFactsMutationVariables>;
export const ExploreIndexDocument = {"__meta__":{"hash":"sha256:4077831c01b83697ec480fd12aeb3c24c35552dbd5b1f2055711c141f8e58e8b"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExploreIndex"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"countries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"people"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"agreements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"topics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"places"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"offices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}}]}}]} as unknown as DocumentNode<ExploreIndexQuery, ExploreIndexQueryVariables>;
export const ExploreSearchDocument = {"__meta__":{"hash":"sha256:d9fa48d8556e1e09c769c1b84f46982503f4ce44f2b10a617df362afbe03546a"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExploreSearch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"includeRelationships"},"value":{"kind":"BooleanValue","value":false}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"isExactMatch"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExploreSearchQuery, ExploreSearchQueryVariables>;
export const ExploreEntityDocument = {"__meta__":{"hash":"sha256:9d10cc62593e6b71d8708cc547986ffed3d35bfb9877fc6bc418e87799fdb24e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExploreEntity"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"relations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"other"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"isSymmetric"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"method"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExploreEntityQuery, ExploreEntityQueryVariables>;
export const ExploreRelationshipDocument = {"__meta__":{"hash":"sha256:675a82643cd06394b7b309676b4fa94cf61ddc361e54fe086870848580be704e"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExploreRelationship"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Relationship"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"isSymmetric"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"onBehalfOf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"role"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"reference"}},{"kind":"Field","name":{"kind":"Name","value":"modality"}},{"kind":"Field","name":{"kind":"Name","value":"speaker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"context"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}},{"kind":"Field","name":{"kind":"Name","value":"url"}},{"kind":"Field","name":{"kind":"Name","value":"sha256"}},{"kind":"Field","name":{"kind":"Name","value":"publishedOn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExploreRelationshipQuery, ExploreRelationshipQueryVariables>;
export const ExplorePathsDocument = {"__meta__":{"hash":"sha256:00c36b6cf627261ceafa3214b1c648ab4879566ae6c261f706683d0b85aa4ae7"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExplorePaths"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paths"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxHops"},"value":{"kind":"IntValue","value":"4"}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"5"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"hops"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}},{"kind":"Field","name":{"kind":"Name","value":"relationship"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"isSymmetric"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"method"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExplorePathsQuery, ExplorePathsQueryVariables>;
export const ExploreTimelineDocument = {"__meta__":{"hash":"sha256:601acb05fc3ad1ede0be12eff3637c4990d339466b3904b0ffcbd008f6242d15"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ExploreTimeline"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"100"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"earliest"}},{"kind":"Field","name":{"kind":"Name","value":"latest"}},{"kind":"Field","name":{"kind":"Name","value":"qualifier"}},{"kind":"Field","name":{"kind":"Name","value":"isInferred"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ExploreTimelineQuery, ExploreTimelineQueryVariables>;
export const HowConnectedDocument = {"__meta__":{"hash":"sha256:935e3d1452de0508bcc8e20fa708a491fbb14af237edbb85d1f085a55a6296da"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"HowConnected"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},"defaultValue":{"kind":"StringValue","value":"Person:karsten-wildberger","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},"defaultValue":{"kind":"StringValue","value":"Person:donald-trump","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"maxHops"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"4"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"paths"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"maxHops"},"value":{"kind":"Variable","name":{"kind":"Name","value":"maxHops"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"length"}},{"kind":"Field","name":{"kind":"Name","value":"hops"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"relationship"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"type"}}]}},{"kind":"Field","name":{"kind":"Name","value":"direction"}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}}]}}]}}]}}]}}]} as unknown as DocumentNode<HowConnectedQuery, HowConnectedQueryVariables>;
export const WelcomeDocument = {"__meta__":{"hash":"sha256:ac29fdf661b54aa98e32121762adeed37bb36617cdeae6957ff594e1c5fd8001"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Welcome"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"countries"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"people"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"agreements"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"topics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organizations"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"places"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"products"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"offices"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"policies"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","name":{"kind":"Name","value":"sources"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"0"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<WelcomeQuery, WelcomeQueryVariables>;
export const NeighbourhoodDocument = {"__meta__":{"hash":"sha256:a6898b572a0fdf470f29cbefdcd8fecde54d884dcdb8569089332dceb0495143"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Neighbourhood"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},"defaultValue":{"kind":"StringValue","value":"Person:karsten-wildberger","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"depth"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"neighborhood"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"depth"},"value":{"kind":"Variable","name":{"kind":"Name","value":"depth"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"center"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}},{"kind":"Field","name":{"kind":"Name","value":"depth"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"label"}}]}}]}}]}}]} as unknown as DocumentNode<NeighbourhoodQuery, NeighbourhoodQueryVariables>;
export const SearchDocument = {"__meta__":{"hash":"sha256:9abb1129016f4d288fface069d0fe9c6e2940770b5bb2c17c4e5107c9818c1f2"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Search"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},"defaultValue":{"kind":"StringValue","value":"deep learning","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"snippet"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"text"}},{"kind":"Field","name":{"kind":"Name","value":"highlights"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Entity"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Relationship"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"from"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"to"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchQuery, SearchQueryVariables>;
export const TimelineDocument = {"__meta__":{"hash":"sha256:def94e8656dc40b9629b4ed3fc5a53de6f7cbc3dc1acf4e3ddb39934af36067c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Timeline"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}},"defaultValue":{"kind":"StringValue","value":"2025","block":false}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"20"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"timeline"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"qualifier"}},{"kind":"Field","name":{"kind":"Name","value":"isInferred"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"entity"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"entityType"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TimelineQuery, TimelineQueryVariables>;
export const WhoSignedDocument = {"__meta__":{"hash":"sha256:b64b5834e2279086879e10a40802f2ef79c37ab6f96f7daf260f3a86709492ec"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"WhoSigned"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"agreement"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}},"defaultValue":{"kind":"StringValue","value":"Agreement:de-ca-ai-declaration","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"agreement"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Agreement"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"concludedOn"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"iso"}},{"kind":"Field","name":{"kind":"Name","value":"precision"}},{"kind":"Field","name":{"kind":"Name","value":"isInferred"}}]}},{"kind":"Field","name":{"kind":"Name","value":"concludedAt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"signatories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"onBehalfOf"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"capacity"}},{"kind":"Field","name":{"kind":"Name","value":"evidence"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"quote"}},{"kind":"Field","name":{"kind":"Name","value":"start"}},{"kind":"Field","name":{"kind":"Name","value":"end"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"title"}}]}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<WhoSignedQuery, WhoSignedQueryVariables>;