import { mkdir, open, readdir, readFile, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { sha256Hex } from '../lib/sha256.js';
import { decodeUtf8 } from '../lib/utf8.js';
import type { JournalEntry } from './graph-store.js';

/** Raised at start-up when the journal cannot be read back: the service does not start on it. */
export class JournalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JournalError';
  }
}

/** Raised when an entry could not be made durable; the change was not applied. */
export class JournalWriteError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'JournalWriteError';
  }
}

const JOURNAL = 'journal.ndjson';
const SOURCES = 'sources';

/** The check an entry's line carries: the first 16 hex digits of the SHA-256 of the entry's JSON. */
function checkOf(entryJson: string): string {
  return sha256Hex(entryJson).slice(0, 16);
}

/** An entry as one line of the journal: its JSON with the check as the first member, and a newline. */
export function journalLine(entry: JournalEntry): string {
  const json = JSON.stringify(entry);
  return `{"check":"${checkOf(json)}",${json.slice(1)}\n`;
}

/** The entry a line holds, or null when the line is not a whole, intact entry. */
export function readJournalLine(line: string): JournalEntry | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { check, ...entry } = parsed as { check?: unknown } & Record<string, unknown>;
  if (typeof check !== 'string' || checkOf(JSON.stringify(entry)) !== check) return null;
  const candidate = entry as unknown as JournalEntry;
  if (!Number.isSafeInteger(candidate.sequence) || typeof candidate.at !== 'string' || !Array.isArray(candidate.changes)) return null;
  return candidate;
}

/** The slug of a source id, which names its text file: `Source:heise-x` → `heise-x`. */
function slugOf(sourceId: string): string {
  return sourceId.slice(sourceId.indexOf(':') + 1);
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface OpenedJournal {
  journal: JournalFile;
  /** The entries read back, in sequence order. */
  entries: JournalEntry[];
  /** Texts of the sources curation added, by source id. */
  sourceTexts: Map<string, string>;
}

/**
 * The memory store's journal: an append-only NDJSON file, `journal.ndjson`, one entry per line, in
 * a folder beside the texts of the sources curation added (`sources/<slug>.txt`). An entry is
 * written and fsynced before the change is applied and answered; a source's text is written to a
 * file of its own and fsynced, with its folder, before the entry that adds the source.
 *
 * Read back at start-up, every line must be a whole entry whose check matches, numbered one after
 * the other. Only the last line may be torn (a crash while it was written: no newline, or not an
 * intact entry): it was never acknowledged, so it is dropped with a warning and cut from the file.
 * Anything else wrong stops start-up, naming the line.
 */
export class JournalFile {
  private size: number;
  private broken: string | null = null;

  private constructor(
    readonly dir: string,
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.size = size;
  }

  static async open(dir: string, warn: (message: string) => void): Promise<OpenedJournal> {
    await mkdir(path.join(dir, SOURCES), { recursive: true });
    const file = path.join(dir, JOURNAL);
    const handle = await open(file, 'a+');
    try {
      const bytes = await readFile(file);
      const { entries, goodBytes } = readEntries(bytes, file, warn);
      if (goodBytes < bytes.length) {
        await handle.truncate(goodBytes);
        await handle.sync();
      }
      // The file's name in its folder must survive a crash as well as its bytes.
      await syncDirectory(dir);
      await syncDirectory(path.join(dir, SOURCES));
      const sourceTexts = await readSourceFiles(path.join(dir, SOURCES));
      return { journal: new JournalFile(dir, handle, goodBytes), entries, sourceTexts };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /**
   * Writes a source's text and makes it durable before any entry refers to it: a temporary file,
   * fsynced, renamed into place, and the folder fsynced.
   */
  async storeSourceText(sourceId: string, text: string): Promise<void> {
    this.assertWritable();
    const dir = path.join(this.dir, SOURCES);
    const target = path.join(dir, `${slugOf(sourceId)}.txt`);
    const temporary = `${target}.${process.pid}.tmp`;
    try {
      const handle = await open(temporary, 'w');
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
      await syncDirectory(dir);
    } catch (error) {
      throw new JournalWriteError(`The text of ${sourceId} could not be stored.`, { cause: error });
    }
  }

  /**
   * Appends an entry and fsyncs it. When that fails, the file is cut back to where it was, so no
   * part of the entry stays; if even that fails, the journal takes no more entries until restart.
   */
  async append(entry: JournalEntry): Promise<void> {
    this.assertWritable();
    const bytes = Buffer.from(journalLine(entry), 'utf8');
    try {
      await this.handle.write(bytes, 0, bytes.length, null);
      await this.handle.datasync();
      this.size += bytes.length;
    } catch (error) {
      try {
        await this.handle.truncate(this.size);
        await this.handle.sync();
      } catch {
        this.broken = 'an entry could not be written and the journal could not be cut back';
      }
      throw new JournalWriteError('The change could not be written to the journal.', { cause: error });
    }
  }

  /** Why the journal takes no entries, or null when it does. */
  get unavailable(): string | null {
    return this.broken;
  }

  private assertWritable(): void {
    if (this.broken) throw new JournalWriteError(`The journal takes no more entries: ${this.broken}.`);
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

/** Reads the entries of a journal's bytes, and how many bytes hold them (see JournalFile). */
function readEntries(bytes: Buffer, file: string, warn: (message: string) => void): { entries: JournalEntry[]; goodBytes: number } {
  const entries: JournalEntry[] = [];
  let offset = 0;
  let lineNumber = 0;
  while (offset < bytes.length) {
    lineNumber += 1;
    const newline = bytes.indexOf(0x0a, offset);
    const last = newline === -1 || newline === bytes.length - 1;
    const end = newline === -1 ? bytes.length : newline;
    let entry: JournalEntry | null = null;
    if (newline !== -1) {
      try {
        entry = readJournalLine(decodeUtf8(bytes.subarray(offset, end)));
      } catch {
        entry = null;
      }
    }
    if (entry === null) {
      if (last) {
        warn(`${file}: line ${lineNumber} is torn (${bytes.length - offset} bytes${newline === -1 ? ' without a newline' : ''}), from a crash while it was written; it was never acknowledged and is dropped`);
        return { entries, goodBytes: offset };
      }
      throw new JournalError(`${file}: line ${lineNumber} is not an intact journal entry, and it is not the last line, so it is not a torn write; the journal is damaged`);
    }
    if (entry.sequence !== entries.length + 1) {
      throw new JournalError(`${file}: line ${lineNumber} holds entry ${entry.sequence} where entry ${entries.length + 1} belongs`);
    }
    entries.push(entry);
    offset = end + 1;
  }
  return { entries, goodBytes: offset };
}

async function readSourceFiles(dir: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.txt')) continue;
    texts.set(`Source:${name.slice(0, -4)}`, decodeUtf8(await readFile(path.join(dir, name))));
  }
  return texts;
}
