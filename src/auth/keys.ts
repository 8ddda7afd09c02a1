import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The roles a key can have, each with every right of the one before. */
export const ROLES = ['reader', 'curator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A key as the server knows it: a name for logs and the journal, a role, and only the SHA-256 of the key. */
export interface KeyRecord {
  name: string;
  role: Role;
  /** The SHA-256 of the key, as 64 lowercase hexadecimal digits; the key itself is never stored. */
  sha256: string;
  /** This key's cost budget per minute; the server's default for keys when omitted, 0 for none. */
  budgetPerMinute?: number;
}

const KEY_PREFIX = 'ent_';

/** A new key: a prefix that makes it recognisable in a leaked file, and 32 random bytes. */
export function createKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Reads key records from JSON (the KEYS_FILE's content or API_KEYS): an array of
 * `{"name", "role", "sha256", "budgetPerMinute"?}`. Returns the records or the problems, naming
 * the entry; never echoes a hash back.
 */
export function readKeyRecords(json: string, where: string): { records: KeyRecord[]; problems: string[] } {
  const problems: string[] = [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    return { records: [], problems: [`${where} is not valid JSON: ${(error as Error).message}`] };
  }
  if (!Array.isArray(parsed)) return { records: [], problems: [`${where} must hold a JSON array of {"name", "role", "sha256"} records`] };
  const records: KeyRecord[] = [];
  const names = new Set<string>();
  parsed.forEach((entry: unknown, i) => {
    const at = `${where}[${i}]`;
    if (typeof entry !== 'object' || entry === null) return void problems.push(`${at} must be an object with "name", "role" and "sha256"`);
    const { name, role, sha256, budgetPerMinute, ...rest } = entry as Record<string, unknown>;
    const before = problems.length;
    if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(name)) problems.push(`${at}.name must be 1 to 64 letters, digits, ".", "_", "@" or "-"`);
    else if (names.has(name)) problems.push(`${at}.name "${name}" is given to two keys; each key has its own name`);
    if (!(ROLES as readonly unknown[]).includes(role)) problems.push(`${at}.role must be one of ${ROLES.join(', ')}`);
    if (typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(sha256)) problems.push(`${at}.sha256 must be the key's SHA-256 as 64 lowercase hexadecimal digits (npm run key -- create prints it)`);
    if (budgetPerMinute !== undefined && !(Number.isSafeInteger(budgetPerMinute) && (budgetPerMinute as number) >= 0)) problems.push(`${at}.budgetPerMinute must be a whole number, 0 for no budget`);
    for (const key of Object.keys(rest)) problems.push(`${at} has an unknown key "${key}"; allowed: name, role, sha256, budgetPerMinute`);
    if (problems.length > before) return;
    names.add(name as string);
    records.push({ name: name as string, role: role as Role, sha256: sha256 as string, ...(budgetPerMinute !== undefined ? { budgetPerMinute: budgetPerMinute as number } : {}) });
  });
  return { records, problems };
}

/**
 * The keys a server accepts, held as hashes. A presented key is hashed and compared with every
 * stored hash in constant time (crypto.timingSafeEqual), all of them every time, so neither
 * whether a key is known nor which one takes a different time to answer.
 */
export class KeyRing {
  private readonly hashes: Array<{ digest: Buffer; record: KeyRecord }>;

  constructor(records: readonly KeyRecord[] = []) {
    this.hashes = records.map((record) => ({ digest: Buffer.from(record.sha256, 'hex'), record }));
  }

  get size(): number {
    return this.hashes.length;
  }

  /** The record of a presented key, or null when no stored hash matches. */
  find(key: string): KeyRecord | null {
    const digest = createHash('sha256').update(key, 'utf8').digest();
    let found: KeyRecord | null = null;
    for (const { digest: stored, record } of this.hashes) {
      if (timingSafeEqual(stored, digest) && found === null) found = record;
    }
    return found;
  }
}
