/**
 * How long `mentionsIn` takes as the text grows, and whether it holds the server up meanwhile:
 *
 *   npm run bench:mentions -- [--sizes 5000,50000,200000] [--rounds 5]
 *
 * The article's seed is served over HTTP on loopback. Two kinds of text: prose made of the seed's
 * evidence quotes in a shuffled order (names recur, as in a real source), and random lowercase
 * words (every run of words is a name never seen, the most lookups a text of that length can ask).
 * Each round asks for every kind and size once, in a shuffled order, and 50 ms into each request
 * sends GET /health, whose wait shows whether the request holds the event loop. Reported per kind
 * and size: the median and range of the request's time and of /health's, the names looked up
 * (extensions.cost.touched) and the estimated cost. Nothing is asserted about time.
 */
import { parseArgs } from 'node:util';
import { loadMemoryStore } from '../src/store/load.js';
import { httpOn, REAL_SEED } from '../tests/helpers.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '5000,50000,200000' }, rounds: { type: 'string', default: '5' } } });
const sizes = values.sizes.split(',').map(Number);
const rounds = Number(values.rounds);

function median(list: number[]): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function shuffled<T>(list: readonly T[]): T[] {
  const copy = [...list];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const http = await httpOn(await loadMemoryStore(REAL_SEED));
const post = (query: string, variables: Record<string, unknown> = {}) =>
  fetch(`${http.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) }).then((r) => r.json() as Promise<any>);

try {
  const found = await post('{ factsIn(source: "Source:heise-2026-02-germany-canada-ai", start: 0, end: 5000, first: 100) { nodes { evidence { quote } } } }');
  const quotes: string[] = found.data.factsIn.nodes.map((fact: any) => fact.evidence.quote);
  const texts: Record<string, (size: number) => string> = {
    prose: (size) => {
      let text = '';
      while (text.length < size) text += `${shuffled(quotes).join('. ')}. `;
      return text.slice(0, size);
    },
    'random words': (size) => {
      let text = '';
      while (text.length < size) text += `${Array.from({ length: 3 + Math.floor(Math.random() * 6) }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('')} `;
      return text.slice(0, size);
    },
  };
  const cases = Object.keys(texts).flatMap((kind) => sizes.map((size) => ({ kind, size })));
  interface Measured {
    ms: number[];
    health: number[];
    touched: number;
    cost: number;
  }
  const results = new Map<string, Measured>();
  for (let round = 0; round < rounds; round++) {
    for (const { kind, size } of shuffled(cases)) {
      const text = texts[kind]!(size);
      const started = performance.now();
      const answer = post('query ($text: String!) { mentionsIn(text: $text, first: 1) { totalCount } }', { text });
      await new Promise((resolve) => setTimeout(resolve, 50));
      const asked = performance.now();
      await fetch(`${http.url}/health`);
      const health = performance.now() - asked;
      const body = await answer;
      const ms = performance.now() - started;
      if (body.errors) throw new Error(`${kind} ${size}: ${JSON.stringify(body.errors)}`);
      const key = `${kind} ${size}`;
      const entry: Measured = results.get(key) ?? { ms: [], health: [], touched: body.extensions.cost.touched, cost: body.extensions.cost.requested };
      entry.ms.push(ms);
      entry.health.push(health);
      results.set(key, entry);
    }
  }
  console.log('| text | characters | names looked up | cost | time, median (range) | /health meanwhile, median (range) |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { kind, size } of cases) {
    const { ms, health, touched, cost } = results.get(`${kind} ${size}`)!;
    const range = (list: number[]) => `${median(list).toFixed(0)} ms (${Math.min(...list).toFixed(0)}–${Math.max(...list).toFixed(0)})`;
    console.log(`| ${kind} | ${size.toLocaleString('en')} | ${touched.toLocaleString('en')} | ${cost} | ${range(ms)} | ${range(health)} |`);
  }
} finally {
  await http.close();
}
