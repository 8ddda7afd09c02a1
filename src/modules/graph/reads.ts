import { getNamedType, isInterfaceType, isObjectType, type FieldNode, type GraphQLNamedType, type GraphQLOutputType, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
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
export function relationshipReads(info: GraphQLResolveInfo): RelationshipReads {
  const field = info.fieldNodes[0]!;
  const known = info.fieldNodes.length === 1 ? worked.get(field) : undefined;
  if (known) return known;
  const reads: RelationshipReads = { evidence: false, others: 'id' };
  const walk = new Walk(info, reads);
  for (const node of info.fieldNodes) walk.page(node.selectionSet, getNamedType(info.returnType));
  if (info.fieldNodes.length === 1) worked.set(field, reads);
  return reads;
}

const worked = new WeakMap<FieldNode, RelationshipReads>();

/** The fields of a connection or an edge that give the entities at the other ends. */
const OTHER_END = new Set(['nodes', 'node', 'other']);
/** Entity fields that read the id only: the id, and relationship fields, which start from it. */
const BY_ID = new Set(['__typename', 'id', 'entityType', 'relations']);
/** Entity fields that read the summary: the name and description. */
const SUMMARY = new Set(['name', 'description']);
/** Relationship fields that read no evidence. */
const WITHOUT_EVIDENCE = new Set(['__typename', 'id', 'type', 'from', 'to', 'onBehalfOf', 'capacity', 'role', 'note', 'ordinal', 'isSymmetric']);

class Walk {
  constructor(
    private readonly info: GraphQLResolveInfo,
    private readonly reads: RelationshipReads,
  ) {}

  /** A connection or an edge: its fields that hold relationships, entities or evidence. */
  page(selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType): void {
    this.eachField(selectionSet, type, (field, fieldType) => {
      const name = field.name.value;
      if (name === '__typename') return;
      if (fieldType === undefined) return this.everything();
      const named = getNamedType(fieldType);
      if (named.name === 'Relationship') this.relationship(field.selectionSet);
      else if (named.name === 'Evidence') this.reads.evidence = true;
      // The other ends; any other entity on an edge (a view's `onBehalfOf`) is loaded by its id.
      else if (isEntity(named) && OTHER_END.has(name)) this.entity(field.selectionSet, named);
      else if (name === 'edges') this.page(field.selectionSet, named);
    });
  }

  private relationship(selectionSet: SelectionSetNode | undefined): void {
    this.eachField(selectionSet, undefined, (field) => {
      if (!WITHOUT_EVIDENCE.has(field.name.value)) this.reads.evidence = true;
    });
  }

  private entity(selectionSet: SelectionSetNode | undefined, type: GraphQLNamedType): void {
    this.eachField(selectionSet, type, (field, _fieldType, on) => {
      const name = field.name.value;
      if (BY_ID.has(name) || (on !== undefined && isObjectType(on) && relationFieldSpec(on.name as EntityTypeName, name))) return;
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
   * selected on (a fragment's type condition, else `type`), and `fieldType` its type there, if known.
   */
  private eachField(
    selectionSet: SelectionSetNode | undefined,
    type: GraphQLNamedType | undefined,
    visit: (field: FieldNode, fieldType: GraphQLOutputType | undefined, on: GraphQLNamedType | undefined) => void,
  ): void {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === 'Field') {
        const fields = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields() : undefined;
        visit(selection, selection.name.value === '__typename' ? undefined : fields?.[selection.name.value]?.type, type);
        continue;
      }
      const fragment = selection.kind === 'InlineFragment' ? selection : this.info.fragments[selection.name.value];
      if (!fragment) continue;
      const condition = fragment.typeCondition ? this.info.schema.getType(fragment.typeCondition.name.value) : type;
      this.eachField(fragment.selectionSet, condition ?? type, visit);
    }
  }
}

function isEntity(type: GraphQLNamedType): boolean {
  if (isInterfaceType(type)) return type.name === 'Entity';
  return isObjectType(type) && type.getInterfaces().some((face) => face.name === 'Entity');
}
