// vCard text helpers for the iCloud simulator and the CardDAV tests: the rewrite iCloud applies to
// uploaded cards, the "has N" check behind its 403, and the minimal cards the tests send.
// What the rewrite imitates (carddav-icloud.md §1.3, §3.3, §4): iCloud stores vCard 3.0 with its own
// PRODID and REV, Apple-only lines, properties in its own order, and repeated lower-case `type=`
// parameters (`TEL;type=CELL;type=VOICE`), so the stored card is never the one that was sent.
// Invariant: the rewrite keeps every property the client sent (values untouched), only moving and
// re-spelling them, and adds nothing that changes the contact's name.

interface ContentLine {
  group: string | null;
  name: string;
  params: string[];
  value: string;
}

/** Unfolds (RFC 6350 §3.2) and splits into logical lines, dropping empty ones. */
export function logicalLines(card: string): string[] {
  return card
    .replace(/\r?\n[ \t]/g, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
}

function parseLine(line: string): ContentLine {
  // Find the ':' that ends name+params, skipping quoted parameter values (which may contain ':').
  let quoted = false;
  let end = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === ':' && !quoted) {
      end = i;
      break;
    }
  }
  const head = end < 0 ? line : line.slice(0, end);
  const value = end < 0 ? '' : line.slice(end + 1);
  const parts: string[] = [];
  let current = '';
  quoted = false;
  for (const c of head) {
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  const [nameWithGroup = '', ...params] = parts;
  const dot = nameWithGroup.indexOf('.');
  return {
    group: dot < 0 ? null : nameWithGroup.slice(0, dot),
    name: (dot < 0 ? nameWithGroup : nameWithGroup.slice(dot + 1)).toUpperCase(),
    params,
    value,
  };
}

function formatLine(line: ContentLine): string {
  const name = line.group === null ? line.name : `${line.group}.${line.name}`;
  return [name, ...line.params].join(';') + ':' + line.value;
}

/** `TYPE=A,B` / `type=A;TYPE=B` → Apple's `type=A;type=B`, moved before the other parameters. */
function appleParams(params: string[]): string[] {
  const types: string[] = [];
  const others: string[] = [];
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).toUpperCase() === 'TYPE') types.push(...p.slice(eq + 1).split(',').map((v) => `type=${v}`));
    else others.push(p);
  }
  return [...types, ...others];
}

/** What iCloud stores for an uploaded card. `now` makes REV deterministic in tests that want it. */
export function appleRewrite(card: string, now: Date = new Date()): string {
  const lines = logicalLines(card).map(parseLine);
  const pick = (name: string): ContentLine[] => lines.filter((l) => l.group === null && l.name === name);
  const skip = new Set(['BEGIN', 'END', 'VERSION', 'PRODID', 'REV', 'N', 'FN', 'UID', 'X-ABUID', 'X-ADDRESSBOOKSERVER-KIND']);
  const uid = pick('UID')[0]?.value ?? '';
  // Group cards stay group cards (carddav-icloud.md §4.1); Apple tags them ABGroup.
  const group = pick('X-ADDRESSBOOKSERVER-KIND').some((l) => l.value.trim().toLowerCase() === 'group');
  const rest = lines.filter((l) => l.group !== null || !skip.has(l.name)).map((l) => ({ ...l, params: appleParams(l.params) }));
  const rev = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const out = [
    'BEGIN:VCARD',
    'VERSION:3.0',
    'PRODID:-//Apple Inc.//iOS 18//EN',
    ...pick('N').map(formatLine),
    ...pick('FN').map(formatLine),
    ...rest.map(formatLine),
    // Apple-only lines a client must carry through untouched. (Real iCloud writes
    // X-ADDRESSBOOKSERVER-KIND only on group cards; here it proves unknown lines survive.)
    `X-ABUID:${uid}:${group ? 'ABGroup' : 'ABPerson'}`,
    `X-ADDRESSBOOKSERVER-KIND:${group ? 'group' : 'individual'}`,
    `REV:${rev}`,
    ...pick('UID').map(formatLine),
    'END:VCARD',
  ];
  return out.join('\r\n') + '\r\n';
}

/** iCloud's rule behind its empty 403 (vdirsyncer #1145): a card needs an N property. */
export function hasN(card: string): boolean {
  return logicalLines(card).some((l) => parseLine(l).name === 'N');
}

/** A minimal vCard 3.0 for `name` ("First Last"), as the contract tests send it. */
export function makeCard(name: string, uid: string): string {
  const space = name.lastIndexOf(' ');
  const given = space < 0 ? '' : name.slice(0, space);
  const family = space < 0 ? name : name.slice(space + 1);
  return ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `N:${escapeText(family)};${escapeText(given)};;;`, `FN:${escapeText(name)}`, 'END:VCARD', ''].join('\r\n');
}

/** The FN value of a card, unescaped; null when there is none. */
export function cardName(card: string): string | null {
  const fn = logicalLines(card)
    .map(parseLine)
    .find((l) => l.name === 'FN');
  return fn ? fn.value.replace(/\\([,;\\])/g, '$1').replace(/\\[nN]/g, '\n') : null;
}

export function cardUid(card: string): string | null {
  const uid = logicalLines(card)
    .map(parseLine)
    .find((l) => l.name === 'UID');
  return uid ? uid.value : null;
}

function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/;/g, '\\;').replace(/\n/g, '\\n');
}
