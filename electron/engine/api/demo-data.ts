// The sample address books of `concord demo` and the UI's "Try with sample data" (demo.load): the
// same people as a phone and as a laptop would write them (Apple-style cards with formatted numbers
// and phonetic names on one side; plain cards with compact numbers, upper-case e-mail domains or
// pinyin on the other), a few edits that conflict, a few likely duplicates, Chinese and Latin
// names. All fictional (example.* domains, 555-01xx numbers).
// Invariant: deterministic: the same files, byte for byte, every time (a fixed seed, no clock).

export interface SampleCard {
  /** File name in the folder. */
  file: string;
  vcard: string;
}

export interface SampleBooks {
  phone: SampleCard[];
  laptop: SampleCard[];
}

interface Person {
  given: string;
  family: string;
  /** Pinyin of a Chinese name (given, family); absent for Latin names. */
  pinyin?: [string, string];
  email?: string;
  phone?: string;
  org?: string;
  title?: string;
  birthday?: string;
  note?: string;
  city?: string;
}

/** mulberry32: a tiny deterministic PRNG. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const latinGiven = ['Ben', 'Diana', 'Elena', 'Farid', 'Grace', 'Hugo', 'Isabel', 'Jonas', 'Kavya', 'Liam', 'Maya', 'Noah', 'Olivia', 'Pablo'];
const latinFamily = ['Novak', 'Okafor', 'Rossi', 'Haddad', 'Kim', 'Müller', 'García', 'Silva', 'Patel', "O'Brien", 'Schmidt', 'Nguyen', 'Larsen', 'Moreau'];
const hanFamily: [string, string][] = [['王', 'Wang'], ['张', 'Zhang'], ['刘', 'Liu'], ['杨', 'Yang'], ['黄', 'Huang'], ['赵', 'Zhao'], ['周', 'Zhou'], ['吴', 'Wu'], ['孙', 'Sun'], ['马', 'Ma']];
const hanGiven: [string, string][] = [['伟', 'Wei'], ['敏', 'Min'], ['磊', 'Lei'], ['洋', 'Yang'], ['艳', 'Yan'], ['勇', 'Yong'], ['杰', 'Jie'], ['涛', 'Tao'], ['明', 'Ming'], ['秀英', 'Xiuying']];
const orgs = ['Acme Robotics', 'Blue Harbor Studio', 'Northwind Traders', '星河科技', 'Contoso Health', '青山出版社'];
const titles = ['Engineer', 'Designer', 'Product Manager', 'Editor', 'Nurse', 'Analyst'];
const cities = ['Lisbon', 'Berlin', 'Shanghai', 'Toronto', 'Chengdu', 'Nairobi'];

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z]/g, '').toLowerCase();

function generated(): Person[] {
  const next = random(20240611);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const people: Person[] = [];
  for (let i = 0; i < 14; i++) {
    const given = latinGiven[i]!;
    const family = latinFamily[(i * 5) % latinFamily.length]!;
    people.push({
      given,
      family,
      email: `${ascii(given)}.${ascii(family)}@example.${pick(['com', 'org', 'net'])}`,
      phone: `+1 415 555 01${String(10 + i).padStart(2, '0')}`,
      ...(next() < 0.6 && { org: pick(orgs.filter((o) => /^[A-Za-z]/.test(o))), title: pick(titles) }),
      ...(next() < 0.4 && { birthday: `19${70 + Math.floor(next() * 30)}-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}` }),
      ...(next() < 0.5 && { city: pick(cities) }),
    });
  }
  for (let i = 0; i < 10; i++) {
    const [fh, fp] = hanFamily[i]!;
    const [gh, gp] = hanGiven[(i * 3) % hanGiven.length]!;
    people.push({
      given: gh,
      family: fh,
      pinyin: [gp, fp],
      email: `${gp.toLowerCase()}.${fp.toLowerCase()}${i}@example.cn`,
      phone: `+86 21 5555 01${String(40 + i).padStart(2, '0')}`,
      ...(next() < 0.5 && { org: pick(orgs), title: pick(titles) }),
      ...(next() < 0.5 && { city: pick(['Shanghai', 'Chengdu', 'Beijing']) }),
    });
  }
  return people;
}

// ── how each side writes a card ──────────────────────────────────────────────

const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/[,;]/g, (c) => `\\${c}`);
const compactPhone = (p: string) => p.replace(/[^+\d]/g, '');
const upperDomain = (e: string) => e.replace(/@(.*)$/, (_m, d: string) => `@${d.toUpperCase()}`);

function card(lines: (string | false | undefined)[]): string {
  return `${['BEGIN:VCARD', 'VERSION:3.0', ...lines.filter((l): l is string => typeof l === 'string'), 'END:VCARD'].join('\r\n')}\r\n`;
}

/** As an iPhone exports it: formatted numbers, Apple labels, phonetic names for Chinese. */
function phoneCard(uid: string, p: Person): string {
  const fn = p.pinyin ? `${p.family}${p.given}` : `${p.given} ${p.family}`;
  return card([
    'PRODID:-//Apple Inc.//iPhone OS 17.5//EN',
    `N:${escape(p.family)};${escape(p.given)};;;`,
    `FN:${escape(fn)}`,
    p.pinyin && `X-PHONETIC-FIRST-NAME:${p.pinyin[0]}`,
    p.pinyin && `X-PHONETIC-LAST-NAME:${p.pinyin[1]}`,
    p.org && `ORG:${escape(p.org)};`,
    p.title && `TITLE:${escape(p.title)}`,
    p.email && `EMAIL;type=INTERNET;type=HOME;type=pref:${p.email}`,
    p.phone && `TEL;type=CELL;type=VOICE;type=pref:${p.phone}`,
    p.birthday && `BDAY:${p.birthday}`,
    p.note && `NOTE:${escape(p.note)}`,
    `UID:${uid}`,
  ]);
}

/** As a desktop address book writes it: compact numbers, upper-case domains, pinyin when `romanized`. */
function laptopCard(uid: string, p: Person, romanized = false): string {
  const [given, family] = romanized && p.pinyin ? p.pinyin : [p.given, p.family];
  const fn = p.pinyin && !romanized ? `${family}${given}` : `${given} ${family}`;
  return card([
    `UID:${uid}`,
    `FN:${escape(fn)}`,
    `N:${escape(family)};${escape(given)};;;`,
    p.email && `EMAIL;TYPE=home:${upperDomain(p.email)}`,
    p.phone && `TEL;TYPE=cell:${compactPhone(p.phone)}`,
    p.org && `ORG:${escape(p.org)}`,
    p.title && `TITLE:${escape(p.title)}`,
    p.city && `ADR;TYPE=home:;;;${escape(p.city)};;;`,
    p.birthday && `BDAY:${p.birthday}`,
    p.note && `NOTE:${escape(p.note)}`,
  ]);
}

/** The two sample address books. */
export function sampleBooks(): SampleBooks {
  const phone: SampleCard[] = [];
  const laptop: SampleCard[] = [];
  let n = 0;
  const onPhone = (p: Person) => {
    const uid = `sample-phone-${String(++n).padStart(3, '0')}`;
    phone.push({ file: `${uid}.vcf`, vcard: phoneCard(uid, p) });
  };
  const onLaptop = (p: Person, romanized = false) => {
    const uid = `SAMPLE-LAPTOP-${String(++n).padStart(3, '0')}`;
    laptop.push({ file: `${uid}.vcf`, vcard: laptopCard(uid, p, romanized) });
  };

  // Most people are in both, written differently; a quarter only on one side.
  generated().forEach((p, i) => {
    if (i % 4 !== 1) onPhone(p);
    if (i % 4 !== 0) onLaptop(p);
  });

  // Edits that conflict: the same field changed differently on each side.
  const ann: Person = { given: 'Ann', family: 'Lee', email: 'ann.lee@example.org', phone: '+1 415 555 0101', birthday: '1990-04-15', org: 'Acme Robotics', title: 'Engineer' };
  onPhone(ann);
  onLaptop({ ...ann, birthday: '1990-05-14' });
  const carlos: Person = { given: 'Carlos', family: 'Díaz', email: 'carlos.diaz@example.com', phone: '+34 612 555 013', note: 'Prefers calls after 6 pm.' };
  onPhone(carlos);
  onLaptop({ ...carlos, note: 'Prefers e-mail; travels Mondays.' });
  const chen: Person = { given: '静', family: '陈', pinyin: ['Jing', 'Chen'], email: 'chen.jing@example.cn', phone: '+86 138 5555 0123', org: '星河科技', title: '产品经理' };
  onPhone(chen);
  onLaptop({ ...chen, title: '产品总监' });
  // The same person, in Chinese characters on the phone and in pinyin on the laptop.
  const wang: Person = { given: '芳', family: '王', pinyin: ['Fang', 'Wang'], phone: '+86 139 5555 0188', city: 'Chengdu' };
  onPhone(wang);
  onLaptop(wang, true);

  // Likely duplicates: same name, nothing else in common; and the same person twice on one side.
  onPhone({ given: '娜', family: '李', pinyin: ['Na', 'Li'], email: 'li.na@example.cn', phone: '+86 21 5555 0177' });
  onLaptop({ given: 'Na', family: 'Li', email: 'lina.home@example.net', phone: '+86 21 5555 0178' });
  onPhone({ given: 'Robert', family: 'Brown', email: 'rob.brown@example.com', org: 'Northwind Traders' });
  onLaptop({ given: 'Robert', family: 'Brown', email: 'bobby.b@example.net', phone: '+44 20 7946 0958', city: 'Toronto' });
  onPhone({ given: 'Emily', family: 'Clark', email: 'emily.clark@example.com' });
  onPhone({ given: 'Emily', family: 'Clark', phone: '+1 415 555 0199', title: 'Architect', org: 'Blue Harbor Studio' });

  return { phone, laptop };
}
