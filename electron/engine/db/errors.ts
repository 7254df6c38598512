// Database errors users can act on, as contract errors with clear messages.
import { ConcordError } from '../../../shared/api/errors.ts';

export function databaseTooNew(path: string, found: number, known: number): ConcordError {
  return new ConcordError(
    'DATABASE_TOO_NEW',
    `The Concord database at ${path} was written by a newer version of Concord (schema ${found}; this version knows up to ${known}). ` +
      'Update Concord, or use another data folder (--data-dir or CONCORD_DATA_DIR). Nothing was changed.',
  );
}
