// ORG + TITLE + X-PHONETIC-ORG → organisations. vCard keeps the three as separate properties;
// a card with one organisation (nearly all) pairs them trivially, and Concord's writer groups the
// second and later organisations (`item3.ORG` + `item3.TITLE`) so they pair unambiguously.
// Invariant: every ORG/TITLE/X-PHONETIC-ORG line ends up in exactly one organisation's origin
// (or in none when the organisation has no text at all), so patch.ts can rewrite it alone.
import type { Organization } from '../../../../shared/model/contact.ts';
import type { ItemOrigin } from './canonical.ts';
import { structuredValue, textValue } from './decode.ts';
import type { VCardProperty } from './types.ts';

export interface OrgLine {
  index: number;
  prop: VCardProperty;
  part: 'org' | 'title' | 'phonetic';
}

/**
 * ORG, TITLE and X-PHONETIC-ORG → organisations. Lines in one group form one organisation (our
 * writer groups the second and later ones); ungrouped lines pair by order (the n-th TITLE belongs
 * to the n-th ORG), which is how every single-organisation card reads.
 */
export function readOrganizations(
  lines: OrgLine[],
  warnings: string[],
): { item: Organization; origin: ItemOrigin }[] {
  type Slot = { org?: (typeof lines)[number]; title?: (typeof lines)[number]; phonetic?: (typeof lines)[number]; first: number; group: string | null };
  const slots: Slot[] = [];
  const byGroup = new Map<string, Slot>();
  const ungrouped: Record<'org' | 'title' | 'phonetic', number> = { org: 0, title: 0, phonetic: 0 };
  const ungroupedSlots: Slot[] = [];
  for (const line of lines) {
    let slot: Slot | undefined;
    if (line.prop.group !== null) {
      const key = line.prop.group.toLowerCase();
      slot = byGroup.get(key);
      if (!slot || slot[line.part]) {
        slot = { first: line.index, group: line.prop.group };
        byGroup.set(key, slot);
        slots.push(slot);
      }
    } else {
      const n = ungrouped[line.part]++;
      slot = ungroupedSlots[n];
      if (!slot) {
        slot = { first: line.index, group: null };
        ungroupedSlots.push(slot);
        slots.push(slot);
      }
    }
    slot[line.part] = line;
  }
  slots.sort((a, b) => a.first - b.first);
  const out: { item: Organization; origin: ItemOrigin }[] = [];
  for (const slot of slots) {
    const [name = '', ...units] = slot.org ? structuredValue(slot.org.prop, warnings) : [];
    while (units.length > 0 && units[units.length - 1] === '') units.pop();
    const item: Organization = {
      name,
      department: units.join(';'),
      title: slot.title ? textValue(slot.title.prop, warnings) : '',
      phoneticName: slot.phonetic ? textValue(slot.phonetic.prop, warnings) : '',
    };
    if (item.name === '' && item.department === '' && item.title === '' && item.phoneticName === '') continue;
    const propsOf = [slot.org, slot.title, slot.phonetic].filter((l) => l !== undefined).map((l) => l.index);
    out.push({ item, origin: { props: propsOf.sort((a, b) => a - b), group: slot.group } });
  }
  return out;
}
