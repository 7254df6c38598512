// Bulk accept and auto-merge of the high tier, and freshness after a sync, over the API on memory
// accounts: duplicates.mergeTier merges every high cluster as one run (one undo takes all back,
// medium suggestions stay for a person to look at); settings.autoMergeHighConfidence (off by
// default) does the same after each sync; and a sync re-scores only the contacts it changed.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { englishReason } from '../../shared/model/duplicate-reasons.ts';
import { openSuggestions, replaceSuggestionsOf } from '../../electron/engine/db/repos/suggestions.ts';
import { card } from '../support/sync-world.ts';
import { startWorld } from '../support/sync-world.ts';
import type { World } from '../support/sync-world.ts';

let w: World;
beforeEach(() => {
  w = startWorld();
});
afterEach(() => w.close());

const sync = () => w.client.call('sync.run', {});
const tiers = async () => (await w.client.call('duplicates.list', {})).items.map((c) => `${c.tier}:${c.contacts.map((x) => x.displayName).sort().join('+')}`).sort();

/** Two high pairs (same phone and a pinyin name; same e-mail and name) and a medium one (a nickname and a phone). */
async function bookWithTiers() {
  const a = await w.addAccount('Google');
  a.source.createExternally(card({ fn: 'Wei Zhang', phone: '+86 138 0013 8000', uid: 'zw-1' }));
  a.source.createExternally(card({ fn: '张伟', phone: '138 0013 8000', uid: 'zw-2' }));
  a.source.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org', uid: 'al-1' }));
  a.source.createExternally(card({ fn: 'Ann Lee', email: 'Ann@Example.org', phone: '+1 415 555 0199', uid: 'al-2' }));
  a.source.createExternally(card({ fn: 'Robert Stone', phone: '+1 415 555 0100', uid: 'rs-1' }));
  a.source.createExternally(card({ fn: 'Bob Stone', phone: '(415) 555-0100', uid: 'rs-2' }));
  return a;
}

describe('duplicates.mergeTier', () => {
  it('merges every high cluster as one run, leaves the medium ones, and one undo takes all back', async () => {
    expect(await w.client.call('duplicates.mergeTier', { tier: 'high' })).toEqual({ merged: 0, run: null });
    const a = await bookWithTiers();
    await sync();
    await w.client.call('duplicates.scan', {});
    expect(await tiers()).toEqual(['high:Ann Lee+Ann Lee', 'high:Wei Zhang+张伟', 'medium:Bob Stone+Robert Stone']);
    // Evidence for translation, parallel to the English reasons, for clusters and their pairs.
    for (const c of (await w.client.call('duplicates.list', {})).items) {
      expect(c.evidence.map(englishReason)).toEqual(c.reasons);
      expect(c.evidence.length).toBeGreaterThan(0);
      for (const p of c.pairs) expect(p.evidence.map(englishReason)).toEqual(p.reasons);
    }

    const result = await w.client.call('duplicates.mergeTier', { tier: 'high' });
    expect(result.merged).toBe(2);
    expect(result.run).toEqual(expect.any(Number));
    expect(await tiers()).toEqual(['medium:Bob Stone+Robert Stone']);
    expect((await w.hubNames()).length).toBe(4);
    const runs = await w.client.call('history.runs', {});
    expect(runs.find((r) => r.id === result.run)).toMatchObject({ trigger: 'merge', status: 'ok' });

    await sync();
    expect(w.names(a.source).length).toBe(4);
    await w.client.call('history.undo', { run: result.run! });
    expect((await w.hubNames()).length).toBe(6);
    expect(w.names(a.source).length).toBe(6);
  });

  it('accepts only the high tier', async () => {
    await expect(w.client.call('duplicates.mergeTier', { tier: 'medium' } as never)).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
  });
});

describe('settings.autoMergeHighConfidence', () => {
  it('is off by default: a sync suggests, nothing is merged', async () => {
    expect((await w.client.call('settings.get', {})).autoMergeHighConfidence).toBe(false);
    await bookWithTiers();
    await sync();
    expect((await w.hubNames()).length).toBe(6);
    expect(await tiers()).toEqual(['high:Ann Lee+Ann Lee', 'high:Wei Zhang+张伟', 'medium:Bob Stone+Robert Stone']);
  });

  it('when on, merges the high tier after a sync as one undoable run (never after a dry run)', async () => {
    await w.client.call('settings.update', { autoMergeHighConfidence: true });
    const a = await bookWithTiers();
    await w.client.call('sync.run', { dryRun: true });
    expect(await w.hubNames()).toEqual([]);
    await sync();
    expect((await w.hubNames()).length).toBe(4);
    expect(await tiers()).toEqual(['medium:Bob Stone+Robert Stone']);
    const merge = (await w.client.call('history.runs', {})).find((r) => r.trigger === 'merge')!;
    expect(merge.summary).toMatchObject({ groups: 2, merged: 2 });
    // The next sync carries the merge to the account; undo brings every card back.
    await sync();
    expect(w.names(a.source).sort()).toEqual(['Ann Lee', 'Bob Stone', 'Robert Stone', 'Wei Zhang']);
    await w.client.call('history.undo', { run: merge.id });
    expect((await w.hubNames()).length).toBe(6);
    // The undone merge is not redone by the next sync: those clusters wait for the user again.
    await sync();
    expect((await w.hubNames()).length).toBe(6);
    expect(await tiers()).toEqual(['high:Ann Lee+Ann Lee', 'high:Wei Zhang+张伟', 'medium:Bob Stone+Robert Stone']);
  });
});

describe('freshness after a sync', () => {
  it('re-scores only the contacts the sync changed: a new match appears without a scan, untouched pairs are left alone', async () => {
    const a = await w.addAccount('Google');
    a.source.createExternally(card({ fn: 'Ann Lee', email: 'ann@example.org', uid: 'al-1' }));
    a.source.createExternally(card({ fn: 'Mary Major', email: 'mary@example.org', uid: 'mm-1' }));
    a.source.createExternally(card({ fn: 'Tom Tailor', phone: '+49 30 1234567', uid: 'tt-1' }));
    a.source.createExternally(card({ fn: 'Uma Umber', phone: '+49 30 7654321', uid: 'uu-1' }));
    await sync();
    await w.client.call('duplicates.scan', {});
    expect(await tiers()).toEqual([]);
    // A marker between two contacts no sync touches: a full scan would drop it, a refresh must not look at it.
    const db = w.engine.context.db;
    const ids = new Map((await w.client.call('contacts.list', {})).items.map((c) => [c.displayName, c.id]));
    const [tom, uma] = [ids.get('Tom Tailor')!, ids.get('Uma Umber')!];
    replaceSuggestionsOf(db, tom, [{ a: tom < uma ? tom : uma, b: tom < uma ? uma : tom, score: 0.5, tier: 'medium', reasons: ['marker'] }], 1);

    // Mary's card is edited in the account into a second card of Ann.
    const mary = a.source.snapshot().find((i) => i.payload.includes('Mary Major'))!;
    a.source.editExternally(mary.id, card({ fn: 'Ann Lee', email: 'ANN@example.org', uid: 'mm-1' }));
    await sync();
    expect(await tiers()).toEqual(['high:Ann Lee+Ann Lee', 'medium:Tom Tailor+Uma Umber']);
    expect(openSuggestions(db).find((p) => p.reasons[0] === 'marker')).toBeDefined();
    await w.client.call('duplicates.scan', {});
    expect(await tiers()).toEqual(['high:Ann Lee+Ann Lee']);
  });
});
