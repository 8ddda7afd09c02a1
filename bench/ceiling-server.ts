/**
 * The ceiling: the fastest GraphQL answer this machine can give, a raw node:http server that reads
 * the request body and writes precomputed response bytes. It knows the exact answer to every request
 * of the benchmark's workloads (given as a JSON file: request body → response body) and answers any
 * other request with the fallback bytes. Prints its port once listening.
 *
 * With `--pace-us N` it first spends N µs of CPU on each request, in a busy loop: the same server
 * made as slow as another, to see what latency that throughput alone brings under the same load.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ options: { 'pace-us': { type: 'string', default: '0' } }, allowPositionals: true });
const [answersFile, contentType = 'application/json; charset=utf-8'] = positionals;
const paceNanoseconds = BigInt(Math.round(Number(values['pace-us']) * 1000));
const table = JSON.parse(readFileSync(answersFile!, 'utf8')) as { answers: Record<string, string>; fallback: string };
const answers = new Map(Object.entries(table.answers).map(([request, response]) => [request, Buffer.from(response)]));
const fallback = Buffer.from(table.fallback);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    if (paceNanoseconds > 0n) {
      const until = process.hrtime.bigint() + paceNanoseconds;
      while (process.hrtime.bigint() < until);
    }
    const body = answers.get(Buffer.concat(chunks).toString()) ?? fallback;
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.length });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  console.log(`ceiling listening on ${typeof address === 'object' && address ? address.port : 0}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
