import { readdir, readFile } from 'node:fs/promises';
import { Kind, parse, print, valueFromASTUntyped, type OperationDefinitionNode } from 'graphql';

/** An example operation opened as a tab in the IDE, in the words and layout of its file. */
export interface ExampleTab {
  /** The operation's name, which GraphiQL shows as the tab's title. */
  name: string;
  /** What the example asks, from the comment that opens its file. */
  summary: string;
  query: string;
  /** The variables filled in with the operation's defaults, as the Variables pane shows them. */
  variables: string;
}

/** An operation a page sends: the persisted text and its hash, and a readable form for the IDE. */
export interface PageOperation {
  hash: string;
  document: string;
  readable: string;
}

const operationsDir = new URL('../../operations/', import.meta.url);
const manifestFile = new URL('../generated/persisted-documents.json', import.meta.url);

// The IDE's tabs, in the order an analyst meets the questions.
const exampleFiles = ['who-signed.graphql', 'how-connected.graphql', 'timeline.graphql', 'search.graphql', 'neighbourhood.graphql'];

export async function readExampleTabs(): Promise<ExampleTab[]> {
  return Promise.all(exampleFiles.map(async (file) => exampleTab(await readFile(new URL(file, operationsDir), 'utf8'))));
}

/** A tab for an example file: its defaults become the Variables pane, so every input is in view. */
export function exampleTab(query: string): ExampleTab {
  const operation = operationDefinitions(query)[0];
  if (!operation?.name) throw new Error('An example operation must be named');
  const defaults = Object.fromEntries(
    (operation.variableDefinitions ?? []).filter((v) => v.defaultValue).map((v) => [v.variable.name.value, valueFromASTUntyped(v.defaultValue!)]),
  );
  const summary = (/^#\s*(.+)$/m.exec(query)?.[1] ?? '').trim();
  return { name: operation.name.value, summary, query, variables: JSON.stringify(defaults, null, 2) };
}

/**
 * The operations of the persisted-documents manifest by operation name, so pages send exactly the
 * documents a trusted-documents server knows.
 */
export async function readPageOperations(): Promise<Record<string, PageOperation>> {
  const manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as Record<string, string>;
  // The manifest's text is normalised (fields sorted, one line); the IDE shows the author's layout.
  const readable = new Map<string, string>();
  for (const file of (await readdir(operationsDir)).filter((name) => name.endsWith('.graphql'))) {
    for (const definition of operationDefinitions(await readFile(new URL(file, operationsDir), 'utf8'))) {
      readable.set(definition.name?.value ?? '', print(definition));
    }
  }
  const operations: Record<string, PageOperation> = {};
  for (const [hash, document] of Object.entries(manifest)) {
    const name = operationDefinitions(document)[0]?.name?.value;
    if (name) operations[name] = { hash, document, readable: readable.get(name) ?? document };
  }
  return operations;
}

/** The values of an enum of the schema, in declaration order, extensions included. */
export function schemaEnumValues(typeDefs: string, name: string): string[] {
  return parse(typeDefs).definitions.flatMap((definition) =>
    (definition.kind === Kind.ENUM_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_EXTENSION) && definition.name.value === name
      ? (definition.values ?? []).map((value) => value.name.value)
      : [],
  );
}

function operationDefinitions(text: string): OperationDefinitionNode[] {
  return parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}
