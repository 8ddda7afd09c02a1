/**
 * npm run readme:examples
 *
 * Runs every GraphQL example of the README against the article's graph, over real HTTP, and writes
 * each answer into the JSON block that follows the example, so the README always shows real
 * output. tests/readme-examples.test.ts fails when a shown answer is not the real one.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import stringify from 'json-stringify-pretty-compact';
import { answerExamples, EXAMPLE_PATTERN } from '../tests/readme-examples.js';

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const text = await readFile(README, 'utf8');
const answers = await answerExamples(text);
let index = 0;
const updated = text.replace(EXAMPLE_PATTERN, (_whole, query: string) => `\`\`\`graphql\n${query}\`\`\`\n\n\`\`\`json\n${stringify(answers[index++], { maxLength: 100 })}\n\`\`\``);
await writeFile(README, updated);
console.log(`${answers.length} examples answered; README.md ${updated === text ? 'already showed every answer' : 'updated'}`);
process.exit(0);
