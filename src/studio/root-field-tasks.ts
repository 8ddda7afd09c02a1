/** A task an analyst comes with, and the root fields of the query type that serve it. */
export interface RootFieldTask {
  task: string;
  fields: readonly string[];
}

/**
 * The root fields by task, as the IDE's Start here pane heads them and its docs explorer orders them.
 * Deprecated fields are left out: the pane does not offer them, and the docs list them last.
 * tests/browser/ide.test.ts checks that every field the schema offers and does not deprecate is here once.
 */
export const ROOT_FIELD_TASKS: readonly RootFieldTask[] = [
  {
    task: 'Look up',
    fields: ['node', 'nodes', 'entitiesByName', 'country', 'countries', 'people', 'agreements', 'events', 'topics', 'organizations', 'places', 'products', 'offices', 'policies', 'sources'],
  },
  { task: 'Search', fields: ['search'] },
  { task: 'Explore', fields: ['neighborhood', 'paths', 'timeline'] },
  { task: 'Evidence', fields: ['factsIn'] },
  { task: 'Aggregate', fields: ['groups'] },
  { task: 'Curate', fields: ['mentionsIn', 'changes', 'change'] },
];
