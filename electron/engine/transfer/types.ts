// Types shared by the transfer module's files (import reading, linking, export).
// Invariant: only types here; behaviour lives with the file that owns it.
import type { Dialect } from './columns.ts';

export type DialectOrVCard = Dialect | 'vcard';

export type { ImportRecord, LineIssue } from './vcard-file.ts';
