// A codegen plugin that writes the persisted-documents manifest, { "sha256:<hex>": document }, for
// servers that accept only known operations. It prints and hashes each operation exactly as the
// client preset does for the `__meta__.hash` of its typed documents, so the two always agree.
import { createHash } from 'node:crypto';
import { printExecutableGraphQLDocument } from '@graphql-tools/documents';

/** @type {import('@graphql-codegen/plugin-helpers').PluginFunction} */
export const plugin = (_schema, documents) => {
  const manifest = {};
  for (const { document } of documents) {
    if (!document) continue;
    for (const definition of document.definitions) {
      if (definition.kind !== 'OperationDefinition') continue;
      const text = printExecutableGraphQLDocument({ kind: 'Document', definitions: [definition] });
      manifest[`sha256:${createHash('sha256').update(text).digest('hex')}`] = text;
    }
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  return `${JSON.stringify(sorted, null, 2)}\n`;
};
