// Google types ⇄ canonical labels (shared/model/contact.ts wellKnownLabels): predefined camelCase
// types become lower-case words per field, everything else is a custom label kept verbatim.
import { describe, expect, it } from 'vitest';
import { labelFromGoogle, labelToGoogle, serviceFromGoogle, serviceToGoogle } from '../../../electron/engine/model/person/labels.ts';
import type { LabelVocabulary } from '../../../electron/engine/model/person/labels.ts';

describe('labels', () => {
  it.each<[LabelVocabulary, string, string]>([
    ['phone', 'homeFax', 'home fax'],
    ['phone', 'workFax', 'work fax'],
    ['phone', 'otherFax', 'other fax'],
    ['phone', 'workMobile', 'work mobile'],
    ['phone', 'workPager', 'work pager'],
    ['phone', 'googleVoice', 'google voice'],
    ['phone', 'main', 'main'],
    ['phone', 'mobile', 'mobile'],
    ['phone', 'pager', 'pager'],
    ['email', 'home', 'home'],
    ['address', 'work', 'work'],
    ['url', 'homePage', 'homepage'],
    ['url', 'blog', 'blog'],
    ['url', 'profile', 'profile'],
    ['url', 'appInstallPage', 'app install page'],
    ['event', 'anniversary', 'anniversary'],
    ['event', 'other', 'other'],
    ['relation', 'domesticPartner', 'domestic partner'],
    ['relation', 'referredBy', 'referred by'],
    ['relation', 'spouse', 'spouse'],
    ['im', 'other', 'other'],
  ])('%s type %s ⇄ %s', (vocabulary, type, label) => {
    expect(labelFromGoogle(vocabulary, type)).toBe(label);
    expect(labelToGoogle(vocabulary, label)).toBe(type);
  });

  it('keeps custom types verbatim, matching exactly', () => {
    for (const custom of ["Grandma's landline", 'Work', 'iPhone', 'iphone', 'constructor', '__proto__', 'toString']) {
      expect(labelFromGoogle('phone', custom)).toBe(custom);
      expect(labelToGoogle('phone', custom)).toBe(custom);
    }
  });

  it('applies each field its own vocabulary', () => {
    expect(labelFromGoogle('email', 'homeFax')).toBe('homeFax');
    expect(labelToGoogle('email', 'home fax')).toBe('home fax');
    expect(labelToGoogle('url', 'homepage')).toBe('homePage');
    expect(labelToGoogle('phone', 'homepage')).toBe('homepage');
  });

  it('treats an empty type as no label', () => {
    expect(labelFromGoogle('phone', '')).toBeNull();
    expect(labelFromGoogle('phone', undefined)).toBeNull();
    expect(labelFromGoogle('phone', null)).toBeNull();
    expect(labelToGoogle('phone', null)).toBeUndefined();
    expect(labelToGoogle('phone', '')).toBeUndefined();
  });

  it('maps IM protocols to lower-case services', () => {
    expect(serviceFromGoogle('googleTalk')).toBe('googletalk');
    expect(serviceFromGoogle('netMeeting')).toBe('netmeeting');
    expect(serviceFromGoogle('qq')).toBe('qq');
    expect(serviceFromGoogle('Signal')).toBe('Signal');
    expect(serviceFromGoogle(undefined)).toBe('');
    expect(serviceToGoogle('googletalk')).toBe('googleTalk');
    expect(serviceToGoogle('skype')).toBe('skype');
    expect(serviceToGoogle('Signal')).toBe('Signal');
    expect(serviceToGoogle('')).toBeUndefined();
  });
});
