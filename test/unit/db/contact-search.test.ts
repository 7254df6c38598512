// Contact search as the list uses it (issue #9): Chinese names found by their toneless pinyin, a
// search's count capped (and flagged) so broad prefixes stay cheap, and both query plans (few
// matches: look up and sort; many: walk the sort index) giving the same rows in the same order,
// with the trash excluded, at any offset.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../../electron/engine/db/handle.ts';
import { COUNT_STEP, listContacts } from '../../../electron/engine/db/repos/contacts.ts';
import { createContact, trashContact } from '../../../electron/engine/hub/contacts.ts';
import { contactSearchText } from '../../../electron/engine/model/search-text.ts';
import { person, startTestEngine } from '../../support/engine.ts';
import type { TestEngine } from '../../support/engine.ts';

let t: TestEngine;
beforeEach(() => {
  t = startTestEngine();
});
afterEach(() => t.close());

const ctx = () => ({ db: t.engine.context.db, now: 1000, runId: null });
const names = async (query: string) => (await t.client.call('contacts.list', { query })).items.map((i) => i.displayName);

describe('pinyin of Chinese names', () => {
  it('finds 王芳 and 张伟 by pinyin joined, spaced, in either order and by initials; not by another name', async () => {
    createContact(ctx(), person({ given: '芳', family: '王' }));
    createContact(ctx(), person({ fn: '张伟' })); // the whole name in one field
    createContact(ctx(), person({ given: 'Fang', family: 'Wang' })); // already Latin: found by its own letters
    createContact(ctx(), person({ given: '小明', family: '吕' }));

    expect(await names('wangfang')).toEqual(['王芳']);
    expect(await names('wang fang')).toEqual(['Fang Wang', '王芳']);
    expect(await names('fang wang')).toEqual(['Fang Wang', '王芳']);
    expect(await names('wf')).toEqual(['王芳']);
    expect(await names('wangf')).toEqual(['王芳']); // a prefix, as typed
    expect(await names('zhang')).toEqual(['张伟']);
    expect(await names('zhangwei')).toEqual(['张伟']);
    expect(await names('zw')).toEqual(['张伟']);
    expect(await names('wangfei')).toEqual([]);
    // ü: typed as u (folded like any accent) or v (as pinyin keyboards write it).
    expect(await names('luxiaoming')).toEqual(['吕小明']);
    expect(await names('lvxiaoming')).toEqual(['吕小明']);
    expect(await names('xiaoming')).toEqual(['吕小明']);
    // The characters still work.
    expect(await names('王芳')).toEqual(['王芳']);
  });

  it('reads surnames as surnames and leaves Japanese and Latin names alone', () => {
    expect(contactSearchText(person({ given: '娜娜', family: '欧阳' }))).toContain('ouyangnana');
    expect(contactSearchText(person({ given: '伟', family: '单' }))).toContain('shanwei'); // 单 as a surname is shan, not dan
    expect(contactSearchText(person({ fn: '山田 さくら' }))).not.toMatch(/[a-z]/); // kana: Japanese, no pinyin
    expect(contactSearchText(person({ given: 'Anna', family: 'Smith' }))).toBe('Anna Smith');
  });

  it('indexes international numbers in national form too, national ones as written and as digits', () => {
    const words = (phone: string) => contactSearchText(person({ given: 'Ann', phone })).split(' ');
    // "+44 20 7946 0958" is found by "020 7946 0958" (national digits) and "2079460958".
    expect(words('+44 20 7946 0958')).toEqual(expect.arrayContaining(['442079460958', '02079460958', '2079460958']));
    expect(words('tel:202-555-0143;phone-context=+1')).toEqual(expect.arrayContaining(['2025550143']));
    // Without a calling code there is no country to read it in: the text and its digits only.
    const national = words('(202) 555-0143');
    expect(national).toEqual(expect.arrayContaining(['2025550143']));
    expect(national.filter((w) => /^\d+$/.test(w))).toEqual(['2025550143']);
    // Repeated numbers give the same forms (remembered, never shared and mutated).
    expect(words('+44 20 7946 0958')).toEqual(words('+44 20 7946 0958'));
  });
});

describe('counting and paging a search', () => {
  /** n contacts named "Common <i>", in a known sort order, plus a few others. */
  function seed(n: number): string[] {
    return inTransaction(t.engine.context.db, () => {
      createContact(ctx(), person({ fn: 'Zed Other' }));
      return Array.from({ length: n }, (_, i) => createContact(ctx(), person({ fn: `Common ${String(i).padStart(5, '0')}` })).id);
    });
  }

  it('counts up to a cap that grows with the page asked for, and says when it stopped counting', async () => {
    seed(2 * COUNT_STEP + 500);
    const at = (offset: number) => t.client.call('contacts.list', { query: 'common', offset, limit: 100 });
    expect(await at(0)).toMatchObject({ total: COUNT_STEP, totalIsLowerBound: true });
    expect(await at(COUNT_STEP - 100)).toMatchObject({ total: 2 * COUNT_STEP, totalIsLowerBound: true });
    // Near the end the cap passes the real count: exact again.
    expect(await at(2 * COUNT_STEP)).toMatchObject({ total: 2 * COUNT_STEP + 500, totalIsLowerBound: false });
    // A narrow search and the whole list are always exact.
    expect(await t.client.call('contacts.list', { query: 'zed' })).toMatchObject({ total: 1, totalIsLowerBound: false });
    expect(await t.client.call('contacts.list', {})).toMatchObject({ total: 2 * COUNT_STEP + 501, totalIsLowerBound: false });
  });

  it('returns the same rows in sort order from either plan, trash excluded, at any offset', async () => {
    const ids = seed(COUNT_STEP + 300);
    trashContact(ctx(), ids[5]!, 'user');
    trashContact(ctx(), ids[COUNT_STEP + 10]!, 'user');
    const live = ids.filter((_, i) => i !== 5 && i !== COUNT_STEP + 10);

    // Broad ("common", > COUNT_STEP matches: index walk) and narrow ("common 000", 100 matches:
    // look up and sort) both page in sort order without the trashed contacts.
    const broad: string[] = [];
    for (let offset = 0; ; offset += 250) {
      const page = listContacts(t.engine.context.db, { query: 'common', offset, limit: 250 });
      broad.push(...page.rows.map((r) => r.id));
      if (page.rows.length < 250) break;
    }
    expect(broad).toEqual(live);
    const narrow = listContacts(t.engine.context.db, { query: 'common 000', offset: 0, limit: 500 });
    expect(narrow.rows.map((r) => r.id)).toEqual(live.slice(0, 99));
    expect(narrow).toMatchObject({ total: 99, totalIsLowerBound: false });

    // Without a query: an offset deep into the list, trash excluded.
    const deep = listContacts(t.engine.context.db, { query: '', offset: COUNT_STEP, limit: 20 });
    expect(deep.rows.map((r) => r.id)).toEqual(live.slice(COUNT_STEP, COUNT_STEP + 20));
    expect(deep.total).toBe(live.length + 1);
  });

  it('lets the CLI list every match of a broad search', async () => {
    seed(COUNT_STEP + 20);
    const items: string[] = [];
    for (;;) {
      const page = await t.client.call('contacts.overview', { query: 'common', offset: items.length, limit: 500 });
      items.push(...page.items.map((i) => i.id));
      if (page.items.length === 0 || (!page.totalIsLowerBound && items.length >= page.total)) break;
    }
    expect(items).toHaveLength(COUNT_STEP + 20);
  });
});
