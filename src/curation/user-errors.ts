/** A rule a mutation's input breaks (the schema's UserError): where, what, and what kind of problem. */
export interface UserError {
  path: string[];
  message: string;
  code: 'RULE_VIOLATED' | 'NOT_FOUND' | 'ALREADY_EXISTS' | 'TEXT_NOT_STORED' | 'MERGE_CONFLICT';
}
