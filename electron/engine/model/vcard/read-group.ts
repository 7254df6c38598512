// Group cards: Apple's X-ADDRESSBOOKSERVER-KIND:group with X-ADDRESSBOOKSERVER-MEMBER (what iCloud
// serves, carddav-icloud.md §4.1) and RFC 6350 KIND:group with MEMBER (§6.1.4, §6.6.5).
// Invariant: members are returned in card order as UIDs (`urn:uuid:` removed); any other URI
// (mailto:, …) is kept as written; a group is named by FN, else by N's text.
import type { CanonicalGroup } from './canonical.ts';
import { structuredValue, textValue } from './decode.ts';
import type { VCard } from './types.ts';

export function readGroupCard(card: VCard, warnings: string[]): CanonicalGroup {
  let name: string | null = null;
  let nName: string | null = null;
  let uid: string | null = null;
  const members: string[] = [];
  for (const prop of card.properties) {
    if (prop.name === 'FN' && name === null) name = textValue(prop, warnings);
    else if (prop.name === 'N' && nName === null) nName = structuredValue(prop, warnings).filter((s) => s !== '').join(' ');
    else if (prop.name === 'UID' && uid === null) uid = textValue(prop, warnings).trim();
    else if (prop.name === 'MEMBER' || prop.name === 'X-ADDRESSBOOKSERVER-MEMBER') {
      const ref = textValue(prop, warnings).trim();
      if (ref !== '') members.push(ref.replace(/^urn:uuid:/i, ''));
    }
  }
  return { kind: 'group', name: name || nName || '', members, uid: uid || null, version: card.version, warnings };
}

export function isGroupCard(card: VCard): boolean {
  for (const p of card.properties) {
    if ((p.name === 'KIND' || p.name === 'X-ADDRESSBOOKSERVER-KIND') && p.value.trim().toLowerCase() === 'group') return true;
  }
  return false;
}
