import { once } from 'node:events';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** A value of a COPY row: null is SQL NULL; objects are written as JSON. */
export type CopyValue = string | number | boolean | null | object;

/** Raised for a record PostgreSQL cannot store, naming it. */
export class UnstorableRecordError extends Error {}

/** A CSV field: quoted so that an empty string stays an empty string and only an unquoted empty field is NULL. */
function csvField(value: CopyValue, describe: () => string): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  // PostgreSQL text and jsonb cannot hold the NUL character (jsonb refuses its \u0000 escape too).
  if (text.includes('\u0000') || (typeof value !== 'string' && text.includes('\\u0000'))) {
    throw new UnstorableRecordError(`${describe()} contains a NUL character (U+0000), which PostgreSQL cannot store`);
  }
  return `"${text.replaceAll('"', '""')}"`;
}

/**
 * Streams rows into a table with COPY ... FROM STDIN in CSV, in chunks of about 256 KiB, waiting
 * whenever the connection's buffer is full. `describe` names a row in an error message; `onRows`
 * hears how many rows are written, after each chunk and once at the end. Returns the number of rows.
 */
export async function copyRows(
  client: pg.ClientBase,
  table: string,
  columns: readonly string[],
  rows: Iterable<CopyValue[]>,
  describe: (row: CopyValue[]) => string,
  onRows?: (count: number, done: boolean) => void,
): Promise<number> {
  const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN (FORMAT csv)`));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  let chunk = '';
  let count = 0;
  try {
    for (const row of rows) {
      chunk += `${row.map((value) => csvField(value, () => describe(row))).join(',')}\n`;
      count++;
      if (chunk.length >= 1 << 18) {
        if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), done]);
        chunk = '';
        onRows?.(count, false);
      }
    }
    stream.end(chunk);
  } catch (error) {
    // Abandon the COPY: the transaction it is in is rolled back by the caller.
    stream.destroy(error as Error);
    await done.catch(() => {});
    throw error;
  }
  await done;
  onRows?.(count, true);
  return count;
}
