import { readdir, readFile } from 'node:fs/promises';
import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';

/** An example operation opened as a tab in the IDE, in the words and layout of its file. */
export interface ExampleTab {
  query: string;
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
  return Promise.all(exampleFiles.map(async (file) => ({ query: await readFile(new URL(file, operationsDir), 'utf8') })));
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

function operationDefinitions(text: string): OperationDefinitionNode[] {
  return parse(text).definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}
