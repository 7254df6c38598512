// E-mail addresses for matching. The key folds case of the whole address (NFC) and nothing else:
// dots and +tags are meaningful on most domains, so stripping them would merge different people.
// gmailCanonical is a separate, weaker key for the duplicate finder, never for set identity.
// Invariant: emailKey(a) === emailKey(b) only when the addresses deliver to the same mailbox on
// every mainstream provider (case-insensitive local parts; IDN domains compared in ASCII form).

/** The domain in ASCII (punycode) form, so "bücher.de" and "xn--bcher-kva.de" meet. */
function asciiDomain(domain: string): string {
  if (/^[\x21-\x7e]*$/.test(domain)) return domain;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return domain;
  }
}

export function emailKey(value: string): string {
  const address = value
    .normalize('NFC')
    .trim()
    .replace(/^mailto:/i, '')
    .replace(/^<(.*)>$/, '$1')
    .trim()
    .toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 0) return address;
  return `${address.slice(0, at)}@${asciiDomain(address.slice(at + 1))}`;
}

const gmailDomains = new Set(['gmail.com', 'googlemail.com']);

/** Gmail ignores dots and +tags: "J.Smith+news@googlemail.com" → "jsmith@gmail.com"; null elsewhere. */
export function gmailCanonical(value: string): string | null {
  const key = emailKey(value);
  const at = key.lastIndexOf('@');
  if (at < 0 || !gmailDomains.has(key.slice(at + 1))) return null;
  const local = (key.slice(0, at).split('+')[0] ?? '').replace(/\./g, '');
  return local ? `${local}@gmail.com` : null;
}
