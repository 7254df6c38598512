// Instant-messaging handles for matching: the service (with its common aliases) plus the handle,
// both case-folded, with a URI scheme prefix ("xmpp:", "skype:") read as the service.
// Invariant: the same account on the same network gives the same key whichever app saved it.
import type { ImHandle } from '../../../../shared/model/contact.ts';
import { foldCase } from './text.ts';

/** Names apps use for one network → one name. */
const serviceAliases: Readonly<Record<string, string>> = {
  xmpp: 'jabber',
  gtalk: 'googletalk',
  'google talk': 'googletalk',
  hangouts: 'googletalk',
  'google hangouts': 'googletalk',
  msn: 'msn',
  'windows live': 'msn',
  'windows live messenger': 'msn',
  weixin: 'wechat',
  'we chat': 'wechat',
  'facebook messenger': 'facebook',
  'ms teams': 'teams',
  'microsoft teams': 'teams',
};

const schemePrefix = /^(xmpp|skype|aim|msnim|ymsgr|icq|gtalk|sip|im|callto|qq|wechat|weixin|facetime):(?:\/\/)?/i;

export function imServiceKey(service: string): string {
  const folded = foldCase(service).replace(/^x-/, '');
  return serviceAliases[folded] ?? folded;
}

export function imKey(im: Pick<ImHandle, 'value' | 'service'>): string {
  let handle = foldCase(im.value);
  let service = imServiceKey(im.service);
  const scheme = schemePrefix.exec(handle);
  if (scheme) {
    handle = handle.slice(scheme[0].length).replace(/\?.*$/, '');
    service ||= imServiceKey(scheme[1] ?? '');
  }
  return `${service}:${handle}`;
}
