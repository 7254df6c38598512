// The contact search's request discipline (renderer/src/hooks/latest-only.ts): one request in
// flight, only the newest waiting one sent next, only the newest ask's answer delivered; and how
// the list's count folds capped ("1,000+") and exact totals (page-total.ts).
import { describe, expect, it } from 'vitest';
import { latestOnly } from '../../../renderer/src/hooks/latest-only.ts';
import { foldTotal } from '../../../renderer/src/hooks/page-total.ts';

/** A request whose answers the test releases by hand, in any order. */
function controlled() {
  const sent: { query: string; answer(r: string): void; refuse(e: Error): void }[] = [];
  const request = (query: string) => new Promise<string>((resolve, reject) => sent.push({ query, answer: resolve, refuse: reject }));
  return { sent, request };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('latestOnly', () => {
  it('keeps one request in flight, sends only the newest waiting ask, and delivers only the newest answer', async () => {
    const { sent, request } = controlled();
    const shown: string[] = [];
    const q = latestOnly(request, (query, r) => shown.push(`${query}=${r}`), () => shown.push('error'));

    q.ask('w');
    q.ask('wa');
    q.ask('wan');
    q.ask('wang');
    expect(sent.map((s) => s.query)).toEqual(['w']); // the rest wait; only the newest of them survives
    sent[0]!.answer('rows of w');
    await tick();
    expect(shown).toEqual([]); // overtaken: never shown
    expect(sent.map((s) => s.query)).toEqual(['w', 'wang']);
    sent[1]!.answer('rows of wang');
    await tick();
    expect(shown).toEqual(['wang=rows of wang']);

    // Idle again: the next ask goes out at once and is shown.
    q.ask('wangf');
    expect(sent.map((s) => s.query)).toEqual(['w', 'wang', 'wangf']);
    sent[2]!.answer('rows of wangf');
    await tick();
    expect(shown).toEqual(['wang=rows of wang', 'wangf=rows of wangf']);
  });

  it('reports only the newest failure and keeps going after one', async () => {
    const { sent, request } = controlled();
    const shown: string[] = [];
    const q = latestOnly(request, (query, r) => shown.push(`${query}=${r}`), (e) => shown.push(`error ${(e as Error).message}`));
    q.ask('a');
    q.ask('an');
    sent[0]!.refuse(new Error('old'));
    await tick();
    expect(shown).toEqual([]); // the failure of an overtaken ask is nobody's business
    sent[1]!.refuse(new Error('offline'));
    await tick();
    expect(shown).toEqual(['error offline']);
    q.ask('ann');
    sent[2]!.answer('rows');
    await tick();
    expect(shown).toEqual(['error offline', 'ann=rows']);
  });
});

describe('foldTotal', () => {
  const none = { total: null, totalIsLowerBound: false };
  it('lets lower bounds rise, never fall, and an exact count win', () => {
    const first = foldTotal(none, { total: 1000, totalIsLowerBound: true });
    expect(first).toEqual({ total: 1000, totalIsLowerBound: true });
    const further = foldTotal(first, { total: 2000, totalIsLowerBound: true });
    expect(further).toEqual({ total: 2000, totalIsLowerBound: true });
    expect(foldTotal(further, { total: 1000, totalIsLowerBound: true })).toEqual(further); // page 0 again
    const exact = foldTotal(further, { total: 2345, totalIsLowerBound: false });
    expect(exact).toEqual({ total: 2345, totalIsLowerBound: false });
    expect(foldTotal(exact, { total: 1000, totalIsLowerBound: true })).toEqual(exact);
    expect(foldTotal(none, { total: 0, totalIsLowerBound: false })).toEqual({ total: 0, totalIsLowerBound: false });
  });
});
