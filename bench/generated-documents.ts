/**
 * Documents generated from the schema, the way analysts write them: a query of one or two root
 * fields that goes 2 to 4 entities deep (agreement → signatory → country → …), picking a random
 * subset of each type's fields, with named fragments, inline fragments on interfaces and on concrete
 * types, variables (page sizes, ids, search terms, a language, an @include flag) and a `first` on
 * every paged field, nested ones included. The same seed always gives the same documents; each is
 * valid against the schema and within Entente's default limits (depth, aliases, directives,
 * tokens, cost), and the pool holds no document twice.
 */
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  specifiedRules,
  validate,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { DEFAULT_LIMITS } from '../src/config.js';
import { estimateCost } from '../src/limits/query-cost.js';
import { knownOperationTypesRule, limitRules } from '../src/limits/validation-rules.js';
import { random } from './generate-graph.js';

export interface GeneratedRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

export interface GenerationOptions {
  seed: number;
  count: number;
  /** Ids of real entities, for `node(id:)`; the part before the colon is the entity's type. */
  ids: readonly string[];
  /** Words that find something in the graph, for `search(query:)`. */
  searchTerms: readonly string[];
}

type Composite = GraphQLObjectType | GraphQLInterfaceType;
type AnyField = GraphQLField<unknown, unknown>;

/** Most structure (connection, edge, relationship) between two entities: connection → edges → node. */
const MAX_STRUCTURE = 3;
const LIST_FIELDS = ['agreements', 'countries', 'events', 'offices', 'organizations', 'people', 'places', 'policies', 'products', 'sources', 'topics'];

/** One document being written: its variables and named fragments, and the dice. */
class Draft {
  private readonly variables = new Map<string, { type: string; value?: unknown; defaultValue?: string }>();
  private readonly fragments: Array<{ name: string; on: string; hops: number; body: string }> = [];
  /** One `$lang` per document, however many labels use it. */
  private language: string | undefined;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly next: () => number,
    private readonly options: GenerationOptions,
  ) {}

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Up to `n` distinct items, in random order. */
  some<T>(items: readonly T[], n: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < n && pool.length > 0) out.push(pool.splice(Math.floor(this.next() * pool.length), 1)[0]!);
    return out;
  }

  /** A new variable; a literal default now and then instead of a value. */
  variable(prefix: string, type: string, value: unknown, literal: string): string {
    const name = `${prefix}${this.variables.size}`;
    if (this.chance(0.3) && !type.endsWith('!')) this.variables.set(name, { type, defaultValue: literal });
    else this.variables.set(name, { type, value });
    return `$${name}`;
  }

  /** `first`, as a literal or a variable: 2–5 items at the root, 1–3 below it. */
  first(root: boolean): string {
    const n = root ? this.int(2, 5) : this.int(1, 3);
    return this.chance(0.4) ? this.variable('first', 'Int', n, String(n)) : String(n);
  }

  /** The arguments of a field: `first` always, an ordering now and then, a language when required. */
  argumentsOf(field: AnyField, root: boolean): string {
    const parts: string[] = [];
    for (const arg of field.args) {
      const inner = getNamedType(arg.type);
      if (arg.name === 'first') parts.push(`first: ${this.first(root)}`);
      else if (arg.name === 'language') parts.push(`language: ${this.chance(0.5) ? (this.language ??= this.variable('lang', 'Language!', this.pick(['DE', 'FR']), '')) : this.pick(['DE', 'EN', 'FR'])}`);
      else if (arg.name === 'orderBy' && isInputObjectType(inner) && this.chance(0.15)) {
        const fieldEnum = getNamedType(inner.getFields().field!.type);
        if (isEnumType(fieldEnum)) parts.push(`orderBy: [{ field: ${this.pick(fieldEnum.getValues()).name}, direction: ${this.pick(['ASC', 'DESC'])} }]`);
      }
    }
    return parts.length === 0 ? '' : `(${parts.join(', ')})`;
  }

  /** A selection on `type`, going `hops` more entities deep; `deepen` insists on reaching that depth. */
  selection(type: GraphQLNamedType, hops: number, structure: number, deepen: boolean): string {
    if (isInterfaceType(type)) return this.abstractSelection(type, hops, structure, deepen);
    if (!isObjectType(type)) return '__typename';
    if (isEntity(type) && this.chance(0.3)) return this.spread(type, hops, deepen);
    return this.fieldsOf(type, hops, structure, deepen);
  }

  private fieldsOf(type: GraphQLObjectType, hops: number, structure: number, deepen: boolean): string {
    const fields = Object.values(type.getFields()).filter(selectable);
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    const flat = fields.filter((f) => isFlat(getNamedType(f.type)));
    const onward = fields.filter((f) => {
      const named = getNamedType(f.type);
      if (isLeafType(named) || isFlat(named)) return false;
      const hop = isEntityLike(named) ? 1 : 0;
      if (hops - hop < 0) return false;
      return hop === 1 || (structure < MAX_STRUCTURE && reachesLeaf(named));
    });
    const parts: string[] = this.some(leaves, this.int(1, 3)).map((f) => `${f.name}${this.argumentsOf(f, false)}`);
    if (flat.length > 0 && this.chance(0.25)) {
      const f = this.pick(flat);
      const inner = getNamedType(f.type) as GraphQLObjectType;
      parts.push(`${f.name} { ${this.some(Object.values(inner.getFields()).filter(selectable), this.int(1, 3)).map((g) => g.name).join(' ')} }`);
    }
    const toward = deepen && hops > 0 ? onward.filter((f) => leadsToEntity(getNamedType(f.type), MAX_STRUCTURE - structure)) : [];
    const chosen = this.some(onward, this.chance(0.6) ? 0 : 1);
    if (toward.length > 0 && !chosen.some((f) => toward.includes(f))) chosen[0] = this.pick(toward);
    for (const f of chosen) {
      const named = getNamedType(f.type);
      const hop = isEntityLike(named) ? 1 : 0;
      const keepDeepening = deepen && toward.includes(f) && f === chosen.find((c) => toward.includes(c));
      const inner = this.selection(named, hops - hop, hop === 1 ? 0 : structure + 1, keepDeepening);
      const include = this.chance(0.08) ? ` @include(if: ${this.variable('with', 'Boolean!', this.chance(0.7), 'true')})` : '';
      parts.push(`${f.name}${this.argumentsOf(f, false)}${include} { ${inner} }`);
    }
    // An inline fragment on the type itself or on an interface it implements, as a client library writes them.
    if (isEntity(type) && this.chance(0.15)) {
      const on = this.chance(0.5) ? 'Entity' : type.name;
      const entityLeaves = ['name', 'description', 'aliases', 'entityType'];
      parts.push(`... on ${on} { ${this.some(entityLeaves, this.int(1, 2)).join(' ')} }`);
    }
    return parts.join(' ');
  }

  private abstractSelection(type: GraphQLInterfaceType, hops: number, structure: number, deepen: boolean): string {
    const common = Object.values(type.getFields()).filter((f) => selectable(f) && isLeafType(getNamedType(f.type)));
    const parts = this.some(common, this.int(1, 2)).map((f) => `${f.name}${this.argumentsOf(f, false)}`);
    const possible = this.schema.getPossibleTypes(type).filter((t) => t.name !== 'Relationship' || type.name === 'Node');
    for (const concrete of this.some(possible, this.chance(0.8) ? 1 : 2)) {
      parts.push(`... on ${concrete.name} { ${this.selection(concrete, hops, structure, deepen)} }`);
    }
    return parts.join(' ');
  }

  /** A named fragment on an entity type: a new one, or one this document already has when it goes no deeper. */
  private spread(type: GraphQLObjectType, hops: number, deepen: boolean): string {
    const existing = this.fragments.filter((f) => f.on === type.name && f.hops <= hops && !deepen);
    if (existing.length > 0 && this.chance(0.5)) return `...${this.pick(existing).name}`;
    const name = `${type.name}Part${this.fragments.length}`;
    const entry = { name, on: type.name, hops, body: '' };
    this.fragments.push(entry);
    entry.body = this.fieldsOf(type, hops, 0, deepen);
    return this.chance(0.3) ? `...${name} id` : `...${name}`;
  }

  /** One root field, going `depth` entities deep from the root. */
  root(depth: number): string {
    const query = this.schema.getQueryType()!;
    const kind = this.pick(['list', 'list', 'list', 'node', 'search', 'country']);
    if (kind === 'node') {
      const id = this.pick(this.options.ids);
      const type = this.schema.getType(id.slice(0, id.indexOf(':'))) as GraphQLObjectType;
      const ref = this.variable('id', 'ID!', id, '');
      return `node(id: ${ref}) { id ... on ${type.name} { ${this.selection(type, depth - 1, 0, true)} } }`;
    }
    if (kind === 'search') {
      const term = this.variable('q', 'String!', this.pick(this.options.searchTerms), '');
      const field = query.getFields().search!;
      return `search(query: ${term}, first: ${this.first(true)}) { ${this.selection(getNamedType(field.type), depth, 0, true)} }`;
    }
    if (kind === 'country') {
      const code = this.pick(['DE', 'CA']);
      const ref = this.chance(0.5) ? this.variable('code', 'CountryCode!', code, '') : `"${code}"`;
      return `country(code: ${ref}) { ${this.selection(this.schema.getType('Country')!, depth - 1, 0, true)} }`;
    }
    const field = query.getFields()[this.pick(LIST_FIELDS)]!;
    return `${field.name}${this.argumentsOf(field, true)} { ${this.selection(getNamedType(field.type), depth, 1, true)} }`;
  }

  /** The document's text and its variables' values. */
  finish(body: string, name: string | undefined): GeneratedRequest {
    const definitions = [...this.variables].map(([variable, { type, defaultValue }]) => `$${variable}: ${type}${defaultValue !== undefined ? ` = ${defaultValue}` : ''}`);
    const header = definitions.length > 0 || name ? `query${name ? ` ${name}` : ''}${definitions.length > 0 ? `(${definitions.join(', ')})` : ''} ` : '';
    const fragments = this.fragments.map((f) => `\nfragment ${f.name} on ${f.on} { ${f.body} }`).join('');
    const variables: Record<string, unknown> = {};
    for (const [variable, { value, defaultValue }] of this.variables) if (defaultValue === undefined) variables[variable] = value;
    return { query: `${header}{ ${body} }${fragments}`, variables, ...(name ? { operationName: name } : {}) };
  }
}

function selectable(field: AnyField): boolean {
  return field.args.every((arg) => !isNonNullType(arg.type) || arg.defaultValue !== undefined || arg.name === 'language');
}

function isEntity(type: GraphQLNamedType): type is GraphQLObjectType {
  return isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Entity');
}

/** An entity, or an interface whose values are nodes: reaching one is a step deeper into the graph. */
function isEntityLike(type: GraphQLNamedType): boolean {
  return isEntity(type) || (isInterfaceType(type) && (type.name === 'Entity' || type.name === 'Node'));
}

/** An object of leaves only (a date, a label, page info), selected like a leaf. */
function isFlat(type: GraphQLNamedType): boolean {
  return isObjectType(type) && !isEntityLike(type) && Object.values(type.getFields()).every((f) => isLeafType(getNamedType(f.type)));
}

function reachesLeaf(type: GraphQLNamedType): boolean {
  return (isObjectType(type) || isInterfaceType(type)) && Object.values((type as Composite).getFields()).some((f) => selectable(f) && isLeafType(getNamedType(f.type)));
}

const leads = new Map<string, boolean>();

/** Whether an entity is at most `levels` structure fields away. */
function leadsToEntity(type: GraphQLNamedType, levels: number): boolean {
  if (isEntityLike(type)) return true;
  if (levels <= 0 || !(isObjectType(type) || isInterfaceType(type))) return false;
  const key = `${type.name} ${levels}`;
  let found = leads.get(key);
  if (found === undefined) {
    found = Object.values(type.getFields()).some((f) => selectable(f) && !isFlat(getNamedType(f.type)) && !isLeafType(getNamedType(f.type)) && leadsToEntity(getNamedType(f.type), levels - 1));
    leads.set(key, found);
  }
  return found;
}

/** Whether a document passes Entente's validation (graphql-js's rules and the limits) and its cost limit. */
function withinLimits(schema: GraphQLSchema, request: GeneratedRequest): boolean {
  const document = parse(request.query, { maxTokens: DEFAULT_LIMITS.maxTokens });
  if (validate(schema, document, [...specifiedRules, knownOperationTypesRule, ...limitRules(DEFAULT_LIMITS)]).length > 0) return false;
  const estimate = estimateCost(schema, document, request.variables, request.operationName);
  return 'cost' in estimate && estimate.cost <= DEFAULT_LIMITS.maxCost;
}

/** `count` distinct documents, each valid and within the limits; the same options give the same list. */
export function generateDocuments(schema: GraphQLSchema, options: GenerationOptions): { requests: GeneratedRequest[]; rejected: number } {
  const next = random(options.seed);
  const requests: GeneratedRequest[] = [];
  const seen = new Set<string>();
  let rejected = 0;
  for (let attempt = 0; requests.length < options.count; attempt++) {
    if (attempt > options.count * 20) throw new Error(`only ${requests.length} of ${options.count} generated documents passed validation`);
    const draft = new Draft(schema, next, options);
    const depth = draft.int(2, 4);
    const roots = draft.chance(0.25) ? [draft.root(depth), draft.root(draft.int(2, depth))] : [draft.root(depth)];
    // Two roots of the same field would need aliases; the second gets one.
    const body = roots.length === 2 ? `${roots[0]} second: ${roots[1]}` : roots[0]!;
    const request = draft.finish(body, draft.chance(0.5) ? `Analyst${requests.length}` : undefined);
    if (seen.has(request.query) || !withinLimits(schema, request)) {
      rejected++;
      continue;
    }
    seen.add(request.query);
    requests.push(request);
  }
  return { requests, rejected };
}
