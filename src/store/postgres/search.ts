import type pg from 'pg';
import { foldText } from '../../lib/text.js';
import type { SearchOptions, SearchResults } from '../graph-store.js';
import { B, D, K, describeMatch, fieldFactor, lengthWeight, termWeight, tokenize } from '../search-index.js';
import { QUOTE_DOCUMENTS } from './load-graph.js';
import { entityColumns, entityFrom, relationshipColumns, relationshipFrom } from './rows.js';

/**
 * Full-text search in PostgreSQL with the memory store's ranking (src/store/search-index.ts): the
 * same inverted index, kept in search_term, search_posting and search_document, scored by the same
 * BM25+ formula in SQL. PostgreSQL's own ts_rank weighs by term frequency and cover density but knows
 * nothing of a term's rarity across documents, and pg_trgm ranks by trigram similarity, so neither
 * would give the memory store's order; this does, to the last bit of each score.
 *
 * The score of a document is a sum of floating-point terms, so it depends on the order they are
 * added in: SQL adds them in the order the memory store does (`sum(... ORDER BY ...)`). The factors
 * that need a logarithm are worked out here, with the same Math.log, and passed in as parameters;
 * SQL only adds, multiplies and divides, which IEEE 754 rounds the same everywhere.
 */

interface TermRow {
  id: number;
  term: string;
  utf16_length: number;
  df: number[];
  documents: number[];
  totals: number[];
}

/** The query's words as groups: each exact word, then the last word with every term it begins. */
interface Group {
  word: string;
  terms: TermRow[];
  postings: number;
}

/**
 * A runner of one statement: the store's, which turns database failures into clear errors;
 * `settings` are SET LOCAL statements for that statement alone.
 */
export type Query = <R extends pg.QueryResultRow>(text: string, values: unknown[], settings?: string) => Promise<R[]>;

export async function searchInDatabase(query: Query, text: string, options: SearchOptions): Promise<SearchResults> {
  const words = tokenize(text);
  if (words.length === 0) return { matches: [], totalCount: 0 };
  const last = words[words.length - 1]!;
  const exact = [...new Set(words.slice(0, -1))];
  const folded = foldText(text);
  const [rows, named] = await Promise.all([
    query<TermRow>(
      `SELECT t.id, t.term, t.utf16_length, ARRAY[t.df_name, t.df_alias, t.df_description, t.df_quote] AS df,
              (SELECT array_agg(f.documents::float8 ORDER BY f.field) FROM search_field f) AS documents,
              (SELECT array_agg(f.total_length::float8 ORDER BY f.field) FROM search_field f) AS totals
         FROM search_term t
        WHERE t.term = ANY($1::text[]) OR starts_with(t.term, $2::text)`,
      [exact, last],
    ),
    // Entities whose whole name, alias, label or code is the query rank first (see SearchIndex):
    // those named so before those aliased so.
    query<{ doc: number; name: string }>(`SELECT DISTINCT n.entity AS doc, e.name FROM entity_name n JOIN entity e ON e.seq = n.entity WHERE n.folded = $1::text`, [folded]),
  ]);
  if (rows.length === 0) return { matches: [], totalCount: 0 };
  const tiers = { doc: named.map((row) => row.doc), tier: named.map((row) => (foldText(row.name) === folded ? 0 : 1)) };
  const byCodeUnits = (a: TermRow, b: TermRow) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);
  const groups: Group[] = [...exact.map((word) => rows.filter((row) => row.term === word)), rows.filter((row) => row.term.startsWith(last)).sort(byCodeUnits)].map((terms, i) => ({
    word: i < exact.length ? exact[i]! : last,
    terms,
    postings: terms.reduce((sum, term) => sum + term.df.reduce((a, b) => a + b, 0), 0),
  }));
  // Where every word matches somewhere, documents are scored word by word from the rarest up.
  const allRank = new Map([...groups.keys()].sort((a, b) => groups[a]!.postings - groups[b]!.postings).map((group, rank) => [group, rank]));
  const { documents, totals } = rows[0]!;
  const columns = { term: [] as number[], group: [] as number[], allRank: [] as number[], termRank: [] as number[], factors: [[], [], [], []] as number[][] };
  groups.forEach((group, g) => {
    group.terms.forEach((term, rank) => {
      columns.term.push(term.id);
      columns.group.push(g);
      columns.allRank.push(allRank.get(g)!);
      columns.termRank.push(rank);
      const weight = termWeight(term.utf16_length, group.word.length);
      for (let field = 0; field < 4; field++) columns.factors[field]!.push(fieldFactor(weight, field, documents[field]!, term.df[field]!));
    });
  });
  const weights = totals.map((total, field) => lengthWeight(total, documents[field]!));
  const types = options.types && options.types.size > 0 ? [...options.types] : null;
  const values = [
    columns.term,
    columns.group,
    columns.allRank,
    columns.termRank,
    ...columns.factors,
    D,
    K + 1,
    K * (1 - B),
    ...weights,
    groups.length,
    types,
    options.includeRelationships,
    options.limit,
    options.offset,
    tiers.doc,
    tiers.tier,
  ];
  // As the memory store does: documents holding every word if there are any, else those holding any.
  // With more than one word, the documents of the rarest are narrowed to those holding each of the
  // others, and only theirs are scored; scoring every posting of every word first cost seconds at a
  // million entities, where a common word has a million postings.
  let page: PageRow[] = [];
  if (groups.length > 1 && groups.every((group) => group.terms.length > 0)) {
    const byPostings = [...groups].sort((a, b) => a.postings - b.postings).map((group) => group.terms.map((term) => term.id));
    // A word of one term is named as a constant, so that its postings come from the (term, doc) key in
    // document order and the planner can merge them with the others' rather than hash them all.
    const termsOf = (i: number) => (byPostings[i]!.length === 1 ? `= $${values.length + 1 + i}::int` : `= ANY($${values.length + 1 + i}::int[])`);
    const holds = byPostings
      .slice(1)
      .map((_, i) => `AND EXISTS (SELECT 1 FROM search_posting q WHERE q.term ${termsOf(i + 1)} AND q.doc = p.doc)`)
      .join(' ');
    page = await query<PageRow>(
      pageStatement(`candidate AS (
         SELECT DISTINCT p.doc FROM search_posting p WHERE p.term ${termsOf(0)} ${holds}
       ), hit AS (
         SELECT c.doc, h.all_rank, h.term_rank, h.field, h.points
           FROM candidate c CROSS JOIN LATERAL (
             SELECT t.all_rank, t.term_rank, p.field, ${POINTS} AS points
               FROM t JOIN search_posting p ON p.term = t.term AND p.doc = c.doc OFFSET 0
           ) h
       ), matched AS (
         SELECT doc, sum(points ORDER BY all_rank, term_rank, field) * $16::int AS score FROM hit GROUP BY doc
       )`),
      [...values, ...byPostings.map((terms) => (terms.length === 1 ? terms[0] : terms))],
      // Planned serially: the planner prices a parallel hash of a common word's postings below the
      // merge, which took 0.8 s against 0.13 at a million entities on two cores.
      'SET LOCAL max_parallel_workers_per_gather = 0',
    );
  }
  if (!page[0]?.found) {
    // No document holds every word (or a word matches no term, or there is one word): those holding
    // any, scored word by word in query order and multiplied by how many of the words they hold.
    page = await query<PageRow>(
      pageStatement(`hit AS (
         SELECT p.doc, t.grp, t.term_rank, p.field, ${POINTS} AS points
           FROM t JOIN search_posting p ON p.term = t.term
       ), matched AS (
         SELECT doc, sum(points ORDER BY grp, term_rank, field) * least(count(DISTINCT grp), $16::int) AS score FROM hit GROUP BY doc
       )`),
      values,
    );
  }
  const queryWords = { last, exact: new Set(exact) };
  const matches = page
    .filter((row) => row.doc !== null)
    .map((row) =>
      row.e_id !== null
        ? describeMatch({ entity: entityFrom(row, 'e_') }, queryWords, row.score, row.tier !== null)
        : describeMatch({ edge: relationshipFrom(row, 'r_'), item: row.item! }, queryWords, row.score, false),
    );
  return { matches, totalCount: page[0]?.total ?? 0 };
}

type PageRow = { found: boolean; total: number; doc: number | null; score: number; item: number | null; tier: number | null } & Record<string, unknown>;

/** BM25+ of one posting in SQL: its term's factor for the field, times the saturated, length-normalised frequency. */
const POINTS = `(CASE p.field WHEN 0 THEN t.f0 WHEN 1 THEN t.f1 WHEN 2 THEN t.f2 ELSE t.f3 END)
  * ($9::float8 + (p.frequency * $10::float8)
     / (p.frequency + $11::float8
        + (CASE p.field WHEN 0 THEN $12::float8 WHEN 1 THEN $13::float8 WHEN 2 THEN $14::float8 ELSE $15::float8 END) * p.length))`;

/**
 * The statement that ranks and pages the matched documents, given the common table expressions
 * that define `matched (doc, score)` from the query's terms in `t`: each node once (a relationship
 * by its best quote), of the types asked for, exact names first, then by score.
 */
function pageStatement(matching: string): string {
  return `WITH t AS (
       SELECT * FROM unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::float8[], $6::float8[], $7::float8[], $8::float8[])
         AS t(term, grp, all_rank, term_rank, f0, f1, f2, f3)
     ), ${matching}, kept AS (
       -- An entity's document is numbered by the entity: with no types to test, it needs no look-up.
       SELECT m.doc, m.score, m.doc AS entity, NULL::bigint AS relationship, NULL::int AS item
         FROM matched m WHERE $17::text[] IS NULL AND m.doc < ${QUOTE_DOCUMENTS}
       UNION ALL
       (SELECT DISTINCT ON (d.relationship, CASE WHEN d.relationship IS NULL THEN d.doc END)
               m.doc, m.score, d.entity, d.relationship, d.item
          -- A look-up per matched document (OFFSET 0 keeps it one): the planner, which cannot count
          -- the matches ahead, would hash every document of the graph to join a few thousand.
          FROM matched m CROSS JOIN LATERAL (SELECT * FROM search_document d WHERE d.doc = m.doc OFFSET 0) d
         WHERE ($17::text[] IS NOT NULL OR m.doc >= ${QUOTE_DOCUMENTS})
           AND ((d.entity IS NOT NULL AND ($17::text[] IS NULL OR d.entity_type = ANY($17::text[])))
             OR (d.relationship IS NOT NULL AND $18::boolean AND ($17::text[] IS NULL OR d.from_type = ANY($17::text[]) OR d.to_type = ANY($17::text[]))))
         ORDER BY d.relationship, CASE WHEN d.relationship IS NULL THEN d.doc END, m.score DESC, m.doc)
     )
     SELECT EXISTS (SELECT 1 FROM matched) AS found, (SELECT count(*)::int FROM kept) AS total, page.doc, page.score, page.item, page.tier,
            ${entityColumns('e', 'e_')}, ${relationshipColumns('r', 'r_')}
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (
         SELECT kept.*, x.tier FROM kept LEFT JOIN unnest($21::bigint[], $22::int[]) AS x(doc, tier) ON x.doc = kept.doc
          ORDER BY coalesce(x.tier, 2), kept.score DESC, kept.doc LIMIT $19::int OFFSET $20::int
       ) page ON true
       LEFT JOIN entity e ON e.seq = page.entity
       LEFT JOIN relationship r ON r.seq = page.relationship
      ORDER BY coalesce(page.tier, 2), page.score DESC, page.doc`;
}
