import { parseGlobalId } from '../lib/global-id.js';
import { compareByNameThenId, foldText } from '../lib/text.js';
import type { EntityPage, GraphStore } from './graph-store.js';
import type { Direction, EdgeModel, EdgeType, EntityModel, EntityTypeName, FactModel, NodeModel } from './models.js';
import { ENTITY_TYPES, isPartialDate } from './models.js';
import { SearchIndex, type SearchOptions, type SearchResults } from './search-index.js';
import type { SeedGraph } from './seed.js';
import { isSymmetric } from './vocabulary.js';

function append<K, V>(index: Map<K, V[]>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}

/**
 * The embedded store: the whole graph in memory, with its indexes built once at load. It never
 * changes after construction, which is what lets cursors be positions and caches key on `version`.
 * Indexes are sized to the graph: one map entry per entity and per name, one array slot per end of
 * each relationship; the search and evidence indexes are built on first use.
 */
export class MemoryGraphStore implements GraphStore {
  readonly version: string;
  private readonly entities = new Map<string, EntityModel>();
  private readonly outgoing = new Map<string, EdgeModel[]>();
  private readonly incoming = new Map<string, EdgeModel[]>();
  private readonly byType = new Map<EntityTypeName, EntityModel[]>();
  /** Most names belong to one entity: stored bare, and as a list only when shared. */
  private readonly byFoldedName = new Map<string, EntityModel | EntityModel[]>();
  private readonly edgeCount: number;
  private factsBySource: Map<string, FactModel[]> | null = null;
  private searchIndex: SearchIndex | null = null;

  constructor(graph: SeedGraph) {
    this.version = graph.version;
    for (const type of ENTITY_TYPES) this.byType.set(type, []);
    for (const entity of graph.entities) {
      this.entities.set(entity.id, entity);
      this.byType.get(entity.type)!.push(entity);
      // A country's ISO code is one of its names: `country(code:)` and name lookups both find it.
      const codes = entity.type === 'Country' ? [entity.code] : [];
      const names = new Set([entity.name, ...entity.aliases, ...entity.labels.map((l) => l.text), ...codes].map(foldText));
      for (const name of names) {
        const found = this.byFoldedName.get(name);
        if (found === undefined) this.byFoldedName.set(name, entity);
        else if (Array.isArray(found)) found.push(entity);
        else this.byFoldedName.set(name, [found, entity]);
      }
    }
    for (const list of this.byType.values()) list.sort(compareByNameThenId);
    for (const edge of graph.edges) {
      append(this.outgoing, edge.fromId, edge);
      append(this.incoming, edge.toId, edge);
      if (isSymmetric(edge.type)) {
        append(this.outgoing, edge.toId, edge);
        append(this.incoming, edge.fromId, edge);
      }
    }
    this.edgeCount = graph.edges.length;
  }

  /** The number of entities and relationships held. */
  get size(): { entities: number; relationships: number } {
    return { entities: this.entities.size, relationships: this.edgeCount };
  }

  async getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>> {
    return ids.map((id) => this.entities.get(id) ?? this.findEdgeById(id));
  }

  /** Relationships are not indexed by id: the id names the start, type and end, which find it. */
  private findEdgeById(id: string): EdgeModel | null {
    if (!id.startsWith('Relationship:')) return null;
    const parsed = parseGlobalId(id);
    if (!parsed || parsed.kind !== 'relationship') return null;
    const edges = this.outgoing.get(parsed.fromId) ?? [];
    return edges.find((edge) => edge.type === parsed.edgeType && edge.fromId === parsed.fromId && edge.toId === parsed.toId) ?? null;
  }

  async getEdges(nodeIds: readonly string[], types: readonly EdgeType[] | null, direction: Direction): Promise<EdgeModel[][]> {
    const wanted = types === null ? null : new Set<EdgeType>(types);
    return nodeIds.map((nodeId) => {
      const found: EdgeModel[] = [];
      if (direction !== 'INCOMING') this.collect(this.outgoing.get(nodeId), wanted, found);
      if (direction !== 'OUTGOING') this.collect(this.incoming.get(nodeId), wanted, found);
      // A symmetric relationship sits in both indexes of both ends; list it once.
      return direction === 'BOTH' ? [...new Set(found)] : found;
    });
  }

  async findByName(foldedNames: readonly string[]): Promise<EntityModel[][]> {
    return foldedNames.map((name) => {
      const found = this.byFoldedName.get(name);
      return found === undefined ? [] : Array.isArray(found) ? found : [found];
    });
  }

  async listEntities(type: EntityTypeName, offset: number, limit: number): Promise<EntityPage> {
    const all = this.byType.get(type) ?? [];
    return { items: all.slice(offset, offset + limit), totalCount: all.length };
  }

  async search(query: string, options: SearchOptions): Promise<SearchResults> {
    // Built on first use: start-up stays fast, and a graph nobody searches costs no index.
    this.searchIndex ??= new SearchIndex(this.entities.values(), this.allEdges());
    return this.searchIndex.search(query, options);
  }

  async findEvidence(sourceId: string, start: number, end: number): Promise<FactModel[]> {
    this.factsBySource ??= this.buildFactIndex();
    return (this.factsBySource.get(sourceId) ?? []).filter((fact) => fact.evidence.start < end && start < fact.evidence.end);
  }

  private *allEdges(): Generator<EdgeModel> {
    for (const [nodeId, edges] of this.outgoing) {
      for (const edge of edges) if (edge.fromId === nodeId) yield edge;
    }
  }

  private buildFactIndex(): Map<string, FactModel[]> {
    const index = new Map<string, FactModel[]>();
    const add = (fact: FactModel) => append(index, fact.evidence.sourceId, fact);
    for (const entity of this.entities.values()) {
      for (const evidence of entity.mentions) add({ subjectId: entity.id, kind: 'MENTION', attribute: null, evidence });
      for (const [attribute, value] of Object.entries(entity)) {
        if (isPartialDate(value)) for (const evidence of value.evidence) add({ subjectId: entity.id, kind: 'DATE', attribute, evidence });
      }
    }
    for (const edge of this.allEdges()) {
      for (const evidence of edge.evidence) add({ subjectId: edge.id, kind: 'RELATIONSHIP', attribute: null, evidence });
    }
    for (const facts of index.values()) facts.sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end || (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0));
    return index;
  }

  private collect(edges: EdgeModel[] | undefined, wanted: Set<EdgeType> | null, into: EdgeModel[]): void {
    if (!edges) return;
    for (const edge of edges) if (wanted === null || wanted.has(edge.type)) into.push(edge);
  }
}
