// Field-level three-way merge of contacts: one import for the engine's callers.
export { mergeContact } from './contact.ts';
export { mergeList, pathKey } from './lists.ts';
export type { FieldConflict, MergeOptions, MergeResult } from './types.ts';
export { takePath } from './take-path.ts';
