// The well-known CSV column sets, as field paths (mapping.ts grammar):
// - Google Contacts, current layout ("First Name … Labels, E-mail 1 - Label, E-mail 1 - Value …")
//   and the legacy one ("Name, Given Name, Family Name … Group Membership, E-mail 1 - Type …"):
//   numbered groups "<Thing> N - <Part>", where the Label/Type column labels the Value column and
//   one cell may hold several values separated by " ::: ".
// - Outlook (desktop "Export to a file" and Outlook.com): fixed columns, one per label ("Mobile
//   Phone", "Business Street", "E-mail 2 Address"); Chinese Outlook writes the same layout with
//   translated headers (英文称谓, 名, 姓, 移动电话, 电子邮件地址 …) in GBK.
// - Generic spreadsheets (Apple Numbers, Excel, CRMs): common English, German and Chinese words.
// Headers compare case-insensitively with spaces collapsed.
// Invariant: detection only proposes; the user's mapping overrides any column.

export type Dialect = 'google' | 'outlook' | 'generic';

export const normalizeHeader = (h: string): string => h.trim().toLowerCase().replace(/\s+/g, ' ');

const google: Record<string, string> = {
  'first name': 'name.given',
  'middle name': 'name.middle',
  'last name': 'name.family',
  'phonetic first name': 'name.phoneticGiven',
  'phonetic middle name': 'name.phoneticMiddle',
  'phonetic last name': 'name.phoneticFamily',
  'name prefix': 'name.prefix',
  'name suffix': 'name.suffix',
  nickname: 'nicknames',
  // Google's "File as" is how the contact is shown and sorted: the closest thing to FN in its CSV.
  'file as': 'formattedName',
  'organization name': 'organizations[0].name',
  'organization title': 'organizations[0].title',
  'organization department': 'organizations[0].department',
  birthday: 'birthday',
  notes: 'note',
  photo: 'photo',
  labels: 'groups',
  // Legacy layout.
  name: 'formattedName',
  'given name': 'name.given',
  'additional name': 'name.middle',
  'family name': 'name.family',
  'given name yomi': 'name.phoneticGiven',
  'additional name yomi': 'name.phoneticMiddle',
  'family name yomi': 'name.phoneticFamily',
  'group membership': 'groups',
};

/** "E-mail 1 - Value", "Address 2 - Postal Code", "Organization 1 - Name" … */
const googleNumbered = /^(e-mail|phone|address|website|relation|event|im|custom field|organization) (\d+) - (.+)$/;

const numberedTargets: Record<string, Record<string, string>> = {
  'e-mail': { value: 'emails[N]', label: 'emails[N].label', type: 'emails[N].label' },
  phone: { value: 'phones[N]', label: 'phones[N].label', type: 'phones[N].label' },
  website: { value: 'urls[N]', label: 'urls[N].label', type: 'urls[N].label' },
  relation: { value: 'relations[N]', label: 'relations[N].label', type: 'relations[N].label' },
  event: { value: 'dates[N]', label: 'dates[N].label', type: 'dates[N].label' },
  im: { value: 'ims[N]', label: 'ims[N].label', type: 'ims[N].label', service: 'ims[N].service' },
  'custom field': { value: 'customFields[N]', label: 'customFields[N].label', type: 'customFields[N].label' },
  address: {
    label: 'addresses[N].label',
    type: 'addresses[N].label',
    formatted: 'addresses[N].formatted',
    street: 'addresses[N].street',
    city: 'addresses[N].locality',
    'po box': 'addresses[N].poBox',
    region: 'addresses[N].region',
    'postal code': 'addresses[N].postalCode',
    country: 'addresses[N].country',
    'extended address': 'addresses[N].extended',
  },
  organization: {
    name: 'organizations[N].name',
    title: 'organizations[N].title',
    department: 'organizations[N].department',
    'yomi name': 'organizations[N].phoneticName',
  },
};

function googleColumn(h: string): string | null {
  const m = googleNumbered.exec(h);
  if (m) {
    const path = numberedTargets[m[1]!]?.[m[3]!];
    return path ? path.replace('N', m[2]!) : null;
  }
  return google[h] ?? null;
}

function outlookAddress(prefix: string, label: string): Record<string, string> {
  return {
    [`${prefix} street`]: `addresses[${label}].street`,
    [`${prefix} street 2`]: `addresses[${label}].extended`,
    [`${prefix} street 3`]: `addresses[${label}].extended`,
    [`${prefix} city`]: `addresses[${label}].locality`,
    [`${prefix} state`]: `addresses[${label}].region`,
    [`${prefix} postal code`]: `addresses[${label}].postalCode`,
    [`${prefix} country/region`]: `addresses[${label}].country`,
    [`${prefix} country`]: `addresses[${label}].country`,
    [`${prefix} address po box`]: `addresses[${label}].poBox`,
  };
}

const outlook: Record<string, string> = {
  title: 'name.prefix',
  'first name': 'name.given',
  'middle name': 'name.middle',
  'last name': 'name.family',
  suffix: 'name.suffix',
  nickname: 'nicknames',
  'given yomi': 'name.phoneticGiven',
  'surname yomi': 'name.phoneticFamily',
  company: 'organizations[0].name',
  department: 'organizations[0].department',
  'job title': 'organizations[0].title',
  'company yomi': 'organizations[0].phoneticName',
  ...outlookAddress('business', 'work'),
  ...outlookAddress('home', 'home'),
  ...outlookAddress('other', 'other'),
  "assistant's phone": 'phones[assistant]',
  'business fax': 'phones[work fax]',
  'business phone': 'phones[work]',
  'business phone 2': 'phones[work#2]',
  callback: 'phones[callback]',
  'car phone': 'phones[car]',
  'company main phone': 'phones[main]',
  'home fax': 'phones[home fax]',
  'home phone': 'phones[home]',
  'home phone 2': 'phones[home#2]',
  isdn: 'phones[isdn]',
  'mobile phone': 'phones[mobile]',
  'other fax': 'phones[other fax]',
  'other phone': 'phones[other]',
  pager: 'phones[pager]',
  'primary phone': 'phones[1]',
  'radio phone': 'phones[radio]',
  'tty/tdd phone': 'phones[tty]',
  telex: 'phones[telex]',
  anniversary: 'dates[anniversary]',
  birthday: 'birthday',
  categories: 'groups',
  'e-mail address': 'emails[1]',
  'e-mail 2 address': 'emails[2]',
  'e-mail 3 address': 'emails[3]',
  notes: 'note',
  spouse: 'relations[spouse]',
  children: 'relations[child]',
  "manager's name": 'relations[manager]',
  "assistant's name": 'relations[assistant]',
  'web page': 'urls[1]',
  'personal web page': 'urls[home]',
  'business web page': 'urls[work]',
  imaddress: 'ims',
  // Chinese Outlook (zh-CN) writes the same columns with these headers.
  英文称谓: 'name.prefix',
  名: 'name.given',
  中间名: 'name.middle',
  姓: 'name.family',
  中文称谓: 'name.suffix',
  单位: 'organizations[0].name',
  部门: 'organizations[0].department',
  职务: 'organizations[0].title',
  '商务地址 街道': 'addresses[work].street',
  '商务地址 市/县': 'addresses[work].locality',
  '商务地址 省/市/自治区': 'addresses[work].region',
  '商务地址 邮政编码': 'addresses[work].postalCode',
  '商务地址 国家/地区': 'addresses[work].country',
  '住宅地址 街道': 'addresses[home].street',
  '住宅地址 市/县': 'addresses[home].locality',
  '住宅地址 省/市/自治区': 'addresses[home].region',
  '住宅地址 邮政编码': 'addresses[home].postalCode',
  '住宅地址 国家/地区': 'addresses[home].country',
  商务传真: 'phones[work fax]',
  商务电话: 'phones[work]',
  '商务电话 2': 'phones[work#2]',
  单位主要电话: 'phones[main]',
  住宅传真: 'phones[home fax]',
  住宅电话: 'phones[home]',
  '住宅电话 2': 'phones[home#2]',
  移动电话: 'phones[mobile]',
  其他电话: 'phones[other]',
  寻呼机: 'phones[pager]',
  主要电话: 'phones[1]',
  电子邮件地址: 'emails[1]',
  '电子邮件 2 地址': 'emails[2]',
  '电子邮件 3 地址': 'emails[3]',
  附注: 'note',
  纪念日: 'dates[anniversary]',
  类别: 'groups',
  配偶: 'relations[spouse]',
  生日: 'birthday',
  网页: 'urls[1]',
  子女: 'relations[child]',
};

const generic: Record<string, string> = {
  name: 'formattedName',
  'full name': 'formattedName',
  'display name': 'formattedName',
  'contact name': 'formattedName',
  'first name': 'name.given',
  firstname: 'name.given',
  'given name': 'name.given',
  forename: 'name.given',
  'middle name': 'name.middle',
  'last name': 'name.family',
  lastname: 'name.family',
  surname: 'name.family',
  'family name': 'name.family',
  prefix: 'name.prefix',
  salutation: 'name.prefix',
  suffix: 'name.suffix',
  nickname: 'nicknames',
  email: 'emails',
  'e-mail': 'emails',
  'email address': 'emails',
  'e-mail address': 'emails',
  'work email': 'emails[work]',
  'home email': 'emails[home]',
  'personal email': 'emails[home]',
  phone: 'phones',
  'phone number': 'phones',
  telephone: 'phones',
  tel: 'phones',
  mobile: 'phones[mobile]',
  'mobile phone': 'phones[mobile]',
  cell: 'phones[mobile]',
  'cell phone': 'phones[mobile]',
  'work phone': 'phones[work]',
  'business phone': 'phones[work]',
  'home phone': 'phones[home]',
  fax: 'phones[work fax]',
  company: 'organizations[0].name',
  'company name': 'organizations[0].name',
  organization: 'organizations[0].name',
  organisation: 'organizations[0].name',
  department: 'organizations[0].department',
  'job title': 'organizations[0].title',
  position: 'organizations[0].title',
  role: 'organizations[0].title',
  address: 'addresses[1].street',
  street: 'addresses[1].street',
  city: 'addresses[1].locality',
  town: 'addresses[1].locality',
  state: 'addresses[1].region',
  province: 'addresses[1].region',
  region: 'addresses[1].region',
  zip: 'addresses[1].postalCode',
  'zip code': 'addresses[1].postalCode',
  'postal code': 'addresses[1].postalCode',
  postcode: 'addresses[1].postalCode',
  country: 'addresses[1].country',
  birthday: 'birthday',
  'date of birth': 'birthday',
  dob: 'birthday',
  notes: 'note',
  note: 'note',
  comments: 'note',
  remarks: 'note',
  website: 'urls',
  url: 'urls',
  'web page': 'urls',
  homepage: 'urls',
  groups: 'groups',
  group: 'groups',
  tags: 'groups',
  labels: 'groups',
  categories: 'groups',
  // German
  vorname: 'name.given',
  nachname: 'name.family',
  'e-mail privat': 'emails[home]',
  'e-mail geschäftlich': 'emails[work]',
  telefon: 'phones',
  'telefon privat': 'phones[home]',
  'telefon geschäftlich': 'phones[work]',
  handy: 'phones[mobile]',
  mobiltelefon: 'phones[mobile]',
  firma: 'organizations[0].name',
  abteilung: 'organizations[0].department',
  straße: 'addresses[1].street',
  strasse: 'addresses[1].street',
  plz: 'addresses[1].postalCode',
  ort: 'addresses[1].locality',
  stadt: 'addresses[1].locality',
  land: 'addresses[1].country',
  geburtstag: 'birthday',
  notiz: 'note',
  notizen: 'note',
  bemerkung: 'note',
  // Chinese
  姓名: 'formattedName',
  名字: 'name.given',
  姓氏: 'name.family',
  昵称: 'nicknames',
  手机: 'phones[mobile]',
  手机号: 'phones[mobile]',
  手机号码: 'phones[mobile]',
  电话: 'phones',
  电话号码: 'phones',
  联系电话: 'phones',
  办公电话: 'phones[work]',
  工作电话: 'phones[work]',
  家庭电话: 'phones[home]',
  邮箱: 'emails',
  电子邮件: 'emails',
  电子邮箱: 'emails',
  公司: 'organizations[0].name',
  职位: 'organizations[0].title',
  地址: 'addresses[1].street',
  备注: 'note',
  网址: 'urls',
  分组: 'groups',
  群组: 'groups',
  qq: 'ims[qq]',
  微信: 'ims[wechat]',
  // Traditional Chinese (Taiwan and Hong Kong Excel, usually Big5)
  手機: 'phones[mobile]',
  手機號碼: 'phones[mobile]',
  電話: 'phones',
  電話號碼: 'phones',
  電子郵件: 'emails',
  電郵: 'emails',
  職位: 'organizations[0].title',
  職稱: 'organizations[0].title',
  備註: 'note',
  暱稱: 'nicknames',
  網址: 'urls',
  群組: 'groups',
};

const outlookOnly = new Set(['e-mail address', 'mobile phone', 'business phone', 'home street', 'business street', 'job title', 'company main phone', '电子邮件地址', '移动电话', '英文称谓', '商务电话']);

/** Which well-known layout a header row is, by its most telling columns. */
export function detectDialect(headers: readonly string[]): Dialect {
  const h = headers.map(normalizeHeader);
  if (h.some((x) => googleNumbered.test(x)) || h.includes('given name') || h.includes('group membership')) return 'google';
  if (h.some((x) => outlookOnly.has(x))) return 'outlook';
  return 'generic';
}

/**
 * Columns a layout fills with bookkeeping rather than contact data (Outlook writes "SMTP",
 * "Normal", "Unspecified", "False" into every row): not imported, and not worth a note either.
 */
const bookkeeping = new Set([
  'e-mail type',
  'e-mail display name',
  'e-mail 2 type',
  'e-mail 2 display name',
  'e-mail 3 type',
  'e-mail 3 display name',
  'gender',
  'priority',
  'private',
  'sensitivity',
  'organization 1 - type',
  '电子邮件类型',
  '电子邮件显示名称',
  '电子邮件 2 类型',
  '电子邮件 2 显示名',
  '电子邮件 3 类型',
  '电子邮件 3 显示名',
  '敏感度',
  '优先级',
  '私有',
  '性别',
]);

export function isBookkeeping(dialect: Dialect, header: string): boolean {
  return dialect !== 'generic' && bookkeeping.has(normalizeHeader(header));
}

/** The path a well-known header maps to in a dialect; null when Concord does not know it. */
export function knownColumn(dialect: Dialect, header: string): string | null {
  const h = normalizeHeader(header);
  if (dialect === 'google') return googleColumn(h) ?? generic[h] ?? null;
  if (dialect === 'outlook') return outlook[h] ?? generic[h] ?? null;
  return generic[h] ?? null;
}
