// The address book of the peer benchmark: realistic vCard 3.0 cards built from the seeded
// generatedPeople() (Latin and Chinese names, emails, phones, organisations) plus what real books
// carry and the plain generator lacks: several emails and phones, long notes, pinyin for Chinese
// names (Apple's X-PHONETIC-* and vCard 3.0 SORT-STRING) and, on every third card, a small JPEG.
// Invariant: deterministic — the same n gives the same cards, UIDs and changes on every run, so
// both tools and every run sync exactly the same data.
import { serialize } from '../../../electron/engine/model/vcard/index.ts';
import { generatedPeople } from '../generate.ts';

export interface BookCard {
  uid: string;
  /** Resource name in the collection (`<uid>.vcf`). */
  name: string;
  text: string;
}

const pinyin: Record<string, string> = { 伟: 'Wěi', 芳: 'Fāng', 娜: 'Nà', 秀英: 'Xiùyīng', 敏: 'Mǐn', 张: 'Zhāng', 王: 'Wáng', 李: 'Lǐ', 刘: 'Liú', 陈: 'Chén' };
const toneless = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

/** A small but well-formed baseline JPEG header and scan of `size` bytes (content varies with seed). */
function jpeg(seed: number, size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  // SOI, APP0 "JFIF", then filler; EOI at the end. Servers and both tools treat it as opaque base64.
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00]);
  let s = seed || 1;
  for (let i = 20; i < size - 2; i++) bytes[i] = (s = (s * 48271) % 2147483647) & 0xfe;
  bytes.set([0xff, 0xd9], size - 2);
  return bytes;
}

const longNote = (i: number) =>
  `Met at the ${2010 + (i % 15)} partner summit in Hangzhou; follow up about the warehouse project.\n` +
  `Prefers email over phone. Assistant: Li Na (ext. ${100 + (i % 800)}). Birthday gift ideas: tea, books on sailing.\n` +
  `联系人备注：喜欢喝茶，周末不接电话。Last call ${1 + (i % 28)} March about invoice #${10_000 + i}; promised a quote by Friday.`;

export function peerBook(n: number): BookCard[] {
  return generatedPeople(n, 12).map((p, i) => {
    const uid = `peer-bench-${String(i).padStart(6, '0')}`;
    p.formattedName = /[\u4e00-\u9fff]/.test(p.name.family + p.name.given) ? `${p.name.family}${p.name.given}` : `${p.name.given} ${p.name.family}`;
    p.name.phoneticFamily = pinyin[p.name.family] ?? '';
    p.name.phoneticGiven = pinyin[p.name.given] ?? '';
    p.emails.push({ value: `work${i}@corp.example.com`, label: 'work', primary: false });
    if (i % 2 === 0) p.emails.push({ value: `alt.${i}@mail.example.net`, label: 'other', primary: false });
    p.phones.push({ value: `+1 212 555 ${String(i % 10_000).padStart(4, '0')}`, label: 'work', primary: false });
    if (i % 3 === 0) p.phones.push({ value: `+86 10 8${String(1_000_000 + i).slice(-7)}`, label: 'home', primary: false });
    if (i % 4 === 0) p.note = longNote(i);
    const photo = i % 3 === 0 ? { bytes: jpeg(i + 1, 1500 + (i % 7) * 300), mediaType: 'image/jpeg' } : null;
    if (photo) p.photo = { hash: `bench-${i}`, mediaType: 'image/jpeg', uri: null };
    let text = serialize(p, { version: '3.0', uid, photo });
    const sort = p.name.phoneticFamily ? `${toneless(p.name.phoneticFamily)} ${toneless(p.name.phoneticGiven)}`.trim() : p.name.family;
    text = text.replace('END:VCARD', `SORT-STRING:${sort}\r\nEND:VCARD`);
    return { uid, name: `${uid}.vcf`, text };
  });
}

export interface BookChanges {
  edited: BookCard[];
  deleted: BookCard[];
}

/** The change phase: 1% of the cards get a new phone and note line, another 0.5% are deleted. */
export function bookChanges(book: readonly BookCard[]): BookChanges {
  const nEdit = Math.max(1, Math.round(book.length / 100));
  const nDelete = Math.max(1, Math.round(book.length / 200));
  const step = Math.floor(book.length / (nEdit + nDelete));
  const picked = Array.from({ length: nEdit + nDelete }, (_, k) => book[k * step + 1]!);
  const edited = picked.slice(0, nEdit).map((c, k) => ({
    ...c,
    text: c.text.replace('END:VCARD', `TEL;TYPE=CELL:+49 170 ${String(5_000_000 + k)}\r\nX-BENCH-EDIT:${k}\r\nEND:VCARD`).replace(/^FN:(.*)$/m, 'FN:$1 (edited)'),
  }));
  return { edited, deleted: picked.slice(nEdit) };
}
