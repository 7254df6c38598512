// Google item `type` (and IM `protocol`) ⇄ canonical label (and IM service).
// Google's predefined types are camelCase keys per field (google-people-api.md §2.2); the
// canonical vocabulary is lower-case words (`wellKnownLabels` in shared/model/contact.ts): homeFax ⇄
// 'home fax', googleVoice ⇄ 'google voice', homePage ⇄ 'homepage'. Anything else is a custom label,
// kept verbatim in both directions.
// Invariants: matching is exact (a custom "Work" stays "Work"); an empty type is no label (null);
// labelFromGoogle(labelToGoogle(x)) is a fixed point after one step, which is what normalize.ts
// relies on. Lookups use Maps, so a custom type such as "constructor" is just a string.
import type { Label } from '../../../../shared/model/contact.ts';

/** Which field's vocabulary applies: Google predefines different types per field (§2.2). */
export type LabelVocabulary = 'email' | 'phone' | 'address' | 'url' | 'event' | 'relation' | 'im';

const homeWorkOther: [string, string][] = [
  ['home', 'home'],
  ['work', 'work'],
  ['other', 'other'],
];

/** Google type → canonical label, per field. Pairs not listed are custom and verbatim. */
const vocabularies: Record<LabelVocabulary, [string, string][]> = {
  email: homeWorkOther,
  address: homeWorkOther,
  im: homeWorkOther,
  phone: [
    ...homeWorkOther,
    ['mobile', 'mobile'],
    ['main', 'main'],
    ['homeFax', 'home fax'],
    ['workFax', 'work fax'],
    ['otherFax', 'other fax'],
    ['pager', 'pager'],
    ['workMobile', 'work mobile'],
    ['workPager', 'work pager'],
    ['googleVoice', 'google voice'],
  ],
  url: [
    ...homeWorkOther,
    ['blog', 'blog'],
    ['profile', 'profile'],
    ['homePage', 'homepage'],
    ['ftp', 'ftp'],
    ['reservations', 'reservations'],
    ['appInstallPage', 'app install page'],
  ],
  event: [
    ['anniversary', 'anniversary'],
    ['other', 'other'],
  ],
  relation: [
    ['spouse', 'spouse'],
    ['child', 'child'],
    ['mother', 'mother'],
    ['father', 'father'],
    ['parent', 'parent'],
    ['brother', 'brother'],
    ['sister', 'sister'],
    ['friend', 'friend'],
    ['relative', 'relative'],
    ['domesticPartner', 'domestic partner'],
    ['manager', 'manager'],
    ['assistant', 'assistant'],
    ['referredBy', 'referred by'],
    ['partner', 'partner'],
  ],
};

const fromGoogle = new Map(Object.entries(vocabularies).map(([k, pairs]) => [k, new Map(pairs)]));
const toGoogle = new Map(Object.entries(vocabularies).map(([k, pairs]) => [k, new Map(pairs.map(([g, c]) => [c, g]))]));

export function labelFromGoogle(vocabulary: LabelVocabulary, type: string | null | undefined): Label {
  if (!type) return null;
  return fromGoogle.get(vocabulary)?.get(type) ?? type;
}

/** undefined = send no `type` (proto3 JSON omits empty strings, §1.2). */
export function labelToGoogle(vocabulary: LabelVocabulary, label: Label): string | undefined {
  if (!label) return undefined;
  return toGoogle.get(vocabulary)?.get(label) ?? label;
}

/**
 * IM protocols (§2.2: aim, msn, yahoo, skype, qq, googleTalk, icq, jabber, netMeeting): the canonical
 * service is the protocol in lower case (shared/model/contact.ts ImHandle), so googleTalk ⇄
 * 'googletalk', the same word Apple's X-SERVICE-TYPE=GoogleTalk lower-cases to.
 */
const protocols = ['aim', 'msn', 'yahoo', 'skype', 'qq', 'googleTalk', 'icq', 'jabber', 'netMeeting'];
const serviceOfProtocol = new Map(protocols.map((p) => [p, p.toLowerCase()]));
const protocolOfService = new Map(protocols.map((p) => [p.toLowerCase(), p]));

export function serviceFromGoogle(protocol: string | null | undefined): string {
  if (!protocol) return '';
  return serviceOfProtocol.get(protocol) ?? protocol;
}

export function serviceToGoogle(service: string): string | undefined {
  if (!service) return undefined;
  return protocolOfService.get(service) ?? service;
}
