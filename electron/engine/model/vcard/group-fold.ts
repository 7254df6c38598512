// Folding group-card memberships into a contact card and back, for address books whose groups are
// separate group cards (iCloud, carddav-icloud.md §4.1; the account's groupsMode 'group-cards').
// The CardDAV source hands the engine each contact card with its memberships as one CATEGORIES line
// (so the codec, merge and patch treat them like any other field), and takes them out again before
// the card goes back to the server.
// The card's own CATEGORIES lines (unusual next to group cards; DAVx5 leaves them alone in this mode)
// are renamed to `X-CONCORD-OWN-<name as written>` while folded, so they survive untouched.
// Invariant: unfoldGroups(foldGroups(text, groups)) gives back `text` byte for byte and `groups`;
// lines the engine's patch did not touch stay byte for byte through a fold/unfold round trip.
import { parseVCard } from './cards.ts';
import { listValue as readList } from './decode.ts';
import type { VCard, VCardProperty } from './types.ts';
import { fold, listValue } from './write-line.ts';

const OWN = 'X-CONCORD-OWN-';

function eolOf(card: VCard): string {
  return card.begin.endsWith('\r\n') ? '\r\n' : card.begin.endsWith('\n') ? '\n' : '\r\n';
}

/** Replaces the card inside `text` (anything around it is kept). */
function replaceCard(text: string, card: VCard, body: string): string {
  const start = Math.max(text.indexOf(card.raw), 0);
  return text.slice(0, start) + body + text.slice(start + card.raw.length);
}

/** The property's raw text with its name (after any `group.`) replaced. */
function renamed(p: VCardProperty, from: (name: string) => string): string {
  const prefix = p.group === null ? '' : `${p.group}.`;
  const nameEnd = prefix.length + (/^[A-Za-z0-9-]+/.exec(p.raw.slice(prefix.length))?.[0].length ?? 0);
  return prefix + from(p.raw.slice(prefix.length, nameEnd)) + p.raw.slice(nameEnd);
}

/** The card with `groups` as one CATEGORIES line (none when empty). Unreadable text is returned as is. */
export function foldGroups(text: string, groups: readonly string[]): string {
  const parsed = parseVCard(text);
  if (!parsed.ok) return text;
  const card = parsed.card;
  const eol = eolOf(card);
  const lines = card.properties.map((p) => (p.name === 'CATEGORIES' ? renamed(p, (n) => OWN + n) : p.raw));
  if (groups.length > 0) lines.push(fold(`CATEGORIES:${listValue(groups, card.version)}`, eol));
  return replaceCard(text, card, card.begin + lines.join('') + card.end);
}

/** The card as the server should store it, and the groups the CATEGORIES lines named. */
export function unfoldGroups(text: string): { text: string; groups: string[] } {
  const parsed = parseVCard(text);
  if (!parsed.ok) return { text, groups: [] };
  const card = parsed.card;
  const groups: string[] = [];
  const lines: string[] = [];
  for (const p of card.properties) {
    if (p.name === 'CATEGORIES') groups.push(...readList(p, []));
    else if (p.name.startsWith(OWN)) lines.push(renamed(p, (n) => n.slice(OWN.length)));
    else lines.push(p.raw);
  }
  return { text: replaceCard(text, card, card.begin + lines.join('') + card.end), groups: [...new Set(groups.map((g) => g.trim()).filter((g) => g !== ''))] };
}
