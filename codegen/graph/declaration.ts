import {
  Kind,
  parse,
  print,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type EnumTypeDefinitionNode,
  type EnumTypeExtensionNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
  type TypeNode,
} from 'graphql';

/**
 * The graph as the schema declares it: each entity type once (`@entity`), its attributes, and one
 * line per relationship field (`@relation`); each relationship type once, as a value of the
 * `RelationshipType` enum (`@relationship`). Everything that repeats per type is generated from
 * this (see expand.ts and catalogue.ts).
 */
export interface GraphDeclaration {
  entities: EntityDeclaration[];
  relationships: RelationshipDeclaration[];
  /** The hand-written SDL with the declaration's own directives taken out and entity types left to the generator. */
  rest: DefinitionNode[];
  /** Every enum of the schema, by name, so attribute rules can list their values. */
  enums: Map<string, string[]>;
  /** The properties a relationship can carry: fields of the `Relationship` type, by name. */
  relationshipFields: Map<string, FieldDefinitionNode>;
}

export interface EntityDeclaration {
  name: string;
  description: string;
  /** The word for one, as descriptions use it: `country`, `person`. */
  noun: string;
  /** The word for many, and the root list's field name: `countries`, `people`. */
  plural: string;
  /** The slug of a real entity, for the id's description: `Country:germany`. */
  example: string;
  attributes: AttributeDeclaration[];
  relations: RelationDeclaration[];
  /** Any other field, kept as written and resolved by hand: one with arguments or of an object type (`Source.coverage`). */
  fields: FieldDefinitionNode[];
}

export interface AttributeDeclaration {
  name: string;
  description: string;
  /** The GraphQL type as written, such as `CountryCode!` or `PartialDate`. */
  type: string;
  /** The named type without list or non-null. */
  namedType: string;
  required: boolean;
  /** Whether the attribute can be filtered on (`@filter`). */
  filter: boolean;
  /** For a date shown on the timeline, what happens on it (`@timeline`). */
  timeline: { kind: string; verb: string } | null;
  node: FieldDefinitionNode;
}

export interface RelationDeclaration {
  name: string;
  description: string;
  type: string;
  direction: 'OUTGOING' | 'INCOMING';
  /** The entity type at the other end, or `Entity` when it may be of several. */
  target: string;
  /** A relationship an entity has at most one of (a nullable object field), answered as one edge. */
  single: boolean;
  /** A named view of the relationship that shows its properties on each edge, such as `Signatory`. */
  view: string | null;
  /** In a view's filter, the name of the condition on the entity at the other end, such as `person`. */
  end: string | null;
  /** The name of a single relationship's edge type, when it is not `<Type><Field>Edge`. */
  edge: string | null;
}

export interface RelationshipDeclaration {
  name: string;
  description: string;
  from: string[];
  to: string[];
  symmetric: boolean;
  properties: string[];
}

/** The directives only the generator reads; they never reach the served schema. */
export const DECLARATION_DIRECTIVES = new Set(['entity', 'relation', 'filter', 'timeline', 'relationship']);

function directive(node: { directives?: readonly ConstDirectiveNode[] | undefined }, name: string): ConstDirectiveNode | undefined {
  return node.directives?.find((d) => d.name.value === name);
}

function argument(found: ConstDirectiveNode | undefined, name: string): unknown {
  const value = found?.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  switch (value.kind) {
    case Kind.STRING:
    case Kind.ENUM:
      return value.value;
    case Kind.BOOLEAN:
      return value.value;
    case Kind.LIST:
      return value.values.map((item) => (item.kind === Kind.STRING || item.kind === Kind.ENUM ? item.value : null));
    default:
      return undefined;
  }
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

function isList(type: TypeNode): boolean {
  return type.kind === Kind.LIST_TYPE || (type.kind === Kind.NON_NULL_TYPE && isList(type.type));
}

function withoutDeclarationDirectives<T extends { directives?: readonly ConstDirectiveNode[] | undefined }>(node: T): T {
  return node.directives ? { ...node, directives: node.directives.filter((d) => !DECLARATION_DIRECTIVES.has(d.name.value)) } : node;
}

/** Fails with a message that names the declaration and what is wrong with it. */
function fail(where: string, message: string): never {
  throw new Error(`schema declaration ${where}: ${message}`);
}

function readEntity(node: ObjectTypeDefinitionNode, entityNames: ReadonlySet<string>, objectTypes: ReadonlySet<string>): EntityDeclaration {
  const name = node.name.value;
  const declared = directive(node, 'entity')!;
  const noun = (argument(declared, 'noun') as string | undefined) ?? name.toLowerCase();
  const example = argument(declared, 'example') as string | undefined;
  if (!example) fail(name, '@entity needs an `example` slug of a real entity, such as "germany"');
  const entity: EntityDeclaration = {
    name,
    description: node.description?.value ?? fail(name, 'an entity type needs a description'),
    noun,
    plural: (argument(declared, 'plural') as string | undefined) ?? `${noun}s`,
    example,
    attributes: [],
    relations: [],
    fields: [],
  };
  for (const field of node.fields ?? []) {
    const where = `${name}.${field.name.value}`;
    const description = field.description?.value ?? fail(where, 'every field needs a description');
    const relation = directive(field, 'relation');
    if (relation) {
      const target = namedTypeOf(field.type);
      if (target !== 'Entity' && !entityNames.has(target)) fail(where, `@relation must point at an entity type or Entity, not ${target}`);
      const single = !isList(field.type);
      if (single && field.type.kind === Kind.NON_NULL_TYPE) fail(where, 'a single relationship must be nullable: an entity may have none');
      entity.relations.push({
        name: field.name.value,
        description,
        type: argument(relation, 'type') as string,
        direction: argument(relation, 'direction') as 'OUTGOING' | 'INCOMING',
        target,
        single,
        view: (argument(relation, 'view') as string | undefined) ?? null,
        end: (argument(relation, 'end') as string | undefined) ?? null,
        edge: (argument(relation, 'edge') as string | undefined) ?? null,
      });
      continue;
    }
    // A field with arguments, or of an object type other than a date, is resolved by hand in its module.
    if ((field.arguments && field.arguments.length > 0) || objectTypes.has(namedTypeOf(field.type))) {
      entity.fields.push(withoutDeclarationDirectives(field));
      continue;
    }
    const timeline = directive(field, 'timeline');
    entity.attributes.push({
      name: field.name.value,
      description,
      type: print(field.type),
      namedType: namedTypeOf(field.type),
      required: field.type.kind === Kind.NON_NULL_TYPE,
      filter: directive(field, 'filter') !== undefined,
      timeline: timeline ? { kind: argument(timeline, 'kind') as string, verb: argument(timeline, 'verb') as string } : null,
      node: withoutDeclarationDirectives(field),
    });
  }
  return entity;
}

function readRelationships(node: EnumTypeDefinitionNode | EnumTypeExtensionNode): RelationshipDeclaration[] {
  return (node.values ?? []).map((value) => {
    const where = `RelationshipType.${value.name.value}`;
    const declared = directive(value, 'relationship') ?? fail(where, 'every relationship type needs @relationship(from:, to:)');
    return {
      name: value.name.value,
      description: value.description?.value ?? fail(where, 'every relationship type needs a description'),
      from: argument(declared, 'from') as string[],
      to: argument(declared, 'to') as string[],
      symmetric: (argument(declared, 'symmetric') as boolean | undefined) ?? false,
      properties: (argument(declared, 'properties') as string[] | undefined) ?? [],
    };
  });
}

/** Reads the declaration from the SDL of schema/: every file, in name order. */
export function readDeclaration(sources: readonly string[]): GraphDeclaration {
  const document: DocumentNode = parse(sources.join('\n'));
  const entityNodes = document.definitions.filter(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && directive(d, 'entity') !== undefined,
  );
  const entityNames = new Set(entityNodes.map((node) => node.name.value));
  // A type's declaration may continue in another file (`extend type Country { ... }`), so that one
  // new file can add an entity type and the relationship fields it brings to existing types.
  const extensions = new Map<string, FieldDefinitionNode[]>();
  const enums = new Map<string, string[]>();
  const relationshipFields = new Map<string, FieldDefinitionNode>();
  const relationships: RelationshipDeclaration[] = [];
  const rest: DefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && entityNames.has(definition.name.value)) continue;
    if (definition.kind === Kind.OBJECT_TYPE_EXTENSION && entityNames.has(definition.name.value)) {
      extensions.set(definition.name.value, [...(extensions.get(definition.name.value) ?? []), ...(definition.fields ?? [])]);
      continue;
    }
    if (definition.kind === Kind.ENUM_TYPE_EXTENSION && definition.name.value === 'RelationshipType') {
      // New relationship types may be declared beside the entity types they link.
      relationships.push(...readRelationships(definition));
      rest.push({ ...definition, values: definition.values?.map(withoutDeclarationDirectives) });
      continue;
    }
    if (definition.kind === Kind.DIRECTIVE_DEFINITION && DECLARATION_DIRECTIVES.has(definition.name.value)) continue;
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.set(definition.name.value, (definition.values ?? []).map((value) => value.name.value));
      if (definition.name.value === 'RelationshipType') {
        relationships.unshift(...readRelationships(definition));
        rest.push({ ...definition, values: definition.values?.map(withoutDeclarationDirectives) });
        continue;
      }
    }
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === 'Relationship') {
      for (const field of definition.fields ?? []) relationshipFields.set(field.name.value, field);
    }
    rest.push(definition);
  }
  // Object types other than entities and dates: a field of one is not an attribute the seed gives.
  const objectTypes = new Set(
    document.definitions
      .filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && !entityNames.has(d.name.value) && d.name.value !== 'PartialDate')
      .map((d) => d.name.value),
  );
  const entities = entityNodes.map((node) => readEntity({ ...node, fields: [...(node.fields ?? []), ...(extensions.get(node.name.value) ?? [])] }, entityNames, objectTypes));
  checkDeclaration(entities, relationships, relationshipFields);
  return { entities, relationships, rest, enums, relationshipFields };
}

/** Every name the declaration uses must exist, so a typo fails at codegen rather than at query time. */
function checkDeclaration(entities: readonly EntityDeclaration[], relationships: readonly RelationshipDeclaration[], relationshipFields: ReadonlyMap<string, FieldDefinitionNode>): void {
  const entityNames = new Set(entities.map((entity) => entity.name));
  const byName = new Map(relationships.map((relationship) => [relationship.name, relationship]));
  for (const relationship of relationships) {
    for (const end of [...relationship.from, ...relationship.to]) {
      if (!entityNames.has(end)) fail(`RelationshipType.${relationship.name}`, `links an unknown entity type ${end}`);
    }
    for (const property of relationship.properties) {
      if (!relationshipFields.has(property)) fail(`RelationshipType.${relationship.name}`, `has a property ${property} that the Relationship type lacks`);
    }
  }
  for (const entity of entities) {
    for (const relation of entity.relations) {
      const where = `${entity.name}.${relation.name}`;
      const relationship = byName.get(relation.type) ?? fail(where, `@relation names an unknown relationship type ${relation.type}`);
      const [near, far] = relation.direction === 'OUTGOING' ? [relationship.from, relationship.to] : [relationship.to, relationship.from];
      if (!near.includes(entity.name) && !(relationship.symmetric && far.includes(entity.name))) {
        fail(where, `a ${entity.name} cannot be at this end of ${relation.type}, which links ${relationship.from.join('/')} to ${relationship.to.join('/')}`);
      }
      if (relation.target !== 'Entity' && !far.includes(relation.target)) fail(where, `${relation.type} does not link to a ${relation.target} in this direction`);
      if (relation.view && !relation.end) fail(where, 'a view needs `end`, the name of its condition on the other end');
    }
  }
}
