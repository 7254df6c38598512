// Do two address books hold the same cards? Concord and vdirsyncer write different but equivalent
// serialisations (and Radicale re-serialises whatever it stores), so cards are compared after a
// small independent normalisation — not Concord's own vCard codec, which is under test here:
//   UID; FN; EMAIL values (lower case, sorted); TEL values (digits and a leading +, sorted);
//   NOTE (unescaped, line ends unified, trimmed); PHOTO (base64 without whitespace, or absent).
// Parameters (TYPE order and case), property order, folding, PRODID/REV and labels are ignored.
// Invariant: two cards compare equal only if every one of those fields is equal.

export interface NormalCard {
  uid: string;
  /** Everything compared except the UID, as one string. */
  key: string;
}

/** RFC 6350 §3.2 unfolding, then one entry per property: [upper-case name without group, value]. */
function properties(text: string): [string, string][] {
  const unfolded = text.replace(/\r\n/g, '\n').replace(/\n[ \t]/g, '');
  const out: [string, string][] = [];
  for (const line of unfolded.split('\n')) {
    // The name ends at the first ';' or ':' outside quotes; parameter values may be quoted.
    const m = /^((?:[\w-]+\.)?[\w-]+)((?:;[^:"]*(?:"[^"]*"[^:"]*)*)*):(.*)$/.exec(line);
    if (!m) continue;
    out.push([m[1]!.replace(/^[\w-]+\./, '').toUpperCase(), m[3]!]);
  }
  return out;
}

const unescapeText = (v: string) => v.replace(/\\([nN,;\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

export function normalise(text: string): NormalCard {
  const props = properties(text);
  const all = (name: string) => props.filter(([n]) => n === name).map(([, v]) => v);
  const uid = all('UID')[0] ?? '';
  const fields = {
    fn: unescapeText(all('FN')[0] ?? '').trim(),
    emails: all('EMAIL').map((v) => v.trim().toLowerCase()).sort(),
    tels: all('TEL').map((v) => v.replace(/[^\d+]/g, '')).sort(),
    note: unescapeText(all('NOTE').join('\n')).replace(/\r\n?/g, '\n').trim(),
    photo: all('PHOTO').map((v) => v.replace(/\s/g, '')).join(''),
  };
  return { uid, key: JSON.stringify(fields) };
}

export interface SetComparison {
  expected: number;
  actual: number;
  /** Cards of the reference with no card of the same UID in the other book. */
  missing: number;
  /** Cards in the other book whose UID the reference lacks. */
  extra: number;
  /** Same UID, different normalised content. */
  differing: number;
  /** The normalised contents as multisets, ignoring UIDs (catches a tool that renames UIDs). */
  sameContentIgnoringUid: boolean;
  identical: boolean;
  example?: string;
}

export function compareBooks(reference: Iterable<string>, other: Iterable<string>): SetComparison {
  const ref = new Map<string, string>();
  for (const t of reference) {
    const c = normalise(t);
    ref.set(c.uid, c.key);
  }
  const got = new Map<string, string>();
  for (const t of other) {
    const c = normalise(t);
    got.set(c.uid, c.key);
  }
  let missing = 0;
  let differing = 0;
  let example: string | undefined;
  for (const [uid, key] of ref) {
    const theirs = got.get(uid);
    if (theirs === undefined) {
      missing++;
      example ??= `missing ${uid}`;
    } else if (theirs !== key) {
      differing++;
      example ??= `${uid}: expected ${key.slice(0, 200)} got ${theirs.slice(0, 200)}`;
    }
  }
  const extra = [...got.keys()].filter((u) => !ref.has(u)).length;
  const sorted = (m: Map<string, string>) => [...m.values()].sort().join('\u0000');
  const sameContentIgnoringUid = sorted(ref) === sorted(got);
  return {
    expected: ref.size,
    actual: got.size,
    missing,
    extra,
    differing,
    sameContentIgnoringUid,
    identical: missing === 0 && extra === 0 && differing === 0,
    ...(example !== undefined && { example }),
  };
}
