// Web addresses for matching: "HTTPS://Example.com/", "http://example.com" and "example.com" are
// one site. The scheme is dropped only for http(s), the web default; other schemes stay.
// Invariant: the path, query and fragment keep their case (they are case-sensitive on the web);
// only the scheme and host fold.
import { foldCase } from './text.ts';

const hierarchical = /^[a-z][a-z\d+.-]*:\/\//i;
const opaque = /^(?:mailto|tel|sms|xmpp|skype|callto|facetime|sip|im|geo):/i;

export function urlKey(value: string): string {
  const text = value.normalize('NFC').trim();
  if (!text) return '';
  if (opaque.test(text)) return text.replace(opaque, (scheme) => scheme.toLowerCase());
  let url: URL;
  try {
    url = new URL(hierarchical.test(text) ? text : `http://${text}`);
  } catch {
    return foldCase(text);
  }
  const path = url.pathname.replace(/\/+$/, '');
  const rest = `${url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : ''}${url.host}${path}${url.search}${url.hash}`;
  return url.protocol === 'http:' || url.protocol === 'https:' ? rest : `${url.protocol}//${rest}`;
}
