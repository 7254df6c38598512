// Real-world-shaped vCards (test/fixtures/vcards/NAME.vcf) against hand-checked expectations
// (NAME.expected.json). Each file is read as bytes, as it would arrive from a server or a disk.
// Expectation format: one entry per card or error in the file. A contact lists only the fields
// that are not empty (the rest are emptyContactFields()); `warnings` defaults to [] and `photo`
// to null; a photo is { hash, mediaType, size }; an error is { error: { kind, line } }.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { ContactFields } from '../../../shared/model/contact.ts';
import { parseVCards, toCanonical } from '../../../electron/engine/model/vcard/index.ts';

const dir = join(import.meta.dirname, '../../fixtures/vcards');
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.vcf'))
  .map((f) => f.slice(0, -4))
  .sort();

type Expected =
  | { kind: 'contact'; uid: string | null; version: string; fields?: Partial<ContactFields> & { name?: Partial<ContactFields['name']> }; photo?: unknown; warnings?: string[] }
  | { kind: 'group'; uid: string | null; version: string; name: string; members: string[]; warnings?: string[] }
  | { error: { kind: string; line: number } };

function complete(e: Expected): unknown {
  if ('error' in e) return e;
  if (e.kind === 'group') return { warnings: [], ...e };
  const empty = emptyContactFields();
  const fields = { ...empty, ...e.fields, name: { ...empty.name, ...e.fields?.name } };
  return { photo: null, warnings: [], ...e, fields };
}

function actual(bytes: Uint8Array): unknown[] {
  return parseVCards(bytes).map((r) => {
    if (!r.ok) return { error: { kind: r.error.kind, line: r.error.line } };
    const c = toCanonical(r.card);
    if (c.kind === 'group') return c;
    const photo = c.photo ? { hash: c.photo.hash, mediaType: c.photo.mediaType, size: c.photo.bytes.length } : null;
    return { ...c, photo };
  });
}

describe('vCard fixtures', () => {
  it('has at least 40 fixtures, each with its expectation', () => {
    expect(names.length).toBeGreaterThanOrEqual(40);
    for (const name of names) expect(readdirSync(dir)).toContain(`${name}.expected.json`);
  });

  for (const name of names) {
    it(name, () => {
      const bytes = new Uint8Array(readFileSync(join(dir, `${name}.vcf`)));
      const expected = (JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as Expected[]).map(complete);
      expect(actual(bytes)).toEqual(expected);
    });
  }
});
