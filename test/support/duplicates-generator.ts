// An address book with known duplicates, for the duplicate finder's tests and benchmark: N cards
// of which a share are extra copies of someone already in the book, written the way copies really
// differ — typos, nicknames (Bob/Robert, 小伟/伟), given and family name swapped, hanzi versus
// pinyin (张伟 / "Zhang Wei" / "Wei Zhang"), phone formats (+86 138…, 138…, 0086…, national
// trunk 0), e-mail case and Gmail dots, fields missing on one copy or replaced by a newer value —
// plus hard negatives: many different people called 王伟 and John Smith (own phones and
// birthdays), and relatives who share a family name and a home phone or family e-mail, often the
// address, and for twins the birthday.
// Ground truth: personOf[i] says which person card i belongs to. The perturbations are drawn
// independently of the scorer (they model how copies arise, not what the scorer can find), so a
// copy can lose everything it shared with the original; such copies count as misses.
// Invariant: deterministic for a seed; e-mail addresses and phone numbers of different people
// never collide unless deliberately shared (relatives).
import type { ContactFields, PartialDate } from '../../shared/model/contact.ts';
import { emptyContactFields } from '../../shared/model/contact.ts';
import { familyPinyin, givenPinyin } from '../../electron/engine/model/normalize/index.ts';

/** Park–Miller LCG: seeded, deterministic, good enough to spread test data. */
function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const latinGiven = [
  'James', 'John', 'Robert', 'Michael', 'William', 'David', 'Richard', 'Joseph', 'Thomas', 'Charles', 'Christopher', 'Daniel', 'Matthew', 'Anthony',
  'Mark', 'Donald', 'Steven', 'Paul', 'Andrew', 'Joshua', 'Kenneth', 'Kevin', 'Brian', 'George', 'Timothy', 'Ronald', 'Edward', 'Jason', 'Jeffrey',
  'Ryan', 'Jacob', 'Gary', 'Nicholas', 'Eric', 'Jonathan', 'Stephen', 'Larry', 'Justin', 'Scott', 'Brandon', 'Benjamin', 'Samuel', 'Gregory',
  'Alexander', 'Frank', 'Patrick', 'Raymond', 'Jack', 'Dennis', 'Jerry', 'Tyler', 'Aaron', 'Jose', 'Adam', 'Nathan', 'Henry', 'Douglas', 'Zachary',
  'Peter', 'Kyle', 'Walter', 'Ethan', 'Jeremy', 'Harold', 'Keith', 'Christian', 'Roger', 'Noah', 'Gerald', 'Carl', 'Terry', 'Sean', 'Austin',
  'Mary', 'Patricia', 'Jennifer', 'Linda', 'Elizabeth', 'Barbara', 'Susan', 'Jessica', 'Sarah', 'Karen', 'Lisa', 'Nancy', 'Betty', 'Margaret',
  'Sandra', 'Ashley', 'Kimberly', 'Emily', 'Donna', 'Michelle', 'Carol', 'Amanda', 'Dorothy', 'Melissa', 'Deborah', 'Stephanie', 'Rebecca',
  'Sharon', 'Laura', 'Cynthia', 'Kathleen', 'Amy', 'Angela', 'Shirley', 'Anna', 'Brenda', 'Pamela', 'Emma', 'Nicole', 'Helen', 'Samantha',
  'Katherine', 'Christine', 'Debra', 'Rachel', 'Carolyn', 'Janet', 'Catherine', 'Maria', 'Heather', 'Diane', 'Ruth', 'Julie', 'Olivia', 'Joyce',
  'Virginia', 'Victoria', 'Kelly', 'Lauren', 'Christina', 'Joan', 'Evelyn', 'Judith', 'Megan', 'Andrea', 'Cheryl', 'Hannah', 'Jacqueline',
  'Martha', 'Gloria', 'Teresa', 'Ann', 'Sara', 'Madison', 'Frances', 'Kathryn', 'Janice', 'Jean', 'Abigail', 'Alice', 'Judy', 'Sophia', 'Grace',
  'Émile', 'François', 'Zoë', 'Jürgen', 'Søren', 'Łukasz', 'José', 'Inés', 'Björn', 'Chloé', 'Renée', 'Mateo', 'Lucía', 'Giulia', 'Luca', 'Hanna',
  'Lars', 'Ingrid', 'Pierre', 'Camille', 'Matteo', 'Sofia', 'Leon', 'Mia', 'Felix', 'Lena', 'Jonas', 'Paula', 'Tobias', 'Clara', 'Julian', 'Nora',
];

const latinFamily = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez',
  'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark',
  'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams',
  'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker',
  'Cruz', 'Edwards', 'Collins', 'Reyes', 'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson', 'Watson', 'Brooks', 'Chavez', 'Wood', 'James',
  'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes', 'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster',
  'Jimenez', 'Powell', 'Jenkins', 'Perry', 'Russell', 'Sullivan', 'Bell', 'Coleman', 'Butler', 'Henderson', 'Barnes', 'Gonzales', 'Fisher',
  'Vasquez', 'Simmons', 'Romero', 'Jordan', 'Patterson', 'Alexander', 'Hamilton', 'Graham', 'Reynolds', 'Griffin', 'Wallace', 'Moreno', 'West',
  'Cole', 'Hayes', 'Bryant', 'Herrera', 'Gibson', 'Ellis', 'Tran', 'Medina', 'Aguilar', 'Stevens', 'Murray', 'Ford', 'Castro', 'Marshall',
  'Owens', 'Harrison', 'Fernandez', 'McDonald', 'Woods', 'Washington', 'Kennedy', 'Wells', 'Vargas', 'Henry', 'Chen', 'Freeman', 'Webb',
  'Tucker', 'Guzman', 'Burns', 'Crawford', 'Olson', 'Simpson', 'Porter', 'Hunter', 'Gordon', 'Mendez', 'Silva', 'Shaw', 'Snyder', 'Mason',
  'Dixon', 'Muñoz', 'Hunt', 'Hicks', 'Holmes', 'Palmer', 'Wagner', 'Black', 'Robertson', 'Boyd', 'Rose', 'Stone', 'Salazar', 'Fox', 'Warren',
  'Mills', 'Meyer', 'Rice', 'Schmidt', 'Garza', 'Daniels', 'Ferguson', 'Nichols', 'Stephens', 'Soto', 'Weaver', 'Ryan', 'Gardner', 'Payne',
  'Grant', 'Dunn', 'Kelley', 'Spencer', 'Hawkins', 'Arnold', 'Pierce', 'Vazquez', 'Hansen', 'Peters', 'Santos', 'Hart', 'Bradley', 'Knight',
  'Müller', 'Schneider', 'Fischer', 'Weber', 'Becker', 'Schulz', 'Hoffmann', 'Schäfer', 'Koch', 'Bauer', 'Richter', 'Klein', 'Wolf', 'Schröder',
  'Neumann', 'Schwarz', 'Zimmermann', 'Braun', 'Krüger', 'Hofmann', 'Hartmann', 'Lange', 'Schmitt', 'Werner', 'Krause', 'Lehmann', 'Köhler',
  'Dubois', 'Lefèvre', 'Moreau', 'Laurent', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau', 'Rossi', 'Russo', 'Ferrari',
  'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Marino', 'Greco', 'Bruno', 'Gallo', 'Conti', 'De Luca', 'Costa', 'Giordano', 'Mancini',
  'Kowalski', 'Nowak', 'Wiśniewski', 'Wójcik', 'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsen', 'Jensen',
  'Nielsen', 'Hansen', "O'Brien", "O'Connor", 'van der Berg', 'de Vries', 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'de Boer',
];

/** Chinese surnames, most common first (the draw favours the head of the list, as real books do). */
const hanFamily = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋',
  '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁',
  '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金', '石', '廖', '贾', '夏', '韦', '付', '方', '白', '邹', '孟', '熊', '秦',
  '邱', '江', '尹', '薛', '闫', '段', '雷', '侯', '龙', '史', '陶', '黎', '贺', '顾', '毛', '郝', '龚', '邵', '万', '钱', '严', '覃', '武', '戴',
  '欧阳', '司马', '诸葛', '上官',
];

const hanGivenChars = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '桂', '英', '华',
  '玉', '兰', '文', '辉', '建', '国', '红', '梅', '鹏', '飞', '斌', '波', '宇', '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '欣',
  '晨', '瑞', '博', '昊', '天', '志', '海', '峰', '雪', '琳', '婷', '颖', '倩', '萍', '燕', '慧', '佳', '晶', '莉', '璐', '悦', '思', '雨', '萱',
  '子', '涵', '轩', '诗', '怡', '嘉', '欢', '晓', '春', '冬', '秋', '成', '亮', '东', '新', '永', '德', '利', '福', '生', '荣', '安', '康', '泽',
];

const orgWords = ['Nordlicht', 'Harbor', 'Acme', 'Blue Ridge', 'Summit', 'Pioneer', 'Evergreen', 'Lighthouse', 'Granite', 'Meridian', 'Atlas', 'Beacon', 'Cedar', 'Falcon', 'Horizon', 'Juniper', 'Keystone', 'Maple', 'Orchid', 'Quantum'];
const orgSuffixes = ['GmbH', 'Inc.', 'Ltd', '& Co.', 'Labs', 'Partners', 'Group', 'Consulting', 'Systems', 'Foods'];
const hanOrgs = ['北京星辰科技有限公司', '上海浦江贸易有限公司', '深圳华信电子', '杭州西湖软件', '广州南方物流', '成都天府餐饮', '武汉长江设计院', '南京金陵银行'];
const mailDomains = ['gmail.com', 'gmail.com', 'outlook.com', 'yahoo.com', 'icloud.com', 'hotmail.com', 'proton.me', 'web.de'];
const hanMailDomains = ['163.com', 'qq.com', '126.com', 'gmail.com', 'sina.com', 'foxmail.com'];
const streets = ['Main St', 'Oak Ave', 'Maple Rd', 'Hauptstraße', 'Rue de la Paix', 'Via Roma', '长安街', '南京路', 'High Street', 'Park Lane'];
const cities = ['Springfield', 'Berlin', 'Paris', 'Roma', '北京', '上海', 'London', 'Boston', 'Hamburg', '深圳'];

type Country = 'CN' | 'US' | 'GB' | 'DE' | 'FR';

interface Person {
  han: boolean;
  given: string;
  family: string;
  /** Hanzi names also written in pinyin ("Zhang", "Wei"). */
  givenLatin: string;
  familyLatin: string;
  emails: string[];
  phones: { country: Country; national: string; label: string }[];
  birthday: PartialDate | null;
  org: string;
  address: { street: string; locality: string } | null;
  note: string;
}

export interface GeneratedBook {
  contacts: ContactFields[];
  /** Ground truth: the person each card belongs to. */
  personOf: number[];
  /**
   * What was done to each card when it was copied ([] for an original): 'name:nickname',
   * 'email:dropped', 'phone:format', … — for analysing misses by kind of perturbation.
   */
  perturbations: string[][];
  /** How many cards are extra copies of someone else's card. */
  duplicates: number;
  /** Pairs of cards of the same person: the pairs a perfect finder reports. */
  truePairs: number;
}

export interface GeneratorOptions {
  seed?: number;
  /** Share of the N cards that are extra copies (0.1 = 10%). */
  duplicateRate?: number;
  /** Share of people called 王伟 or John Smith (each). */
  commonNameRate?: number;
  /** Share of people who are a relative of an earlier person (same family name, shared line or e-mail). */
  relativeRate?: number;
}

const capital = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function generateDuplicateBook(n: number, options: GeneratorOptions = {}): GeneratedBook {
  const r = rng(options.seed ?? 7);
  const duplicateRate = options.duplicateRate ?? 0.1;
  const commonNameRate = options.commonNameRate ?? 0.004;
  const relativeRate = options.relativeRate ?? 0.02;
  const chance = (p: number) => r() < p;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  /**
   * Skewed towards the head of the list, as real names are: with these lists the most common
   * given name (James) is ~3% of Latin cards and Smith ~2%, 王 ~5% of Chinese ones (census shares
   * are ~3%, ~1% and ~7%).
   */
  const pickSkewed = <T>(xs: readonly T[]): T => xs[Math.floor(r() ** 1.5 * xs.length)]!;
  const digits = (k: number) => Array.from({ length: k }, () => Math.floor(r() * 10)).join('');

  const usedEmails = new Set<string>();
  const usedPhones = new Set<string>();
  const uniqueEmail = (local: string, domain: string): string => {
    let candidate = `${local}@${domain}`;
    while (usedEmails.has(candidate.toLowerCase())) candidate = `${local}${Math.floor(r() * 1000)}@${domain}`;
    usedEmails.add(candidate.toLowerCase());
    return candidate;
  };
  const newPhone = (country: Country): { country: Country; national: string; label: string } => {
    for (;;) {
      const national =
        country === 'CN'
          ? `1${pick(['3', '5', '8', '9'])}${digits(9)}`
          : country === 'US'
            ? `${pick(['212', '415', '617', '312', '206', '512'])}${pick(['2', '3', '4', '5', '6', '7', '8'])}${digits(6)}`
            : country === 'GB'
              ? `7${digits(9)}`
              : country === 'DE'
                ? `1${pick(['5', '6', '7'])}${digits(8)}`
                : `6${digits(8)}`;
      if (usedPhones.has(country + national)) continue;
      usedPhones.add(country + national);
      return { country, national, label: chance(0.8) ? 'mobile' : pick(['home', 'work']) };
    }
  };
  const birthday = (): PartialDate => ({ year: chance(0.8) ? 1950 + Math.floor(r() * 56) : null, month: 1 + Math.floor(r() * 12), day: 1 + Math.floor(r() * 28) });

  function emailFor(p: Pick<Person, 'han' | 'givenLatin' | 'familyLatin'>): string {
    const g = p.givenLatin.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
    const f = p.familyLatin.toLowerCase().normalize('NFKD').replace(/[^a-z]/g, '');
    const local = pick([`${g}.${f}`, `${g[0] ?? 'x'}${f}`, `${g}${f}${digits(2)}`, `${f}.${g}`, `${pick(['sunny', 'tiger', 'blue', 'happy', 'star', 'moon'])}${digits(3)}`, `${g}_${f}${digits(2)}`]);
    if (p.han && chance(0.25)) return uniqueEmail(`${1 + Math.floor(r() * 9)}${digits(8)}`, 'qq.com');
    return uniqueEmail(local, pick(p.han ? hanMailDomains : mailDomains));
  }

  function newPerson(): Person {
    const han = chance(0.45);
    let given: string;
    let family: string;
    let givenLatin: string;
    let familyLatin: string;
    if (han) {
      family = pickSkewed(hanFamily);
      given = chance(0.3) ? pickSkewed(hanGivenChars) : pick(hanGivenChars) + pick(hanGivenChars);
      givenLatin = capital(givenPinyin(given));
      familyLatin = capital(familyPinyin(family));
    } else {
      given = pickSkewed(latinGiven);
      family = pickSkewed(latinFamily);
      givenLatin = given;
      familyLatin = family;
    }
    const country: Country = han ? 'CN' : pick<Country>(['US', 'US', 'US', 'GB', 'DE', 'FR']);
    const person: Person = {
      han,
      given,
      family,
      givenLatin,
      familyLatin,
      emails: [],
      phones: [],
      birthday: chance(0.4) ? birthday() : null,
      org: chance(0.5) ? (han && chance(0.7) ? pick(hanOrgs) : `${pick(orgWords)} ${pick(orgSuffixes)}`) : '',
      address: chance(0.15) ? { street: `${1 + Math.floor(r() * 200)} ${pick(streets)}`, locality: pick(cities) } : null,
      note: chance(0.1) ? `Met at ${pick(['a conference', 'school', 'the gym', '朋友聚会'])}.` : '',
    };
    if (chance(0.85)) person.emails.push(emailFor(person));
    if (chance(0.2)) person.emails.push(emailFor(person));
    if (chance(0.9)) person.phones.push(newPhone(country));
    if (chance(0.25)) person.phones.push(newPhone(country));
    return person;
  }

  /** Same surname, another given name, sharing the home line or a family e-mail: a different person. */
  function relativeOf(p: Person): Person {
    const q = newPerson();
    q.han = p.han;
    q.family = p.family;
    q.familyLatin = p.familyLatin;
    if (p.han) {
      do q.given = pick(hanGivenChars) + pick(hanGivenChars);
      while (q.given === p.given);
      q.givenLatin = capital(givenPinyin(q.given));
    } else {
      do q.given = pick(latinGiven);
      while (q.given === p.given);
      q.givenLatin = q.given;
    }
    if (p.phones.length > 0 && chance(0.6)) q.phones = [{ ...p.phones[0]!, label: 'home' }, ...q.phones.slice(0, 1)];
    else if (p.emails.length > 0) q.emails = [p.emails[0]!];
    // Twins: the same full birthday too (the hardest negatives for a finder that trusts birthdays).
    if (p.birthday && p.birthday.year !== null && chance(0.1)) q.birthday = { ...p.birthday };
    // Family members live together.
    if (p.address && chance(0.5)) q.address = { ...p.address };
    return q;
  }

  function commonNamed(): Person {
    const q = newPerson();
    if (chance(0.5)) {
      Object.assign(q, { han: true, given: '伟', family: '王', givenLatin: 'Wei', familyLatin: 'Wang' });
      q.phones = [newPhone('CN')];
    } else {
      Object.assign(q, { han: false, given: 'John', family: 'Smith', givenLatin: 'John', familyLatin: 'Smith' });
      q.phones = [newPhone('US')];
    }
    q.emails = chance(0.6) ? [emailFor(q)] : [];
    q.birthday = chance(0.7) ? birthday() : null;
    return q;
  }

  function phoneText(p: Person['phones'][number], style: number): string {
    const cc = { CN: '86', US: '1', GB: '44', DE: '49', FR: '33' }[p.country];
    const nat = p.national;
    const grouped = p.country === 'CN' ? `${nat.slice(0, 3)} ${nat.slice(3, 7)} ${nat.slice(7)}` : p.country === 'US' ? `(${nat.slice(0, 3)}) ${nat.slice(3, 6)}-${nat.slice(6)}` : `${nat.slice(0, 4)} ${nat.slice(4)}`;
    const trunk = p.country === 'CN' || p.country === 'US' ? '' : '0';
    switch (style % 4) {
      case 0:
        return `+${cc} ${grouped}`;
      case 1:
        return `${trunk}${grouped}`;
      case 2:
        return `00${cc} ${nat}`;
      default:
        return `${trunk}${nat}`;
    }
  }

  /** The card as one app stored it. */
  function cardOf(p: Person, phoneStyle: number): ContactFields {
    const f = emptyContactFields();
    f.name.given = p.given;
    f.name.family = p.family;
    f.formattedName = p.han ? `${p.family}${p.given}` : `${p.given} ${p.family}`;
    f.emails = p.emails.map((value, i) => ({ value, label: i === 0 ? 'home' : 'work', primary: i === 0 }));
    f.phones = p.phones.map((ph, i) => ({ value: phoneText(ph, phoneStyle), label: ph.label, primary: i === 0 }));
    f.birthday = p.birthday && { ...p.birthday };
    if (p.org) f.organizations.push({ name: p.org, department: '', title: '', phoneticName: '' });
    if (p.address) f.addresses.push({ label: 'home', primary: true, poBox: '', extended: '', street: p.address.street, locality: p.address.locality, region: '', postalCode: '', country: '', countryCode: '' });
    f.note = p.note;
    return f;
  }

  function typoOf(word: string): string {
    if (word.length < 4) return word;
    const i = 1 + Math.floor(r() * (word.length - 2));
    const kind = Math.floor(r() * 3);
    if (kind === 0) return word.slice(0, i) + word.slice(i + 1); // dropped letter
    if (kind === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swapped letters
    return word.slice(0, i) + word[i] + word.slice(i); // doubled letter
  }

  const nicknames: Record<string, string[]> = {
    Robert: ['Bob', 'Rob', 'Bobby'], William: ['Bill', 'Will'], Elizabeth: ['Liz', 'Beth'], Richard: ['Rick', 'Dick'], James: ['Jim', 'Jimmy'],
    Michael: ['Mike'], Thomas: ['Tom'], Joseph: ['Joe'], Margaret: ['Maggie', 'Peggy'], Katherine: ['Kate', 'Kathy'], Catherine: ['Cathy', 'Kate'],
    Christopher: ['Chris'], Jennifer: ['Jen', 'Jenny'], Daniel: ['Dan', 'Danny'], Matthew: ['Matt'], Anthony: ['Tony'], Edward: ['Ed', 'Ted'],
    Patricia: ['Pat', 'Trish'], Susan: ['Sue'], Rebecca: ['Becky'], Samuel: ['Sam'], Samantha: ['Sam'], Nicholas: ['Nick'], Benjamin: ['Ben'],
    Alexander: ['Alex'], Andrew: ['Andy', 'Drew'], Timothy: ['Tim'], Kenneth: ['Ken'], Stephen: ['Steve'], Steven: ['Steve'], Ronald: ['Ron'],
    Jonathan: ['Jon'], Joshua: ['Josh'], Gregory: ['Greg'], Zachary: ['Zach'], Deborah: ['Debbie'], Pamela: ['Pam'], Victoria: ['Vicky'],
    Judith: ['Judy'], Abigail: ['Abby'], Christina: ['Tina'], Christine: ['Chris'], Peter: ['Pete'], Walter: ['Walt'], Harold: ['Harry'],
    Emily: ['Em'], Frances: ['Fran'], Jessica: ['Jess'], Gerald: ['Jerry'], Dorothy: ['Dot'], Henry: ['Hank'], Jacob: ['Jake'], John: ['Jack', 'Johnny'],
  };

  /** An extra card of `p`, as another app or an old import wrote it; `did` collects what was changed. */
  function copyOf(p: Person, baseStyle: number, did: string[]): ContactFields {
    const q: Person = { ...p, emails: [...p.emails], phones: p.phones.map((x) => ({ ...x })), birthday: p.birthday && { ...p.birthday } };
    // Values replaced by newer ones (a new address, a new number): the copy no longer shares them.
    q.emails = q.emails.flatMap((e) => {
      const roll = r();
      if (roll < 0.45) return [e];
      if (roll < 0.6) {
        did.push('email:case');
        return [e.replace(/^[^@]+/, (l) => [...l].map((c) => (chance(0.5) ? c.toUpperCase() : c)).join(''))];
      }
      if (roll < 0.7) {
        if (e.endsWith('@gmail.com')) did.push('email:gmail-dots');
        return [e.endsWith('@gmail.com') ? e.replace(/^([^@.]+)\.?([^@]*)@/, (_m, a: string, b: string) => (b ? `${a}${b}+contacts@` : `${a.slice(0, 2)}.${a.slice(2)}@`)) : e];
      }
      if (roll < 0.9) {
        did.push('email:dropped');
        return [];
      }
      did.push('email:replaced');
      return [emailFor(q)];
    });
    if (p.emails.length === 0 && chance(0.1)) {
      did.push('email:added');
      q.emails.push(emailFor(q));
    }
    q.phones = q.phones.flatMap((ph) => {
      const roll = r();
      if (roll < 0.7) return [ph];
      if (roll < 0.9) {
        did.push('phone:dropped');
        return [];
      }
      did.push('phone:replaced');
      return [newPhone(ph.country)];
    });
    if (chance(0.1)) {
      did.push('phone:added');
      q.phones.push(newPhone(p.han ? 'CN' : 'US'));
    }
    if (q.birthday && chance(0.4)) {
      did.push('birthday:dropped');
      q.birthday = null;
    } else if (q.birthday && chance(0.02)) {
      did.push('birthday:changed');
      q.birthday = { ...q.birthday, day: q.birthday.day === 1 ? 2 : 1 };
    }
    if (chance(0.4)) q.org = '';
    if (chance(0.5)) q.address = null;
    if (chance(0.6)) q.note = '';
    // A different format of the same numbers in about half the copies.
    const reformat = chance(0.5);
    if (!reformat && q.phones.length > 0) did.push('phone:format');
    const f = cardOf(q, reformat ? baseStyle : baseStyle + 1 + Math.floor(r() * 3));

    const roll = r();
    const named = (what: string) => {
      did.push(`name:${what}`);
      return f;
    };
    if (roll < 0.35) return named('same'); // name as in the original
    if (roll < 0.4) {
      did.push('name:case');
      f.name.given = f.name.given.toUpperCase();
      f.name.family = p.han ? f.name.family : f.name.family.toLowerCase();
      f.formattedName = p.han ? `${p.family} ${p.given}` : `${f.name.given} ${f.name.family}`;
      return f;
    }
    if (roll < 0.52) {
      if (p.han) {
        // Chinese copies misspell by writing the other reading instead (below); a swap here.
        [f.name.given, f.name.family] = [f.name.family, f.name.given];
        return named('fields-swapped');
      }
      const which = chance(0.5) ? 'given' : 'family';
      f.name[which] = typoOf(f.name[which]);
      f.formattedName = `${f.name.given} ${f.name.family}`;
      return named(`typo-${which}`);
    }
    if (roll < 0.64) {
      if (p.han) {
        if ([...p.given].length === 1) {
          f.name.given = `${pick(['小', '阿'])}${p.given}`;
          f.formattedName = `${p.family}${f.name.given}`;
          return named('han-diminutive');
        }
        return named('same');
      }
      const nick = nicknames[p.given];
      if (nick) {
        f.name.given = pick(nick);
        f.formattedName = `${f.name.given} ${f.name.family}`;
        return named('nickname');
      }
      return named('same');
    }
    if (roll < 0.74) {
      [f.name.given, f.name.family] = [f.name.family, f.name.given];
      f.formattedName = `${f.name.given} ${f.name.family}`;
      return named('swapped');
    }
    if (roll < 0.89) {
      if (p.han) {
        // Hanzi ⇄ pinyin, in either order ("Zhang Wei", "Wei Zhang").
        const familyFirst = chance(0.5);
        f.name.given = familyFirst ? p.familyLatin : p.givenLatin;
        f.name.family = familyFirst ? p.givenLatin : p.familyLatin;
        f.formattedName = `${f.name.given} ${f.name.family}`;
        return named(familyFirst ? 'pinyin-family-first' : 'pinyin');
      }
      return named('same');
    }
    if (roll < 0.95) {
      // Only a formatted name (an app that never splits names).
      f.name.given = '';
      f.name.family = '';
      return named('formatted-only');
    }
    if (!p.han) {
      f.name.given = `${p.given[0]}.`;
      f.formattedName = `${f.name.given} ${f.name.family}`;
      return named('initial');
    }
    return named('same');
  }

  // How many people, and how many of them get one or two extra cards.
  const extra = Math.round(n * duplicateRate);
  const twice = Math.floor(extra / 6);
  const once = extra - 2 * twice;
  const peopleCount = n - extra;
  const people: Person[] = [];
  const styles: number[] = [];
  for (let i = 0; i < peopleCount; i++) {
    const previous = people.length > 0 ? people[Math.floor(r() * people.length)]! : null;
    people.push(previous && chance(relativeRate) ? relativeOf(previous) : chance(commonNameRate * 2) ? commonNamed() : newPerson());
    styles.push(Math.floor(r() * 4));
  }
  const cards: { fields: ContactFields; person: number; did: string[] }[] = people.map((p, i) => ({ fields: cardOf(p, styles[i]!), person: i, did: [] }));
  // Copies of a random choice of people (without repeats), one or two each.
  const order = people.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  for (let k = 0; k < once + twice; k++) {
    const who = order[k % order.length]!;
    const copies = k < twice ? 2 : 1;
    for (let c = 0; c < copies; c++) {
      const did: string[] = [];
      cards.push({ fields: copyOf(people[who]!, styles[who]!, did), person: who, did });
    }
  }
  // Shuffle, so copies are not next to their originals.
  for (let i = cards.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [cards[i], cards[j]] = [cards[j]!, cards[i]!];
  }
  const sizes = new Map<number, number>();
  for (const c of cards) sizes.set(c.person, (sizes.get(c.person) ?? 0) + 1);
  let truePairs = 0;
  for (const k of sizes.values()) truePairs += (k * (k - 1)) / 2;
  return { contacts: cards.map((c) => c.fields), personOf: cards.map((c) => c.person), perturbations: cards.map((c) => c.did), duplicates: extra, truePairs };
}

export interface TierQuality {
  /** Reported pairs at this tier (or tiers). */
  reported: number;
  correct: number;
  precision: number;
  /** Share of all true pairs reported at this tier (or tiers). */
  recall: number;
}

/** Precision and recall of reported pairs (indexes into the book) against the ground truth. */
export function evaluatePairs(book: GeneratedBook, pairs: readonly { a: number; b: number; tier: string }[]): { high: TierQuality; medium: TierQuality; mediumOrHigh: TierQuality } {
  const quality = (tiers: string[]): TierQuality => {
    const chosen = pairs.filter((p) => tiers.includes(p.tier));
    const correct = chosen.filter((p) => book.personOf[p.a] === book.personOf[p.b]).length;
    return { reported: chosen.length, correct, precision: chosen.length === 0 ? 1 : correct / chosen.length, recall: book.truePairs === 0 ? 1 : correct / book.truePairs };
  };
  return { high: quality(['high']), medium: quality(['medium']), mediumOrHigh: quality(['high', 'medium']) };
}
