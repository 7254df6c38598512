// A .vcf file with many cards → import records, through the engine's own codec (model/vcard:
// vCard 2.1 with QUOTED-PRINTABLE and CHARSET as old phones export, 3.0, 4.0, Apple group cards).
// The codec reads bytes itself when they are UTF-8 or UTF-16 with a BOM, or declare CHARSET per
// property (it then decodes line by line); a file in a legacy encoding without CHARSET (a GBK
// export) is decoded whole with the detected encoding first.
// Invariants: one bad card is one skipped record with its line, never the end of the file; group
// cards are not contacts: their member UIDs add the group's name to the members in the same file.
import type { ContactFields } from '../../../shared/model/contact.ts';
import { parseVCards, toCanonical } from '../model/vcard/index.ts';
import type { CanonicalPhoto } from '../model/vcard/index.ts';
import { hasIdentity } from './csv-fields.ts';
import type { DecodedText } from './encoding.ts';

export interface ImportRecord {
  /** 1-based line the record starts on (BEGIN:VCARD, or the CSV row's first line). */
  line: number;
  fields: ContactFields;
  photo: CanonicalPhoto | null;
  /** The card's UID: a card Concord exported carries its hub contact's id. */
  uid: string | null;
  warnings: string[];
}

export interface LineIssue {
  line: number;
  message: string;
}

export interface VCardRead {
  records: ImportRecord[];
  skipped: LineIssue[];
}

function isUtf8OrBom(decoded: DecodedText): boolean {
  return decoded.encoding === 'utf-8' || (decoded.source === 'bom' && decoded.encoding.startsWith('utf-16'));
}

const declaresCharset = (text: string): boolean => /;CHARSET=/i.test(text);

export function readVCardFile(bytes: Uint8Array | null, decoded: DecodedText): VCardRead {
  // Bytes when the codec can do better with them (folds splitting a UTF-8 character, per-property
  // CHARSET); the decoded text otherwise.
  const useBytes = bytes !== null && decoded.source !== 'given' && (isUtf8OrBom(decoded) || declaresCharset(decoded.text));
  const results = parseVCards(useBytes ? bytes : decoded.text);
  const records: ImportRecord[] = [];
  const skipped: LineIssue[] = [];
  const groups: { name: string; members: string[] }[] = [];
  for (const r of results) {
    if (!r.ok) {
      skipped.push({ line: r.error.line, message: `unreadable card: ${r.error.message}` });
      continue;
    }
    const card = toCanonical(r.card);
    if (card.kind === 'group') {
      groups.push({ name: card.name, members: card.members });
      continue;
    }
    if (!hasIdentity(card.fields)) {
      skipped.push({ line: r.card.line, message: 'the card has no name, email, phone or company' });
      continue;
    }
    records.push({ line: r.card.line, fields: card.fields, photo: card.photo, uid: card.uid, warnings: card.warnings });
  }
  if (groups.length > 0) {
    const byUid = new Map<string, ImportRecord>();
    for (const rec of records) if (rec.uid) byUid.set(rec.uid.replace(/^urn:uuid:/i, '').toLowerCase(), rec);
    for (const g of groups) {
      if (!g.name.trim()) continue;
      for (const member of g.members) {
        const rec = byUid.get(member.toLowerCase());
        if (rec && !rec.fields.groups.includes(g.name)) rec.fields.groups.push(g.name);
      }
    }
  }
  return { records, skipped };
}
