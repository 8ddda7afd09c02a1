import { createHash } from 'node:crypto';
import { foldText } from '../lib/text.js';
import type { GraphStore, EntityPage } from './graph-store.js';
import type { Direction, EdgeModel, EdgeType, EntityModel, EntityTypeName, FactModel, NodeModel, PartialDateModel } from './models.js';
import { ENTITY_TYPES, isEdge } from './models.js';
import { SearchIndex, type SearchMatch } from './search-index.js';
import type { SeedGraph } from './seed.js';
import { isSymmetric } from './vocabulary.js';

type Adjacency = Map<string, Map<EdgeType, EdgeModel[]>>;

function addAdjacent(index: Adjacency, nodeId: string, edge: EdgeModel): void {
  let byType = index.get(nodeId);
  if (!byType) index.set(nodeId, (byType = new Map()));
  let list = byType.get(edge.type);
  if (!list) byType.set(edge.type, (list = []));
  list.push(edge);
}

function isPartialDate(value: unknown): value is PartialDateModel {
  return typeof value === 'object' && value !== null && 'precision' in value && 'evidence' in value;
}

function byName(a: EntityModel, b: EntityModel): number {
  return a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The embedded store: the whole graph in memory, with every index built once at load. It never
 * changes after construction, which is what lets cursors be positions and caches key on `version`.
 */
export class MemoryGraphStore implements GraphStore {
  readonly version: string;
  private readonly nodes = new Map<string, NodeModel>();
  private readonly outgoing: Adjacency = new Map();
  private readonly incoming: Adjacency = new Map();
  private readonly byType = new Map<EntityTypeName, EntityModel[]>();
  private readonly byFoldedName = new Map<string, EntityModel[]>();
  private readonly factsBySource = new Map<string, FactModel[]>();
  private searchIndex: SearchIndex | null = null;

  constructor(graph: Pick<SeedGraph, 'entities' | 'edges'>) {
    for (const type of ENTITY_TYPES) this.byType.set(type, []);
    for (const entity of graph.entities) {
      this.nodes.set(entity.id, entity);
      this.byType.get(entity.type)!.push(entity);
      // A country's ISO code is one of its names: `country(code:)` and name lookups both find it.
      const codes = entity.type === 'Country' ? [entity.code] : [];
      const names = new Set([entity.name, ...entity.aliases, ...entity.labels.map((l) => l.text), ...codes].map(foldText));
      for (const name of names) {
        const list = this.byFoldedName.get(name);
        if (list) list.push(entity);
        else this.byFoldedName.set(name, [entity]);
      }
    }
    for (const list of this.byType.values()) list.sort(byName);
    for (const edge of graph.edges) {
      this.nodes.set(edge.id, edge);
      addAdjacent(this.outgoing, edge.fromId, edge);
      addAdjacent(this.incoming, edge.toId, edge);
      if (isSymmetric(edge.type)) {
        addAdjacent(this.outgoing, edge.toId, edge);
        addAdjacent(this.incoming, edge.fromId, edge);
      }
    }
    for (const entity of graph.entities) {
      for (const evidence of entity.mentions) this.addFact({ subjectId: entity.id, kind: 'MENTION', attribute: null, evidence });
      for (const [attribute, value] of Object.entries(entity)) {
        if (isPartialDate(value)) for (const evidence of value.evidence) this.addFact({ subjectId: entity.id, kind: 'DATE', attribute, evidence });
      }
    }
    for (const edge of graph.edges) {
      for (const evidence of edge.evidence) this.addFact({ subjectId: edge.id, kind: 'RELATIONSHIP', attribute: null, evidence });
    }
    for (const facts of this.factsBySource.values()) facts.sort((a, b) => a.evidence.start - b.evidence.start || a.evidence.end - b.evidence.end);
    const digest = createHash('sha256');
    for (const node of this.nodes.values()) digest.update(JSON.stringify(node));
    this.version = digest.digest('hex').slice(0, 16);
  }

  async getNodes(ids: readonly string[]): Promise<Array<NodeModel | null>> {
    return ids.map((id) => this.nodes.get(id) ?? null);
  }

  async getEdges(nodeIds: readonly string[], types: readonly EdgeType[] | null, direction: Direction): Promise<EdgeModel[][]> {
    return nodeIds.map((nodeId) => {
      const found: EdgeModel[] = [];
      if (direction !== 'INCOMING') this.collect(this.outgoing.get(nodeId), types, found);
      if (direction !== 'OUTGOING') this.collect(this.incoming.get(nodeId), types, found);
      // A symmetric relationship sits in both indexes of both ends; list it once.
      return direction === 'BOTH' ? [...new Set(found)] : found;
    });
  }

  async findByName(foldedNames: readonly string[]): Promise<EntityModel[][]> {
    return foldedNames.map((name) => this.byFoldedName.get(name) ?? []);
  }

  async listEntities(type: EntityTypeName, offset: number, limit: number): Promise<EntityPage> {
    const all = this.byType.get(type) ?? [];
    return { items: all.slice(offset, offset + limit), totalCount: all.length };
  }

  async search(query: string): Promise<SearchMatch[]> {
    // Built on first use: start-up stays fast, and a graph nobody searches costs no index.
    this.searchIndex ??= new SearchIndex(
      [...this.byType.values()].flat(),
      [...this.nodes.values()].filter(isEdge),
    );
    return this.searchIndex.search(query);
  }

  async findEvidence(sourceId: string, start: number, end: number): Promise<FactModel[]> {
    return (this.factsBySource.get(sourceId) ?? []).filter((fact) => fact.evidence.start < end && start < fact.evidence.end);
  }

  private addFact(fact: FactModel): void {
    const list = this.factsBySource.get(fact.evidence.sourceId);
    if (list) list.push(fact);
    else this.factsBySource.set(fact.evidence.sourceId, [fact]);
  }

  private collect(byType: Map<EdgeType, EdgeModel[]> | undefined, types: readonly EdgeType[] | null, into: EdgeModel[]): void {
    if (!byType) return;
    if (types === null) {
      for (const list of byType.values()) into.push(...list);
      return;
    }
    for (const type of types) {
      const list = byType.get(type);
      if (list) into.push(...list);
    }
  }
}
