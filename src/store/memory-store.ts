import { parseGlobalId } from '../lib/global-id.js';
import { foldText } from '../lib/text.js';
import { Adjacency, isSymmetricCode } from './adjacency.js';
import { EDGE_TYPE_CODES, type EdgeTable } from './edge-table.js';
import type { IdIndex } from './id-index.js';
import type { EntityPage, GraphStore } from './graph-store.js';
import type { Direction, EdgeModel, EdgeType, EntityModel, EntityTypeName, FactModel, NodeModel } from './models.js';
import { ENTITY_TYPES, isPartialDate } from './models.js';
import { findNamed, isFoldedName, sortByNameThenId } from './name-order.js';
import { SearchIndex, type SearchOptions, type SearchResults } from './search-index.js';
import type { SeedGraph } from './seed.js';

function append<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/** A set of relationship types as bits by type code (there are fewer than 32); every bit for all. */
function typeMask(types: readonly EdgeType[] | null): number {
  if (types === null) return -1;
  let mask = 0;
  for (const type of types) {
    const code = EDGE_TYPE_CODES.get(type);
    if (code !== undefined) mask |= 1 << code;
  }
  return mask;
}

/**
 * The embedded store: the whole graph in memory, with its indexes built once at load. It never
 * changes after construction, which is what lets cursors be positions and caches key on `version`.
 * Entities are objects, found by id through one map to their index; relationships stay in the seed's
 * edge table and are reached through two compressed adjacency arrays, so the store holds no object
 * and no array per relationship. The search and evidence indexes are built on first use.
 */
export class MemoryGraphStore implements GraphStore {
  readonly version: string;
  private readonly entities: readonly EntityModel[];
  private readonly indexOf: IdIndex;
  private readonly edges: EdgeTable;
  private readonly outgoing: Adjacency;
  private readonly incoming: Adjacency;
  private readonly byType = new Map<EntityTypeName, EntityModel[]>();
  /**
   * Folded aliases, labels, codes and names, except names already folded: those are found by binary
   * search in byType, which is sorted by name anyway, so a million of them need no map entries.
   * Most names belong to one entity: stored bare, and as a list only when shared.
   */
  private readonly byFoldedName = new Map<string, EntityModel | EntityModel[]>();
  private factsBySource: Map<string, FactModel[]> | null = null;
  private searchIndex: SearchIndex | null = null;

  constructor(graph: SeedGraph) {
    this.version = graph.version;
    this.entities = graph.entities;
    this.indexOf = graph.entityIndex;
    this.edges = graph.edges;
    for (const type of ENTITY_TYPES) this.byType.set(type, []);
    const names: string[] = [];
    for (const entity of graph.entities) {
      this.byType.get(entity.type)!.push(entity);
      // A country's ISO code is one of its names: `country(code:)` and name lookups both find it.
      names.length = 0;
      if (!isFoldedName(entity.name)) names.push(entity.name);
      for (const alias of entity.aliases) names.push(alias);
      for (const label of entity.labels) names.push(label.text);
      if (entity.type === 'Country') names.push(entity.code);
      for (let i = 0; i < names.length; i++) {
        const name = foldText(names[i]!);
        names[i] = name;
        if (names.indexOf(name) === i) this.indexName(name, entity);
      }
    }
    for (const list of this.byType.values()) sortByNameThenId(list);
    this.outgoing = Adjacency.build(graph.edges, graph.entities.length, 'from');
    this.incoming = Adjacency.build(graph.edges, graph.entities.length, 'to');
  }

  private indexName(name: string, entity: EntityModel): void {
    const found = this.byFoldedName.get(name);
    if (found === undefined) this.byFoldedName.set(name, entity);
    else if (Array.isArray(found)) found.push(entity);
    else this.byFoldedName.set(name, [found, entity]);
  }

  /** The number of entities and relationships held. */
  get size(): { entities: number; relationships: number } {
    return { entities: this.entities.length, relationships: this.edges.length };
  }

  async getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>> {
    return ids.map((id) => this.getNodeNow(id));
  }

  getNodeNow(id: string): NodeModel | null {
    const index = this.indexOf.get(id);
    return index === undefined ? this.findEdgeById(id) : this.entities[index]!;
  }

  /** Relationships are not indexed by id: the id names the start, type and end, which find it. */
  private findEdgeById(id: string): EdgeModel | null {
    if (!id.startsWith('Relationship:')) return null;
    const parsed = parseGlobalId(id);
    if (!parsed || parsed.kind !== 'relationship') return null;
    const from = this.indexOf.get(parsed.fromId);
    const to = this.indexOf.get(parsed.toId);
    const code = EDGE_TYPE_CODES.get(parsed.edgeType);
    if (from === undefined || to === undefined || code === undefined) return null;
    for (const row of this.outgoing.rowsOf(from)) {
      if (this.edges.typeCodeOf(row) === code && this.edges.fromOf(row) === from && this.edges.toOf(row) === to) return this.edges.edge(row);
    }
    return null;
  }

  async getEdges(nodeIds: readonly string[], types: readonly EdgeType[] | null, direction: Direction): Promise<EdgeModel[][]> {
    const mask = typeMask(types);
    return nodeIds.map((nodeId) => {
      const found: EdgeModel[] = [];
      const entity = this.indexOf.get(nodeId);
      if (entity === undefined) return found;
      if (direction !== 'INCOMING') this.collect(this.outgoing.rowsOf(entity), mask, false, found);
      // A symmetric relationship is in both indexes of both ends: with BOTH, list it once.
      if (direction !== 'OUTGOING') this.collect(this.incoming.rowsOf(entity), mask, direction === 'BOTH', found);
      return found;
    });
  }

  async findByName(foldedNames: readonly string[]): Promise<EntityModel[][]> {
    return foldedNames.map((name) => {
      const indexed = this.byFoldedName.get(name);
      const found = indexed === undefined ? [] : Array.isArray(indexed) ? indexed : [indexed];
      if (!isFoldedName(name)) return found;
      const named = [...this.byType.values()].flatMap((list) => findNamed(list, name));
      if (named.length === 0) return found;
      // In seed order, each entity once, as if every name were in the map.
      const all = new Set([...found, ...named]);
      return [...all].sort((a, b) => this.indexOf.get(a.id)! - this.indexOf.get(b.id)!);
    });
  }

  async listEntities(type: EntityTypeName, offset: number, limit: number): Promise<EntityPage> {
    const all = this.byType.get(type) ?? [];
    return { items: all.slice(offset, offset + limit), totalCount: all.length };
  }

  async search(query: string, options: SearchOptions): Promise<SearchResults> {
    // Built on first use: start-up stays fast, and a graph nobody searches costs no index.
    this.searchIndex ??= new SearchIndex(this.entities.values(), this.edges);
    return this.searchIndex.search(query, options);
  }

  async findEvidence(sourceId: string, start: number, end: number): Promise<FactModel[]> {
    this.factsBySource ??= this.buildFactIndex();
    return (this.factsBySource.get(sourceId) ?? []).filter((fact) => fact.evidence.start < end && start < fact.evidence.end);
  }

  private buildFactIndex(): Map<string, FactModel[]> {
    const index = new Map<string, FactModel[]>();
    const add = (fact: FactModel) => append(index, fact.evidence.sourceId, fact);
    for (const entity of this.entities) {
      for (const evidence of entity.mentions) add({ subjectId: entity.id, kind: 'MENTION', attribute: null, evidence });
      for (const [attribute, value] of Object.entries(entity)) {
        if (isPartialDate(value)) for (const evidence of value.evidence) add({ subjectId: entity.id, kind: 'DATE', attribute, evidence });
      }
    }
    for (const edge of this.edges) {
      for (const evidence of edge.evidence) add({ subjectId: edge.id, kind: 'RELATIONSHIP', attribute: null, evidence });
    }
    for (const facts of index.values()) facts.sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
    return index;
  }

  private collect(rows: Int32Array, mask: number, skipSymmetric: boolean, into: EdgeModel[]): void {
    for (const row of rows) {
      const code = this.edges.typeCodeOf(row);
      if (((mask >>> code) & 1) === 1 && !(skipSymmetric && isSymmetricCode(code))) into.push(this.edges.edge(row));
    }
  }
}
