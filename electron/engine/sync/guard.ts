// Safety guards (DESIGN.md §4.3), pure: before anything is written, stop and ask when a run would
// delete or overwrite many contacts, or when an account that had contacts suddenly lists none
// (a wiped server, a wrong address book, a broken token reset must not wipe the other accounts).
export interface GuardLimits {
  /** Trip only above this many contacts … */
  minContacts: number;
  /** … and above this share of the account. */
  fraction: number;
}

export interface GuardInput {
  /** Records the account had before this run. */
  knownRecords: number;
  /** Items the listing returned, for full listings; null for incremental ones. */
  listedItems: number | null;
  deletes: number;
  overwrites: number;
}

export function guardReason(input: GuardInput, limits: GuardLimits): string | null {
  if (input.listedItems === 0 && input.knownRecords > limits.minContacts) {
    return `the account listed no contacts although it had ${input.knownRecords}`;
  }
  const limit = Math.max(limits.minContacts, Math.floor(input.knownRecords * limits.fraction));
  if (input.deletes > limit) return `${input.deletes} contacts would be deleted (limit ${limit})`;
  if (input.overwrites > limit) return `${input.overwrites} contacts would be overwritten (limit ${limit})`;
  return null;
}
