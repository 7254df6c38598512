// Writing is a patch (carddav-icloud.md §6, peers.md §3.5): the original card's lines are kept and
// only the properties whose meaning changed are rewritten, so everything Concord does not model
// (X-SOCIALPROFILE, X-IMAGEHASH, X-ABCROP-RECTANGLE, GEO, vendor parameters, property order,
// folding, line ends) survives byte for byte.
// How a patch decides:
//  1. A section (sections.ts: one property family) is rewritten only when `before` and `after`
//     differ in it AND the original card does not already say what `after` says.
//  2. Scalar sections (N, FN, NOTE, BDAY, PHOTO, …) replace their properties in place.
//  3. List sections are diffed item by item: items equal to an original item keep their lines
//     untouched; a removed item's lines go, with its whole `itemN` group when nothing else in the
//     group is a modelled property (the X-ABLabel and unknown companions "move with it"); a changed
//     item is rewritten in place, keeping its group (a changed organisation rewrites only the part
//     that changed: ORG, TITLE or X-PHONETIC-ORG); new items go after the section's last line,
//     with fresh `itemN` numbers above every group in the card (DAVx5 getNextItemId).
//  4. The result is read back: if a rewritten section does not read as `after` does through a
//     fresh serialisation (e.g. a kept 4.0 PREF=2 becoming primary once PREF=1 is gone), that
//     section is regenerated whole and checked again.
// A vCard 2.1 original (servers reject 2.1) is rewritten as 3.0, carrying its unmodelled
// properties over. New lines use the card's own version and line ends.
// Invariant: lines outside the rewritten sections are copied unchanged and in order.
import type { ContactFields } from '../../../../shared/model/contact.ts';
import { parseVCard } from './cards.ts';
import { decodedValue, isQuotedPrintable } from './decode.ts';
import { readCard } from './read.ts';
import type { CardOrigins, CanonicalContact, ListSection } from './canonical.ts';
import { isListSection, sameMeaning, sameSection, stableJson } from './sections.ts';
import type { Section } from './sections.ts';
import { sectionOrder, sectionSpecs, serialize } from './serialize.ts';
import type { VCard, VCardErrorKind, VCardVersion } from './types.ts';
import { itemLines, organizationParts, scalarLines } from './write-fields.ts';
import type { PhotoBytes, WriteContext } from './write-fields.ts';
import { fold, renderLine } from './write-line.ts';
import type { LineSpec } from './write-line.ts';

export interface PatchOptions {
  /** Image bytes for after.photo when it changed to an embedded image. */
  photo?: PhotoBytes | null;
  /** UID to add when the original has none (and to use when a 2.1 card is rewritten). */
  uid?: string;
}

export type PatchErrorKind = VCardErrorKind | 'not-a-contact' | 'photo-bytes-missing' | 'missing-uid';

export interface PatchError {
  kind: PatchErrorKind;
  message: string;
  line: number;
}

export type PatchResult = { ok: true; text: string; changed: Section[]; warnings: string[] } | { ok: false; error: PatchError };

interface Plan {
  replace: Map<number, LineSpec[]>;
  remove: Set<number>;
  insertAfter: Map<number, LineSpec[]>;
  atEnd: LineSpec[];
}

function lineEnd(card: VCard): string {
  if (card.begin.endsWith('\r\n')) return '\r\n';
  if (card.begin.endsWith('\n')) return '\n';
  if (card.begin.endsWith('\r')) return '\r';
  return '\r\n';
}

/** Fields as a fresh card of this version would read back: what a rewritten section must equal. */
function expectedFields(after: ContactFields, version: '3.0' | '4.0', photo: PhotoBytes | null): ContactFields {
  const parsed = parseVCard(serialize(after, { version, uid: 'x', photo }));
  if (!parsed.ok) return after;
  const read = readCard(parsed.card).card;
  return read.kind === 'contact' ? read.fields : after;
}

interface Builder {
  card: VCard;
  original: CanonicalContact;
  origins: CardOrigins;
  after: ContactFields;
  version: '3.0' | '4.0';
  photo: PhotoBytes | null;
}

function buildPlan(b: Builder, changed: Section[], whole: Set<Section>): Plan {
  const { card, origins, after, original } = b;
  const props = card.properties;
  const plan: Plan = { replace: new Map(), remove: new Set(), insertAfter: new Map(), atEnd: [] };
  const ctx: WriteContext = { version: b.version, anniversaryTaken: false };

  // Which properties are modelled (companions are not), and who shares each group.
  const mapped = new Set<number>();
  for (const list of Object.values(origins.scalars)) for (const i of list) mapped.add(i);
  for (const list of Object.values(origins.claimed)) for (const i of list) mapped.add(i);
  const groupMembers = new Map<string, number[]>();
  let maxItem = 0;
  props.forEach((p, i) => {
    if (p.group === null) return;
    const key = p.group.toLowerCase();
    const list = groupMembers.get(key) ?? [];
    list.push(i);
    groupMembers.set(key, list);
    const m = /^item(\d+)$/.exec(key);
    if (m) maxItem = Math.max(maxItem, Number(m[1]));
  });
  const allocate = () => `item${++maxItem}`;
  const gone = (i: number) => plan.remove.has(i) || plan.replace.has(i);
  const insertAfter = (i: number, specs: LineSpec[]) => {
    const list = plan.insertAfter.get(i) ?? [];
    list.push(...specs);
    plan.insertAfter.set(i, list);
  };
  /** Puts specs where the first of `indices` was (or at the end) and removes the rest. */
  const place = (indices: number[], specs: LineSpec[]) => {
    const sorted = [...new Set(indices)].sort((x, y) => x - y);
    const first = sorted[0];
    if (first === undefined) plan.atEnd.push(...specs);
    else {
      plan.replace.set(first, specs);
      for (const i of sorted.slice(1)) plan.remove.add(i);
    }
  };
  /** Removes what is left of a group once its modelled properties are gone (labels move with their property). */
  const dropOrphanGroup = (group: string | null) => {
    if (group === null) return;
    const members = groupMembers.get(group.toLowerCase()) ?? [];
    const left = members.filter((i) => !gone(i));
    if (left.every((i) => !mapped.has(i))) for (const i of left) plan.remove.add(i);
  };
  /** Last line of a section (with its groups), where new items go. */
  const anchorOf = (section: ListSection): number | null => {
    let last = -1;
    for (const i of origins.claimed[section]) {
      last = Math.max(last, i);
      const g = props[i]?.group;
      if (g) for (const m of groupMembers.get(g.toLowerCase()) ?? []) if (!mapped.has(m)) last = Math.max(last, m);
    }
    return last >= 0 ? last : null;
  };
  const insertAtAnchor = (anchor: number | null, specs: LineSpec[]) => {
    if (anchor === null) plan.atEnd.push(...specs);
    else insertAfter(anchor, specs);
  };

  for (const section of changed) {
    if (section === 'photo') {
      // Apple's X-IMAGEHASH describes the old image; X-IMAGETYPE goes when there is no image.
      props.forEach((p, i) => {
        if (p.name === 'X-IMAGEHASH' || (after.photo === null && p.name === 'X-IMAGETYPE')) plan.remove.add(i);
      });
    }
    if (!isListSection(section)) {
      place(origins.scalars[section], scalarLines(section, after, ctx, b.photo));
      continue;
    }
    const itemOrigins = origins.items[section];
    if (whole.has(section)) {
      const indices = [...origins.claimed[section], ...itemOrigins.flatMap((o) => o.props)];
      const groupsToDrop = itemOrigins.map((o) => o.group);
      const anchor = anchorOf(section);
      for (const i of indices) plan.remove.add(i);
      for (const g of groupsToDrop) dropOrphanGroup(g);
      const specs = sectionSpecs(section, after, { version: b.version, anniversaryTaken: false }, b.photo, allocate);
      if (anchor !== null && !gone(anchor)) insertAfter(anchor, specs);
      else if (anchor !== null) {
        plan.remove.delete(anchor);
        plan.replace.set(anchor, specs);
      } else plan.atEnd.push(...specs);
      continue;
    }
    const origItems = original.fields[section] as unknown[];
    const afterItems = after[section] as unknown[];
    const unused = new Map<string, number[]>();
    origItems.forEach((item, j) => {
      const k = stableJson(item);
      const list = unused.get(k) ?? [];
      list.push(j);
      unused.set(k, list);
    });
    const added: number[] = [];
    afterItems.forEach((item, ai) => {
      const list = unused.get(stableJson(item));
      if (list && list.length > 0) list.shift();
      else added.push(ai);
    });
    const kept = new Set<number>(origItems.map((_, j) => j));
    const removed: number[] = [];
    for (const list of unused.values()) {
      for (const j of list) {
        kept.delete(j);
        removed.push(j);
      }
    }
    removed.sort((x, y) => x - y);
    if (section === 'dates') {
      ctx.anniversaryTaken = [...kept].some((j) => itemOrigins[j]?.props.some((p) => props[p]?.name === 'ANNIVERSARY'));
    }
    let ungroupedOrg = section === 'organizations' && [...kept, ...removed.slice(0, added.length)].some((j) => itemOrigins[j]?.group === null);
    const anchor = anchorOf(section);
    const pairs = Math.min(removed.length, added.length);
    for (let k = 0; k < removed.length; k++) {
      const j = removed[k] as number;
      const o = itemOrigins[j];
      if (!o) continue;
      const ai = k < pairs ? added[k] : undefined;
      if (ai === undefined) {
        for (const i of o.props) plan.remove.add(i);
        dropOrphanGroup(o.group);
        continue;
      }
      // Changed item: rewritten in place.
      if (section === 'organizations') {
        const was = original.fields.organizations[j];
        const now = after.organizations[ai];
        if (!was || !now) continue;
        const parts = organizationParts(now, ctx);
        const last = Math.max(...o.props);
        const steps: [LineSpec | null, string, boolean][] = [
          [parts.org, 'ORG', was.name === now.name && was.department === now.department],
          [parts.title, 'TITLE', was.title === now.title],
          [parts.phonetic, 'X-PHONETIC-ORG', was.phoneticName === now.phoneticName],
        ];
        for (const [spec, name, same] of steps) {
          const existing = o.props.find((i) => props[i]?.name === name);
          if (spec) spec.group = o.group;
          if (existing !== undefined && spec) {
            if (!same) plan.replace.set(existing, [spec]);
          } else if (existing !== undefined) plan.remove.add(existing);
          else if (spec) insertAfter(last, [spec]);
        }
        continue;
      }
      const gen = itemLines(section, after, ai, ctx, false);
      const [main, ...companions] = gen.lines;
      if (!main) {
        for (const i of o.props) plan.remove.add(i);
        dropOrphanGroup(o.group);
        continue;
      }
      const group = o.group ?? (gen.grouped ? allocate() : null);
      for (const l of gen.lines) l.group = group;
      const [mainIndex, ...otherIndices] = o.props;
      if (mainIndex === undefined) continue;
      plan.replace.set(mainIndex, [main]);
      for (const i of otherIndices) plan.remove.add(i);
      const existing = o.group ? (origins.companions.get(o.group.toLowerCase()) ?? []) : [];
      const used = new Set<number>();
      for (const c of companions) {
        const match = existing.find((i) => !used.has(i) && !gone(i) && props[i]?.name === c.name.toUpperCase());
        if (match !== undefined) {
          used.add(match);
          plan.replace.set(match, [c]);
        } else insertAfter(mainIndex, [c]);
      }
      const shared = (groupMembers.get((o.group ?? '').toLowerCase()) ?? []).some((i) => mapped.has(i) && !o.props.includes(i));
      if (!shared) for (const i of existing) if (!used.has(i)) plan.remove.add(i);
    }
    for (const ai of added.slice(pairs)) {
      const gen = itemLines(section, after, ai, ctx, section === 'organizations' && !ungroupedOrg);
      if (section === 'organizations' && !gen.grouped && gen.lines.length > 0) ungroupedOrg = true;
      if (gen.grouped) {
        const group = allocate();
        for (const l of gen.lines) l.group = group;
      }
      insertAtAnchor(anchor, gen.lines);
    }
  }
  return plan;
}

function render(b: Builder, plan: Plan, eol: string, extraUid: string | null): string {
  const out: string[] = [b.card.begin];
  const write = (specs: LineSpec[]) => {
    for (const s of specs) out.push(fold(renderLine(s, b.version), eol));
  };
  b.card.properties.forEach((p, i) => {
    const replacement = plan.replace.get(i);
    if (replacement) write(replacement);
    else if (!plan.remove.has(i)) out.push(p.raw);
    const more = plan.insertAfter.get(i);
    if (more) write(more);
  });
  write(plan.atEnd);
  if (extraUid !== null) out.push(fold(`UID:${extraUid}`, eol));
  out.push(b.card.end);
  return out.join('');
}

/** Sections whose text does not read back as expected. */
function check(text: string, expected: ContactFields, changed: Section[]): Section[] {
  const parsed = parseVCard(text);
  if (!parsed.ok) return changed;
  const read = readCard(parsed.card).card;
  if (read.kind !== 'contact') return changed;
  return changed.filter((s) => !sameMeaning(read.fields, expected, s));
}

/** vCard 2.1 → a fresh 3.0 card plus the original's unmodelled properties. */
function upgrade(b: Builder, options: PatchOptions): PatchResult {
  const uid = b.original.uid ?? options.uid ?? null;
  if (uid === null) return { ok: false, error: { kind: 'missing-uid', message: 'vCard 2.1 card without UID: pass options.uid', line: b.card.line } };
  const fresh = serialize(b.after, { version: '3.0', uid, photo: b.photo });
  const mapped = new Set<number>();
  for (const list of Object.values(b.origins.scalars)) for (const i of list) mapped.add(i);
  for (const list of Object.values(b.origins.claimed)) for (const i of list) mapped.add(i);
  const skip = new Set(['VERSION', 'PRODID', 'UID', 'REV', 'X-ABLABEL', 'X-ABADR']);
  const warnings: string[] = ['vCard 2.1 card rewritten as vCard 3.0 (CardDAV servers reject 2.1)'];
  const carried: string[] = [];
  b.card.properties.forEach((p, i) => {
    if (mapped.has(i) || skip.has(p.name)) return;
    // SOUND;X-IRMC-N is a reading that the new X-PHONETIC-* lines replace.
    if (p.name === 'SOUND' && p.params.some((x) => x.values.some((v) => v.toUpperCase() === 'X-IRMC-N'))) return;
    const qp = isQuotedPrintable(p);
    const value = qp ? decodedValue(p, warnings).replace(/\r\n|\r|\n/g, '\\n') : p.value;
    const params = p.params.filter((x) => !(qp && (x.name === 'ENCODING' || x.name === 'CHARSET'))).map((x) => [x.name, x.values] as [string, string[]]);
    carried.push(fold(renderLine({ group: p.group, name: p.name, params, value }, '3.0')));
  });
  const text = fresh.replace(/END:VCARD\r\n$/, `${carried.join('')}END:VCARD\r\n`);
  return { ok: true, text, changed: [...sectionOrder], warnings };
}

/**
 * Rewrites `originalCardText` so that it reads as `after`, changing only the properties of the
 * sections where `before` and `after` differ. `before` is the contact the caller last saw for this
 * card (the sync base); the original text may hold more than it (unknown properties).
 */
export function patch(originalCardText: string, before: ContactFields, after: ContactFields, options: PatchOptions = {}): PatchResult {
  const parsed = parseVCard(originalCardText);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const card = parsed.card;
  const read = readCard(card);
  if (read.card.kind !== 'contact' || !read.origins) {
    return { ok: false, error: { kind: 'not-a-contact', message: 'a group card cannot be patched with contact fields', line: card.line } };
  }
  const original = read.card;
  const keptPhoto = original.photo && after.photo?.hash === original.photo.hash ? { bytes: original.photo.bytes, mediaType: original.photo.mediaType } : null;
  const photo = options.photo ?? keptPhoto;
  const version: VCardVersion = card.version;
  const b: Builder = { card, original, origins: read.origins, after, version: version === '4.0' ? '4.0' : '3.0', photo };
  if (version === '2.1') return upgrade(b, options);

  const changed = sectionOrder.filter((s) => !sameSection(before, after, s) && !sameMeaning(original.fields, after, s));
  if (changed.includes('photo') && after.photo && after.photo.hash !== null && !photo) {
    return { ok: false, error: { kind: 'photo-bytes-missing', message: 'the photo changed: pass its bytes in options.photo', line: card.line } };
  }
  const eol = lineEnd(card);
  const extraUid = original.uid === null && options.uid ? options.uid : null;
  const start = originalCardText.indexOf(card.begin);
  const prefix = start > 0 ? originalCardText.slice(0, start) : '';
  const suffix = start >= 0 ? originalCardText.slice(start + card.raw.length) : '';
  if (changed.length === 0 && extraUid === null) return { ok: true, text: originalCardText, changed, warnings: [] };

  const expected = expectedFields(after, b.version, photo);
  const whole = new Set<Section>();
  let text = '';
  let failing: Section[] = [];
  for (let attempt = 0; attempt < 2; attempt++) {
    text = render(b, buildPlan(b, changed, whole), eol, extraUid);
    failing = check(text, expected, changed);
    if (failing.length === 0) break;
    for (const s of failing) whole.add(s);
  }
  const warnings = failing.map((s) => `${s}: the card does not read back exactly as requested`);
  return { ok: true, text: prefix + text + suffix, changed, warnings };
}
