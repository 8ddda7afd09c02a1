import { readFileSync } from 'node:fs';
import { ConfigError, type Config } from '../config.js';
import { KeyRing, readKeyRecords, type KeyRecord } from './keys.js';

/**
 * The keys of the configuration: the records of KEYS_FILE and of API_KEYS together. Any problem
 * stops start-up, naming the file or variable and the entry (never a hash).
 */
export function loadKeyRing(config: Pick<Config, 'keys' | 'readRequiresKey'>): KeyRing {
  const problems: string[] = [];
  const records: KeyRecord[] = [];
  if (config.keys.file) {
    let text: string | null = null;
    try {
      text = readFileSync(config.keys.file, 'utf8');
    } catch (error) {
      problems.push(`KEYS_FILE ${config.keys.file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    if (text !== null) {
      const read = readKeyRecords(text, `KEYS_FILE ${config.keys.file}`);
      records.push(...read.records);
      problems.push(...read.problems);
    }
  }
  if (config.keys.json) {
    const read = readKeyRecords(config.keys.json, 'API_KEYS');
    records.push(...read.records);
    problems.push(...read.problems);
  }
  const names = new Set<string>();
  for (const record of records) {
    if (names.has(record.name)) problems.push(`the key name "${record.name}" is given in both KEYS_FILE and API_KEYS; each key has its own name`);
    names.add(record.name);
  }
  if (config.readRequiresKey && records.length === 0) problems.push('READ_REQUIRES_KEY=true, but no key is configured (KEYS_FILE or API_KEYS): nobody could read');
  if (problems.length > 0) throw new ConfigError(problems);
  return new KeyRing(records);
}
