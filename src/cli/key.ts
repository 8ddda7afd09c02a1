import { parseArgs } from 'node:util';
import { createKey, hashKey, ROLES, type KeyRecord, type Role } from '../auth/keys.js';

/**
 * npm run key -- create --name alice --role curator [--budget 100000]
 *
 * Makes a new key and prints it once, with the record to add to KEYS_FILE (or API_KEYS). The
 * server keeps only the record, whose sha256 is the key's hash; the key cannot be shown again.
 */
function main(): number {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, role: { type: 'string' }, budget: { type: 'string' } },
  });
  const usage = `usage: npm run key -- create --name <name> --role <${ROLES.join('|')}> [--budget <cost per minute>]`;
  if (positionals[0] !== 'create') {
    console.error(usage);
    return 2;
  }
  const problems: string[] = [];
  if (!values.name || !/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/.test(values.name)) problems.push('--name must be 1 to 64 letters, digits, ".", "_", "@" or "-"');
  if (!(ROLES as readonly string[]).includes(values.role ?? '')) problems.push(`--role must be one of ${ROLES.join(', ')}`);
  if (values.budget !== undefined && !/^\d+$/.test(values.budget)) problems.push('--budget must be a whole number of cost units per minute, 0 for none');
  if (problems.length > 0) {
    console.error([...problems, usage].join('\n'));
    return 2;
  }
  const key = createKey();
  const record: KeyRecord = { name: values.name!, role: values.role as Role, sha256: hashKey(key), ...(values.budget !== undefined ? { budgetPerMinute: Number(values.budget) } : {}) };
  console.log(`key for ${record.name} (${record.role}); it is shown only now, so keep it where secrets are kept:\n\n  ${key}\n`);
  console.log(`add this record to the JSON array in KEYS_FILE (or API_KEYS), then restart the server:\n\n  ${JSON.stringify(record)}\n`);
  console.log(`clients send it as: Authorization: Bearer ${key.slice(0, 8)}…`);
  return 0;
}

process.exitCode = main();
