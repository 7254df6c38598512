// Group cards: Apple's `X-ADDRESSBOOKSERVER-KIND:group` + `X-ADDRESSBOOKSERVER-MEMBER:urn:uuid:…`
// (vCard 3.0, what iCloud serves, carddav-icloud.md §4.1) and RFC 6350's `KIND:group` + `MEMBER`
// (§6.1.4, §6.6.5). Members are referenced by the member card's UID.
// Writing: N holds only the name, without trailing ';' (Apple shows "Group;;;;" otherwise, DAVx5).
// patchGroup keeps every line of the original group card and only adds or removes member lines
// (and N/FN when the name changed), so a membership change touches nothing else.
// Invariant: reading a written group card gives back the name and the members in order.
import { parseVCard } from './cards.ts';
import type { PatchResult } from './patch.ts';
import { readCard } from './read.ts';
import { PRODID } from './serialize.ts';
import { escapeText, fold, uriValue } from './write-line.ts';

export interface GroupFields {
  name: string;
  /** Member UIDs (a value with a scheme, e.g. `mailto:`, is written as it is). */
  members: string[];
}

function memberRef(uid: string): string {
  return uriValue(/^[A-Za-z][A-Za-z0-9+.-]*:/.test(uid) ? uid : `urn:uuid:${uid}`);
}

function memberLines(members: string[], version: '3.0' | '4.0', eol: string): string[] {
  const name = version === '4.0' ? 'MEMBER' : 'X-ADDRESSBOOKSERVER-MEMBER';
  return members.map((m) => fold(`${name}:${memberRef(m)}`, eol));
}

function nameLines(name: string, version: '3.0' | '4.0', eol: string): string[] {
  const text = escapeText(name, version, version !== '4.0');
  return [fold(`N:${escapeText(name, version, true)}`, eol), fold(`FN:${text}`, eol)];
}

export function serializeGroup(group: GroupFields, options: { version: '3.0' | '4.0'; uid: string }): string {
  const v = options.version;
  const kind = v === '4.0' ? 'KIND:group\r\n' : 'X-ADDRESSBOOKSERVER-KIND:group\r\n';
  return [
    'BEGIN:VCARD\r\n',
    `VERSION:${v}\r\n`,
    fold(`PRODID:${PRODID}`),
    ...nameLines(group.name, v, '\r\n'),
    kind,
    ...memberLines(group.members, v, '\r\n'),
    fold(`UID:${escapeText(options.uid, v, false)}`),
    'END:VCARD\r\n',
  ].join('');
}

/** Rewrites a group card's name and membership, keeping all its other lines byte for byte. */
export function patchGroup(originalCardText: string, group: GroupFields): PatchResult {
  const parsed = parseVCard(originalCardText);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const card = parsed.card;
  const read = readCard(card).card;
  if (read.kind !== 'group') return { ok: false, error: { kind: 'not-a-contact', message: 'not a group card', line: card.line } };
  const version = card.version === '4.0' ? '4.0' : '3.0';
  const eol = card.begin.endsWith('\r\n') ? '\r\n' : card.begin.endsWith('\n') ? '\n' : '\r\n';
  const renamed = read.name !== group.name;
  const wanted = new Map<string, number>();
  for (const m of group.members) wanted.set(m, (wanted.get(m) ?? 0) + 1);
  const out: string[] = [card.begin];
  let lastMember = -1;
  card.properties.forEach((p, i) => {
    if (p.name === 'MEMBER' || p.name === 'X-ADDRESSBOOKSERVER-MEMBER') lastMember = i;
  });
  card.properties.forEach((p, i) => {
    if (p.name === 'MEMBER' || p.name === 'X-ADDRESSBOOKSERVER-MEMBER') {
      const uid = p.value.trim().replace(/^urn:uuid:/i, '');
      const left = wanted.get(uid) ?? 0;
      if (left > 0) {
        wanted.set(uid, left - 1);
        out.push(p.raw);
      }
    } else if (renamed && p.name === 'N') out.push(fold(`N:${escapeText(group.name, version, true)}`, eol));
    else if (renamed && p.name === 'FN') out.push(fold(`FN:${escapeText(group.name, version, version !== '4.0')}`, eol));
    else out.push(p.raw);
    if (i === lastMember || (lastMember < 0 && i === card.properties.length - 1)) {
      const added: string[] = [];
      for (const m of group.members) {
        const left = wanted.get(m) ?? 0;
        if (left > 0) {
          wanted.set(m, left - 1);
          added.push(m);
        }
      }
      out.push(...memberLines(added, version, eol));
    }
  });
  out.push(card.end);
  const start = originalCardText.indexOf(card.begin);
  const text = originalCardText.slice(0, Math.max(start, 0)) + out.join('') + originalCardText.slice(Math.max(start, 0) + card.raw.length);
  return { ok: true, text, changed: [], warnings: [] };
}
