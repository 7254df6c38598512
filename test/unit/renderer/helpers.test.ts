// Small pure pieces of the renderer: reconnect backoff, avatar initials, address line order.
import { describe, expect, it } from 'vitest';
import type { Address } from '../../../shared/model/contact.ts';
import { addressLines } from '../../../renderer/src/components/address.ts';
import { initials } from '../../../renderer/src/components/Avatar.tsx';
import { parseMinutes } from '../../../renderer/src/components/IntervalField.tsx';
import { backoffDelay } from '../../../renderer/src/transport.ts';

const address = (parts: Partial<Address>): Address => ({
  label: null,
  primary: false,
  poBox: '',
  extended: '',
  street: '',
  locality: '',
  region: '',
  postalCode: '',
  country: '',
  countryCode: '',
  ...parts,
});

describe('renderer helpers', () => {
  it('backs off 1 s, 2 s, 4 s … up to 30 s between reconnects', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map(backoffDelay)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('makes initials: family character for Chinese, first and last word for Latin names', () => {
    expect(initials('张伟')).toBe('张');
    expect(initials('anna schmidt')).toBe('AS');
    expect(initials('Émile Zola')).toBe('ÉZ');
    expect(initials('Person 90')).toBe('P');
    expect(initials('  ')).toBe('');
  });

  it('orders address lines by the address’s own convention', () => {
    expect(addressLines(address({ street: '1 Market St', locality: 'San Francisco', region: 'CA', postalCode: '94105', country: 'USA' }))).toEqual([
      '1 Market St',
      'San Francisco, CA 94105',
      'USA',
    ]);
    expect(addressLines(address({ street: '建国路 88 号', locality: '北京市', country: '中国', postalCode: '100022' }))).toEqual([
      '中国北京市建国路 88 号',
      '100022',
    ]);
  });

  it('accepts sync intervals of whole minutes from 1 to 1440 only', () => {
    expect(['15', ' 60 ', '1440', '0', '1441', '1.5', '', 'abc'].map(parseMinutes)).toEqual([15, 60, 1440, null, null, null, null, null]);
  });
});
