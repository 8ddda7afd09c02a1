import { print, type FieldDefinitionNode } from 'graphql';
import type { AttributeDeclaration, EntityDeclaration, GraphDeclaration, RelationDeclaration } from './declaration.js';

/**
 * Writes the SDL the declaration implies: every entity type with its shared fields and its
 * relationship fields as connections, and per type the connection, edge, filter, order and
 * relation-filter types and the root list field; the `EntityType` enum; a filter per enum that is
 * filtered on. The text reads like hand-written SDL, one description per line, and is printed to
 * schema.graphql by codegen, so the served contract stays reviewable.
 */
export function expandDeclaration(graph: GraphDeclaration, options: ExpandOptions = {}): string {
  const parts: string[] = [print({ kind: 'Document', definitions: graph.rest } as never)];
  if (options.federation) parts.unshift(FEDERATION_LINK);
  parts.push(entityTypeEnum(graph.entities));
  const filteredEnums = new Set<string>();
  for (const entity of graph.entities) {
    parts.push(entityType(entity, options), listTypes(entity), relationTypes(entity), filterInput(entity), orderTypes(entity), rootList(entity));
    for (const relation of entity.relations) {
      if (relation.single) parts.push(singleEdge(entity, relation));
      if (relation.view) parts.push(viewTypes(graph, entity, relation));
    }
    for (const attribute of entity.attributes) {
      if (attribute.filter && graph.enums.has(attribute.namedType)) filteredEnums.add(attribute.namedType);
    }
  }
  for (const name of filteredEnums) parts.push(enumFilter(name));
  return `${parts.join('\n\n')}\n`;
}

export interface ExpandOptions {
  /**
   * Writes an Apollo Federation 2 subgraph: every entity type is a federation entity keyed by its
   * global id (`@key(fields: "id")`), so other subgraphs can extend it and a router can fetch it.
   */
  federation?: boolean;
}

const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

/** A description block, indented. */
function describe(text: string, indent = ''): string {
  return `${indent}"""\n${indent}${text}\n${indent}"""\n`;
}

function field(description: string, definition: string, indent = '  '): string {
  return `${describe(description, indent)}${indent}${definition}\n`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function withoutStop(text: string): string {
  return text.endsWith('.') ? text.slice(0, -1) : text;
}

/** `signedAgreements` → `SIGNED_AGREEMENTS`, as order fields are named. */
export function screamingCase(name: string): string {
  return name.replace(/([A-Z])/g, '_$1').toUpperCase();
}

/** The type a relationship field answers with, and its filter: per view, per target type, or for any entity. */
export function relationNames(entity: EntityDeclaration, relation: RelationDeclaration): { connection: string; filter: string; edge: string } {
  if (relation.single) return { connection: '', edge: relation.edge ?? `${entity.name}${relation.name.charAt(0).toUpperCase()}${relation.name.slice(1)}Edge`, filter: `${relation.target}Filter` };
  if (relation.view) return { connection: `${relation.view}Connection`, edge: `${relation.view}Edge`, filter: `${relation.view}RelationFilter` };
  return { connection: `${relation.target}RelationConnection`, edge: `${relation.target}RelationEdge`, filter: `${relation.target}RelationFilter` };
}

const EVIDENCE_ARGUMENT = field(
  'Only relationships with evidence that meets these conditions, such as `{method: {equals: EXTRACTED}}` for what the sources themselves state.',
  'evidence: EvidenceFilter',
  '    ',
);

const PAGE_ARGUMENTS = (what: string) =>
  field(`The number of ${what} to return, from 0 to 100; 20 when omitted.`, 'first: Int', '    ') + field(`Return the ${what} after this cursor.`, 'after: String', '    ');

function entityTypeEnum(entities: readonly EntityDeclaration[]): string {
  return `${describe('A kind of entity in the graph.')}enum EntityType {\n${entities.map((entity) => field(entity.description, entity.name.toUpperCase())).join('')}}`;
}

function attributeField(attribute: AttributeDeclaration): string {
  return `  ${print(attribute.node).replace(/\n/g, '\n  ')}\n`;
}

function relationField(entity: EntityDeclaration, relation: RelationDeclaration): string {
  const names = relationNames(entity, relation);
  if (relation.single) return field(relation.description, `${relation.name}: ${names.edge}`);
  return (
    `${describe(relation.description, '  ')}  ${relation.name}(\n` +
    field("The orderings to apply in turn to the linked items; the sources' order when omitted, and name then id break any remaining tie.", 'orderBy: [RelatedOrder!]', '    ') +
    EVIDENCE_ARGUMENT +
    PAGE_ARGUMENTS('items') +
    `  ): ${names.connection}!\n`
  );
}

function entityType(entity: EntityDeclaration, options: ExpandOptions): string {
  const { name, noun } = entity;
  const shared =
    field(`The global id, such as \`${name}:${entity.example}\`.`, 'id: ID!') +
    field(`The entity's kind, always ${name.toUpperCase()}.`, 'entityType: EntityType!') +
    field('The usual English name.', 'name: String!') +
    field('Other names and short forms the sources use.', 'aliases: [String!]!') +
    field("Names in English, German and French where known, each marked when it is the curator's translation.", 'labels: [Label!]!') +
    `${describe('The name in one language, or null when it is not known in that language.', '  ')}  label(\n${field('The language of the name to return.', 'language: Language!', '    ')}${field(
      "Whether the curator's translation of the name may answer when no name in established use is known; by default it may not.",
      'includeTranslations: Boolean! = false',
      '    ',
    )}  ): String\n` +
    field(`One sentence saying what the ${noun} is.`, 'description: String') +
    field(`The passages of the sources that name the ${noun}.`, 'mentions: [Evidence!]!') +
    field(`The passages of the sources that support the ${noun}'s attributes other than dates.`, 'attributeEvidence: [AttributeEvidence!]!') +
    field(`The same ${noun} in other knowledge bases, such as its Wikidata item, where known with certainty.`, 'sameAs: [SameAsLink!]!') +
    `${describe(`Every relationship of the ${noun}, with its evidence.`, '  ')}  relations(\n` +
    field("Which relationships to return, by this entity's end of them.", 'direction: Direction = BOTH', '    ') +
    field('Only relationships of these types; all types when omitted.', 'types: [RelationshipType!]', '    ') +
    EVIDENCE_ARGUMENT +
    PAGE_ARGUMENTS('relationships') +
    '  ): RelationConnection!\n' +
    `${describe(`The journal entries that changed the ${noun}, oldest first: when it was added, corroborated, changed or merged.`, '  ')}  history(\n` +
    PAGE_ARGUMENTS('entries') +
    '  ): ChangeConnection!\n';
  const own = entity.attributes.map(attributeField).join('') + entity.fields.map((f: FieldDefinitionNode) => `  ${print(f).replace(/\n/g, '\n  ')}\n`).join('');
  const relations = entity.relations.map((relation) => relationField(entity, relation)).join('');
  const key = options.federation ? ' @key(fields: "id")' : '';
  return `${describe(entity.description)}type ${name} implements Node & Entity${key} {\n${shared}${own}${relations}}`;
}

function listTypes({ name, plural }: EntityDeclaration): string {
  return (
    `${describe(`A page of ${plural}.`)}type ${name}Connection {\n` +
    field(`The ${plural} on this page, each with its cursor.`, `edges: [${name}Edge!]!`) +
    field(`The ${plural} on this page.`, `nodes: [${name}!]!`) +
    field('Where this page sits in the whole list.', 'pageInfo: PageInfo!') +
    field(`The number of ${plural} in the whole list.`, 'totalCount: NonNegativeInt!') +
    `}\n\n${describe(`One of a page of ${plural}.`)}type ${name}Edge {\n` +
    field('An opaque cursor for paging after this item.', 'cursor: String!') +
    field('The item.', `node: ${name}!`) +
    '}'
  );
}

const EVIDENCE_FIELD = field('The passages of the sources that support the relationship.', 'evidence: [Evidence!]!');

function relationTypes({ name, plural }: EntityDeclaration): string {
  return (
    `${describe(`A page of ${plural} linked to an entity, each with the relationship that links it.`)}type ${name}RelationConnection {\n` +
    field(`The linked ${plural} on this page, each with its relationship and evidence.`, `edges: [${name}RelationEdge!]!`) +
    field(`The linked ${plural} on this page.`, `nodes: [${name}!]!`) +
    field('Where this page sits in the whole list.', 'pageInfo: PageInfo!') +
    field(`The number of linked ${plural} in the whole list.`, 'totalCount: NonNegativeInt!') +
    `}\n\n${describe(`One of ${plural} linked through a relationship, with the relationship's evidence.`)}type ${name}RelationEdge {\n` +
    field('An opaque cursor for paging after this item.', 'cursor: String!') +
    field('The linked item.', `node: ${name}!`) +
    field('The relationship that links it.', 'relationship: Relationship!') +
    EVIDENCE_FIELD +
    `}\n\n${describe(`Conditions on the ${plural} linked to an entity, with a quantifier.`)}input ${name}RelationFilter {\n` +
    quantifierFields(`${name}Filter`) +
    '}'
  );
}

function quantifierFields(filter: string): string {
  return (
    field('At least one linked item meets the conditions.', `some: ${filter}`) +
    field('Every linked item meets the conditions; true when there are none.', `every: ${filter}`) +
    field('No linked item meets the conditions.', `none: ${filter}`) +
    field('Conditions on the number of linked items.', 'count: IntFilter') +
    field('Only relationships with evidence that meets these conditions count for `some`, `every`, `none` and `count`.', 'evidence: EvidenceFilter')
  );
}

function singleEdge(entity: EntityDeclaration, relation: RelationDeclaration): string {
  const { edge } = relationNames(entity, relation);
  const target = relation.target === 'Entity' ? 'Entity' : relation.target;
  return (
    `${describe(`The \`${relation.name}\` of ${article(entity.noun)} ${entity.noun}: the linked entity, with the ${relation.type} relationship and its evidence.`)}type ${edge} {\n` +
    field(`The linked ${target === 'Entity' ? 'entity' : lowerFirst(target)}.`, `node: ${target}!`) +
    field(`The ${relation.type} relationship.`, 'relationship: Relationship!') +
    EVIDENCE_FIELD +
    '}'
  );
}

function article(noun: string): string {
  return /^[aeiou]/.test(noun) ? 'an' : 'a';
}

/** A view of a relationship that puts its properties on every edge, and filters by them. */
function viewTypes(graph: GraphDeclaration, entity: EntityDeclaration, relation: RelationDeclaration): string {
  const view = relation.view!;
  const relationship = graph.relationships.find((r) => r.name === relation.type)!;
  const target = graph.entities.find((e) => e.name === relation.target);
  const plural = target?.plural ?? 'entities';
  const properties = relationship.properties.map((name) => graph.relationshipFields.get(name)!);
  const propertyFields = properties
    .map((property) => field(propertyDescription(property), `${property.name.value}: ${print(property.type)}`))
    .join('');
  const propertyFilters = properties
    .map((property) => {
      const named = print(property.type).replace(/[[\]!]/g, '');
      const filter = graph.entities.some((e) => e.name === named) ? `${named}Filter` : named === 'Int' ? 'IntFilter' : 'StringFilter';
      return field(`Conditions on \`${property.name.value}\`; never met when the relationship has none.`, `${property.name.value}: ${filter}`);
    })
    .join('');
  return (
    `${describe(`A page of ${plural} linked to ${article(entity.noun)} ${entity.noun} by ${relation.type}, each with the relationship's properties.`)}type ${view}Connection {\n` +
    field(`The linked ${plural} on this page, each with the relationship's properties and evidence.`, `edges: [${view}Edge!]!`) +
    field(`The linked ${plural} on this page.`, `nodes: [${relation.target}!]!`) +
    field('Where this page sits in the whole list.', 'pageInfo: PageInfo!') +
    field(`The number of linked ${plural} in the whole list.`, 'totalCount: NonNegativeInt!') +
    `}\n\n${describe(`One of ${plural} linked by ${relation.type}, with the relationship's properties and evidence.`)}type ${view}Edge {\n` +
    field('An opaque cursor for paging after this item.', 'cursor: String!') +
    field('The linked item.', `node: ${relation.target}!`) +
    propertyFields +
    field(`The ${relation.type} relationship.`, 'relationship: Relationship!') +
    EVIDENCE_FIELD +
    `}\n\n${describe(`Conditions on one ${relation.type} relationship of ${article(entity.noun)} ${entity.noun}: the entity at its other end and its properties.`)}input ${view}Filter {\n` +
    field(`Conditions on the ${target?.noun ?? 'entity'} at the other end.`, `${relation.end}: ${relation.target}Filter`) +
    propertyFilters +
    `}\n\n${describe(`Conditions on the ${relation.type} relationships of ${article(entity.noun)} ${entity.noun}, with a quantifier.`)}input ${view}RelationFilter {\n` +
    quantifierFields(`${view}Filter`) +
    '}'
  );
}

/** The filter of an attribute: dates by precision, text scalars as text, enums by value. */
/** A property's description on the Relationship type, without the types it applies to: `For SIGNED, the country …` → `The country …`. */
function propertyDescription(property: FieldDefinitionNode): string {
  const text = (property.description?.value ?? property.name.value).replace(/^For [A-Z_]+(?:(?:, | and )[A-Z_]+)*(?: and similar)?, /, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function attributeFilter(attribute: AttributeDeclaration): string {
  if (attribute.namedType === 'PartialDate') return 'DateFilter';
  return TEXT_FILTERS.get(attribute.namedType) ?? `${attribute.namedType}Filter`;
}

function filterInput(entity: EntityDeclaration): string {
  const { name, plural } = entity;
  const attributes = entity.attributes
    .filter((attribute) => attribute.filter)
    .map((attribute) => field(`Conditions on ${lowerFirst(withoutStop(attribute.description))}.`, `${attribute.name}: ${attributeFilter(attribute)}`))
    .join('');
  const relations = entity.relations
    .map((relation) => {
      const { filter } = relationNames(entity, relation);
      const text = relation.single ? `Conditions on ${lowerFirst(withoutStop(relation.description))}; never met when there is none.` : `Conditions on ${lowerFirst(relation.description)}`;
      return field(text, `${relation.name}: ${filter}`);
    })
    .join('');
  return (
    `${describe(`Conditions on ${plural}; all given conditions must hold.`)}input ${name}Filter {\n` +
    field('All of these conditions hold.', `AND: [${name}Filter!]`) +
    field('At least one of these conditions holds.', `OR: [${name}Filter!]`) +
    field('This condition does not hold.', `NOT: ${name}Filter`) +
    field('The global id.', 'id: IdFilter') +
    field('The name, or any alias or label, ignoring case and accents.', 'name: StringFilter') +
    attributes +
    relations +
    '}'
  );
}

/** Scalars filtered as text, ignoring case and accents. */
const TEXT_FILTERS = new Map([
  ['String', 'StringFilter'],
  ['CountryCode', 'StringFilter'],
  ['URL', 'StringFilter'],
]);

function orderTypes(entity: EntityDeclaration): string {
  const { name, plural } = entity;
  const dates = entity.attributes
    .filter((attribute) => attribute.namedType === 'PartialDate')
    .map((attribute) => field(`The date \`${attribute.name}\`, by its first possible day; entities without it come last.`, screamingCase(attribute.name)))
    .join('');
  const counts = entity.relations
    .filter((relation) => !relation.single)
    .map((relation) => field(`The number of items in \`${relation.name}\`.`, `${screamingCase(relation.name)}_COUNT`))
    .join('');
  return (
    `${describe(`What ${plural} can be ordered by.`)}enum ${name}OrderField {\n` +
    field('The name, in English alphabetical order.', 'NAME') +
    field('The number of relationships of any type.', 'DEGREE') +
    dates +
    counts +
    `}\n\n${describe(`An ordering of ${plural}.`)}input ${name}Order {\n` +
    field('What to order by.', `field: ${name}OrderField!`) +
    field('Which way; ascending when omitted.', 'direction: OrderDirection = ASC') +
    '}'
  );
}

function rootList({ name, plural }: EntityDeclaration): string {
  return (
    `extend type Query {\n${describe(`Lists ${plural}, filtered and ordered as asked; by name when no order is given.`, '  ')}  ${plural}(\n` +
    field(`Only ${plural} that meet these conditions.`, `filter: ${name}Filter`, '    ') +
    field('The orderings to apply in turn; name and then id break any remaining tie.', `orderBy: [${name}Order!]`, '    ') +
    PAGE_ARGUMENTS('items') +
    `  ): ${name}Connection!\n}`
  );
}

function enumFilter(name: string): string {
  return (
    `${describe(`Conditions on a value of \`${name}\`.`)}input ${name}Filter {\n` +
    field('The value equals this one.', `equals: ${name}`) +
    field('The value is one of these.', `in: [${name}!]`) +
    '}'
  );
}
