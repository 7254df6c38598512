// Deterministic generated contacts for benchmarks: Latin and Chinese names, emails, phones in
// several countries, organisations and notes, from a seeded generator so every run measures the
// same data.
import type { ContactFields } from '../../shared/model/contact.ts';
import { emptyContactFields } from '../../shared/model/contact.ts';

const given = ['Anna', 'Bob', 'Carol', 'David', 'Émile', 'Fatima', 'Giulia', 'Hiro', 'Ivan', 'Jana', '伟', '芳', '娜', '秀英', '敏'];
const family = ['Smith', 'Müller', 'García', 'Rossi', 'Tanaka', 'Nguyen', 'Kowalski', 'Zhang', '张', '王', '李', '刘', '陈'];
const orgs = ['Nordlicht GmbH', 'Harbor & Co.', '北京星辰科技有限公司', 'Acme, Inc.', ''];
const prefixes = ['+86 138 ', '+1 415 ', '+49 30 ', '+44 20 ', '0'];

/** Park–Miller LCG: tiny, seeded, good enough to spread benchmark data. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

export function generatedPeople(n: number, seed = 42): ContactFields[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const f = emptyContactFields();
    f.name.given = pick(given);
    f.name.family = pick(family);
    f.emails.push({ value: `user${i}@example.org`, label: 'home', primary: true });
    f.phones.push({ value: `${pick(prefixes)}${String(1_000_000 + Math.floor(r() * 8_999_999))}`, label: 'mobile', primary: true });
    const org = pick(orgs);
    if (org) f.organizations.push({ name: org, department: '', title: 'Engineer', phoneticName: '' });
    if (i % 7 === 0) f.note = `Met at conference ${i}; likes tea, not coffee.\nSecond line.`;
    if (i % 5 === 0) f.birthday = { year: i % 10 === 0 ? null : 1980 + (i % 30), month: 1 + (i % 12), day: 1 + (i % 28) };
    return f;
  });
}
