// Field-level three-way merge of a contact (DESIGN.md §4.2): pure, no I/O.
// mergeContact(base, ours, theirs): ours is the hub's version, theirs the account's, base what both
// agreed on at the pair's last successful sync (null at the first link of two records).
// - Scalars (kind, each name component, formattedName, birthday, note, photo): a one-sided change
//   wins, equal changes agree, different changes conflict. The name merges per component.
// - Lists merge as sets keyed by the normalised value (lists.ts).
// - Without a base: union of the lists; a scalar only one side has is taken; differing scalars
//   conflict (a birthday that only adds the year to the other side's is taken as a refinement).
// - "Changed" means changed in meaning (normalize/semantic.ts), so a server that only reformats
//   a phone number or re-cases a label never causes a conflict.
// Invariant: on conflict, merged holds OURS for that field and the conflict carries all three
// values: nothing from theirs is applied silently, nothing from ours is lost.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { listSemantics, scalarSemantics } from '../normalize/semantic.ts';
import { absent, decide } from './decide.ts';
import type { Sides } from './decide.ts';
import { mergeList } from './lists.ts';
import type { FieldConflict, MergeOptions, MergeResult } from './types.ts';

function mergeScalars(base: ContactFields | null, ours: ContactFields, theirs: ContactFields, merged: ContactFields, conflicts: FieldConflict[]): void {
  for (const s of scalarSemantics) {
    const meaning: Sides<unknown> = { base: base ? s.compare(base) : absent, ours: s.compare(ours), theirs: s.compare(theirs) };
    const raw: Sides<unknown> = { base: base ? s.value(base) : absent, ours: s.value(ours), theirs: s.value(theirs) };
    const refined = !base && s.refine ? s.refine(ours, theirs) : null;
    const hints = base ? null : { oursEmpty: s.isEmpty(ours), theirsEmpty: s.isEmpty(theirs), refined: refined === 'a' ? 'ours' : refined === 'b' ? 'theirs' : null } as const;
    const decision = decide(meaning, raw, hints);
    if (decision === 'conflict') {
      conflicts.push({ path: s.path, base: base ? structuredClone(raw.base) : null, ours: structuredClone(raw.ours), theirs: structuredClone(raw.theirs) });
    }
    if (decision === 'theirs') s.take(merged, theirs);
  }
}

export function mergeContact(base: ContactFields | null, ours: ContactFields, theirs: ContactFields, options: MergeOptions): MergeResult {
  const conflicts: FieldConflict[] = [];
  const merged = structuredClone(ours);
  mergeScalars(base, ours, theirs, merged, conflicts);
  const l = listSemantics;
  const list = <K extends keyof typeof l>(field: K) => [field, base ? base[field] : null, ours[field], theirs[field], options, conflicts] as const;
  merged.nicknames = mergeList(l.nicknames, ...list('nicknames'));
  merged.emails = mergeList(l.emails, ...list('emails'));
  merged.phones = mergeList(l.phones, ...list('phones'));
  merged.addresses = mergeList(l.addresses, ...list('addresses'));
  merged.organizations = mergeList(l.organizations, ...list('organizations'));
  merged.dates = mergeList(l.dates, ...list('dates'));
  merged.urls = mergeList(l.urls, ...list('urls'));
  merged.ims = mergeList(l.ims, ...list('ims'));
  merged.relations = mergeList(l.relations, ...list('relations'));
  merged.groups = mergeList(l.groups, ...list('groups'));
  merged.customFields = mergeList(l.customFields, ...list('customFields'));
  return { merged, conflicts };
}
