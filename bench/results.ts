import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const FILE = path.join('bench', 'RESULTS.md');
const HEADER = `# Benchmark results

Written by the benchmarks themselves (\`npm run bench\`, \`npm run bench:scale\`); each section says
the command, the date and the machine it was measured on. Nothing here is asserted by a test.
`;

/** Replaces one section of bench/RESULTS.md (between its markers), keeping the others. */
export function writeResultsSection(name: string, markdown: string): void {
  const text = existsSync(FILE) ? readFileSync(FILE, 'utf8') : HEADER;
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`);
  writeFileSync(FILE, pattern.test(text) ? text.replace(pattern, block) : `${text.trimEnd()}\n\n${block}\n`);
}
