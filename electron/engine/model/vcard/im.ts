// Instant-messaging handles ⇄ vCard: IMPP (RFC 4770 for 3.0, RFC 6350 §6.4.3) with Apple's
// X-SERVICE-TYPE parameter (`IMPP;X-SERVICE-TYPE=Skype:skype:alice`), and the older one-property-
// per-network forms (X-AIM, X-JABBER, X-SKYPE, X-QQ … from Evolution, KDE, Android, Outlook).
// The canonical service is the lower-case network name ('skype', 'jabber', 'googletalk', …,
// shared/model/contact.ts ImHandle) or a custom one verbatim.
// Invariants: the handle is stored without its URI scheme and percent-decoded; written handles
// percent-encode only what would break the URI or the vCard line (`%`, whitespace, `,` `;` `\`,
// controls), so readHandle(writeHandle(h)) === h for every string without lone surrogates.

/** Apple's X-SERVICE-TYPE spelling and URI scheme per known service. */
const known: Record<string, { apple: string; scheme: string }> = {
  aim: { apple: 'AIM', scheme: 'aim' },
  icq: { apple: 'ICQ', scheme: 'aim' },
  jabber: { apple: 'Jabber', scheme: 'xmpp' },
  googletalk: { apple: 'GoogleTalk', scheme: 'xmpp' },
  facebook: { apple: 'Facebook', scheme: 'xmpp' },
  msn: { apple: 'MSN', scheme: 'msnim' },
  yahoo: { apple: 'Yahoo', scheme: 'ymsgr' },
  skype: { apple: 'Skype', scheme: 'skype' },
  qq: { apple: 'QQ', scheme: 'x-apple' },
  gadugadu: { apple: 'GaduGadu', scheme: 'x-apple' },
  netmeeting: { apple: 'NetMeeting', scheme: 'x-apple' },
};

const serviceOfScheme: Record<string, string> = {
  xmpp: 'jabber',
  aim: 'aim',
  msnim: 'msn',
  msn: 'msn',
  ymsgr: 'yahoo',
  skype: 'skype',
  icq: 'icq',
  qq: 'qq',
  gtalk: 'googletalk',
  'x-apple': '',
};

/** Legacy per-network properties → service. */
export const legacyImProperties: Readonly<Record<string, string>> = {
  'X-AIM': 'aim',
  'X-ICQ': 'icq',
  'X-JABBER': 'jabber',
  'X-MSN': 'msn',
  'X-YAHOO': 'yahoo',
  'X-SKYPE': 'skype',
  'X-SKYPE-USERNAME': 'skype',
  'X-QQ': 'qq',
  'X-GOOGLE-TALK': 'googletalk',
  'X-GTALK': 'googletalk',
  'X-GADUGADU': 'gadugadu',
  'X-GROUPWISE': 'groupwise',
};

/** X-SERVICE-TYPE value → service: known names lower-cased, custom ones verbatim. */
export function serviceFromType(type: string): string {
  const lower = type.trim().toLowerCase();
  return Object.hasOwn(known, lower) ? lower : type.trim();
}

const schemeRe = /^([A-Za-z][A-Za-z0-9+.-]*):/;

/** An IMPP value (already unescaped) → handle and the service its scheme implies ('' if none). */
export function readImpp(value: string): { handle: string; schemeService: string } {
  const m = schemeRe.exec(value);
  if (!m) return { handle: value, schemeService: '' };
  const scheme = (m[1] ?? '').toLowerCase();
  let handle = value.slice(m[0].length);
  if (handle.includes('%')) {
    try {
      handle = decodeURIComponent(handle);
    } catch {
      // Not percent-encoding after all: keep as written.
    }
  }
  return { handle, schemeService: Object.hasOwn(serviceOfScheme, scheme) ? (serviceOfScheme[scheme] ?? '') : scheme };
}

const unsafe = /[%\s,;\\\p{Cc}]/gu;

/** The IMPP value and X-SERVICE-TYPE (null when none) for a handle. */
export function writeImpp(service: string, handle: string): { value: string; serviceType: string | null } {
  const k = Object.hasOwn(known, service.toLowerCase()) ? known[service.toLowerCase()] : undefined;
  const encoded = handle.replace(unsafe, (c) => encodeURIComponent(c));
  if (k) return { value: `${k.scheme}:${encoded}`, serviceType: k.apple };
  return { value: `x-apple:${encoded}`, serviceType: service === '' ? null : service };
}
