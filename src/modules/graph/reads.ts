import {
  getNamedType,
  isInterfaceType,
  isObjectType,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import type { EntityTypeName } from '../../store/models.js';
import type { RelationshipReads } from '../../store/query.js';
import { relationFieldSpec } from './fields.js';

/**
 * What a query will read of a relationship page, from the selection under its connection field:
 * whether any relationship's evidence, and how much of the entities at the other ends. A database
 * store then reads only those columns (a lookup that shows names only reads no evidence and no
 * entity's attributes).
 *
 * Worked out from the document alone, so once per field of a parsed document: `@skip` and
 * `@include` are taken as included, and fragments of every type as applying, so the reads can be
 * more than a request needs but never less. A field this does not know reads everything.
 */
export function relationshipReads(info: PageField): RelationshipReads {
  return lookAhead(info).reads;
}

/**
 * The one relationship field the query asks of every entity at the other ends (`relations` under
 * `other`, or a typed field under a typed list's `node`), with its definition; null when there is
 * none, more than one, one only some of the other ends have (under `... on Person` where the other
 * ends are any entity), or one under `@skip` or `@include`. Its page can be read ahead with this
 * one (NextRelationshipPage): only a page the query will surely ask for.
 */
export function nextRelationField(info: PageField): NextField | null {
  return lookAhead(info).next;
}

/**
 * The one relationship field the query asks of an entity it looks up by id, given the entity's
 * type (the id's); null when there is none, more than one, or one under `@skip` or `@include`. Its
 * page can be read with the entity.
 */
export function nodeRelationField(info: PageField, type: EntityTypeName): NextField | null {
  const field = info.fieldNodes[0]!;
  let candidates = info.fieldNodes.length === 1 ? nodeFields.get(field) : undefined;
  if (!candidates) {
    const walk = new Walk(info);
    for (const node of info.fieldNodes) walk.entity(node.selectionSet, getNamedType(info.returnType));
    candidates = walk.nested;
    if (info.fieldNodes.length === 1) nodeFields.set(field, candidates);
  }
  const looked = info.schema.getType(type);
  const asked = looked ? candidates.filter((candidate) => appliesToAll(candidate.on, looked)) : [];
  return asked.length === 1 ? asked[0]! : null;
}

const nodeFields = new WeakMap<FieldNode, NextField[]>();

/** A relation field's place in a document: what the look-ahead reads of its resolver's info. */
export type PageField = Pick<GraphQLResolveInfo, 'fieldNodes' | 'returnType' | 'fragments' | 'schema'>;

export interface NextField {
  field: FieldNode;
  definition: GraphQLField<unknown, unknown>;
  /** The type the field is selected on. */
  on: GraphQLNamedType;
  /** The type the entities it is asked of are declared as (`other: Entity`, `node: Person`). */
  declared: GraphQLNamedType;
}

interface LookAhead {
  reads: RelationshipReads;
  next: NextField | null;
}

function lookAhead(info: PageField): LookAhead {
  const field = info.fieldNodes[0]!;
  const known = info.fieldNodes.length === 1 ? worked.get(field) : undefined;
  if (known) return known;
  const walk = new Walk(info);
  for (const node of info.fieldNodes) walk.page(node.selectionSet, getNamedType(info.returnType));
  // A typed field can be read ahead only when every other end is of its type.
  const next = walk.nested.length === 1 ? walk.nested[0]! : null;
  const found: LookAhead = { reads: walk.reads, next: next && appliesToAll(next.on, next.declared) ? next : null };
  if (info.fieldNodes.length === 1) worked.set(field, found);
  return found;
}

const worked = new WeakMap<FieldNode, LookAhead>();

/** The fields of a connection or an edge that give the entities at the other ends. */
const OTHER_END = new Set(['nodes', 'node', 'other']);
/** Entity fields that read the id only (relationship fields, which start from it, are walked apart). */
const BY_ID = new Set(['__typename', 'id', 'entityType']);
/** Entity fields that read the summary: the name and description. */
const SUMMARY = new Set(['name', 'description']);
/** Relationship fields that read no evidence. */
const WITHOUT_EVIDENCE = new Set(['__typename', 'id', 'type', 'from', 'to', 'onBehalfOf', 'capacity', 'role', 'note', 'ordinal', 'isSymmetric']);

class Walk {
  readonly reads: RelationshipReads = { evidence: false, others: 'id' };
  /** The relationship fields asked of the entities walked, but for those under `@skip` or `@include`. */
  readonly nested: NextField[] = [];

  constructor(private readonly info: PageField) {}

  /**
   * A connection or an edge: its fields that hold relationships, entities or evidence; `conditional`
   * when it is under `@skip` or `@include`, so that it may not be asked for at all.
   */
  page(selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType, conditional = false): void {
    this.eachField(selectionSet, type, conditional, (field, fieldType, _on, here) => {
      const name = field.name.value;
      if (name === '__typename') return;
      if (fieldType === undefined) return this.everything();
      const named = getNamedType(fieldType);
      if (named.name === 'Relationship') this.relationship(field.selectionSet);
      else if (named.name === 'Evidence') this.reads.evidence = true;
      // The other ends; any other entity on an edge (a view's `onBehalfOf`) is loaded by its id.
      else if (isEntity(named) && OTHER_END.has(name)) this.entity(field.selectionSet, named, here);
      else if (name === 'edges') this.page(field.selectionSet, named, here);
    });
  }

  private relationship(selectionSet: SelectionSetNode | undefined): void {
    this.eachField(selectionSet, undefined, false, (field) => {
      if (!WITHOUT_EVIDENCE.has(field.name.value)) this.reads.evidence = true;
    });
  }

  entity(selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType, conditional = false): void {
    this.eachField(selectionSet, type, conditional, (field, _fieldType, on, here) => {
      const name = field.name.value;
      const typed = on !== undefined && isObjectType(on) ? relationFieldSpec(on.name as EntityTypeName, name) : undefined;
      if (name === 'relations' || (typed && !typed.single)) {
        const definition = on && (isObjectType(on) || isInterfaceType(on)) ? on.getFields()[name] : undefined;
        if (definition && !here) this.nested.push({ field, definition, on: on!, declared: type });
        return;
      }
      if (BY_ID.has(name) || typed) return;
      if (SUMMARY.has(name)) {
        if (this.reads.others === 'id') this.reads.others = 'summary';
      } else this.reads.others = 'full';
    });
  }

  private everything(): void {
    this.reads.evidence = true;
    this.reads.others = 'full';
  }

  /**
   * Calls `visit` for each field of a selection, through fragments; `on` is the type the field is
   * selected on (a fragment's type condition, else `type`), `fieldType` its type there, if known,
   * and `conditional` whether the selection, the field or a fragment on the way to it is under
   * `@skip` or `@include`.
   */
  private eachField(
    selectionSet: SelectionSetNode | undefined,
    type: GraphQLNamedType | undefined,
    conditional: boolean,
    visit: (field: FieldNode, fieldType: GraphQLOutputType | undefined, on: GraphQLNamedType | undefined, conditional: boolean) => void,
  ): void {
    for (const selection of selectionSet?.selections ?? []) {
      const here = conditional || isConditional(selection);
      if (selection.kind === 'Field') {
        const fields = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : undefined;
        visit(selection, selection.name.value === '__typename' ? undefined : fields?.[selection.name.value]?.type, type, here);
        continue;
      }
      const fragment = selection.kind === 'InlineFragment' ? selection : this.info.fragments[selection.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? this.info.schema.getType(fragment.typeCondition.name.value) : type;
      this.eachField(fragment.selectionSet, condition ?? type, here, visit);
    }
  }
}

function isConditional(selection: SelectionNode): boolean {
  return selection.directives?.some((directive) => directive.name.value === 'skip' || directive.name.value === 'include') ?? false;
}

/**
 * Whether fields selected on `on` are asked of every entity of type `of`: `on` is `of`, or an
 * interface `of` implements (`relations` on `Entity` is asked of a Person; on `Person`, not of any
 * entity).
 */
function appliesToAll(on: GraphQLNamedType, of: GraphQLNamedType): boolean {
  return on === of || (isInterfaceType(on) && isObjectType(of) && of.getInterfaces().includes(on));
}

function isEntity(type: GraphQLNamedType): boolean {
  if (isInterfaceType(type)) return type.name === 'Entity';
  return isObjectType(type) && type.getInterfaces().some((face) => face.name === 'Entity');
}
