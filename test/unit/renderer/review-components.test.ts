// The review components rendered (react-dom/server: no DOM library is installed) inside the real
// providers with a fake transport that answers from a table and records what was asked. What a
// first render shows is checked here — labels, decisions offered, accessible names, both
// languages; clicking and loading are covered end to end in test/e2e/ui-review.test.ts.
import { createElement } from 'react';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../../shared/api/client.ts';
import type { ConflictView, RunView } from '../../../shared/api/contract.ts';
import type { Envelope } from '../../../shared/api/transport.ts';
import { ConflictCard, fieldLabel } from '../../../renderer/src/components/ConflictCard.tsx';
import { RunDetails } from '../../../renderer/src/components/RunDetails.tsx';
import { stopText } from '../../../renderer/src/components/SafetyStopBanner.tsx';
import { reasonTranslator } from '../../../renderer/src/components/SuggestionDetail.tsx';
import { reasonsOf } from '../../../renderer/src/components/suggestions-model.ts';
import { duplicateReasonCodes, duplicateReasonVars, englishReason, evidence } from '../../../shared/model/duplicate-reasons.ts';
import { catalogues } from '../../../renderer/src/i18n/index.ts';
import { createTranslator, I18nProvider } from '../../../renderer/src/i18n/index.ts';
import type { Locale } from '../../../renderer/src/i18n/index.ts';
import { ApiProvider } from '../../../renderer/src/state/api.tsx';
import type { ConnectedTransport } from '../../../renderer/src/transport.ts';

/** Answers from the table; anything else is UNKNOWN_METHOD, as an engine without that method would say. */
function fakeTransport(answers: Record<string, unknown>): ConnectedTransport {
  return {
    request(method: string): Promise<Envelope> {
      return Promise.resolve(method in answers ? { ok: true, result: answers[method] } : { ok: false, error: { code: 'UNKNOWN_METHOD', message: method } });
    },
    subscribe: () => () => {},
    state: () => 'open',
    onState: () => () => {},
    reconnects: () => 0,
  };
}

function render(locale: Locale, node: ReactNode): { html: string } {
  const transport = fakeTransport({});
  const client = createClient(transport);
  const html = renderToStaticMarkup(createElement(ApiProvider, { client, transport, children: createElement(I18nProvider, { language: locale, children: node }) }));
  return { html };
}

const noteConflict: ConflictView = {
  id: 7,
  contactId: 'c1',
  contactName: 'Ann Lee',
  accountId: 'g',
  accountName: 'Google',
  field: 'note',
  base: 'met in Lisbon',
  hubValue: 'met in Porto',
  accountValue: 'met in Lisbon, 2019',
  detectedAt: '2026-01-01T00:00:00.000Z',
};

const card = (c: ConflictView) => createElement(ConflictCard, { conflict: c, index: 0, busy: false, onDecide: () => {} });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('ConflictCard', () => {
  it('shows base, current and account values with decisions named for screen readers', () => {
    const { html } = render('en', card(noteConflict));
    expect(text(html)).toContain('Ann Lee Notes');
    expect(text(html)).toMatch(/Before met in Lisbon .*Current value met in Porto .*In Google met in Lisbon, 2019/);
    expect(html).toContain('aria-label="Keep the current value of Notes for Ann Lee"');
    expect(html).toContain('aria-label="Use Google’s value of Notes for Ann Lee"');
    expect(text(html)).toContain('Type a value…');
    // A note has room for one value: no "keep both".
    expect(text(html)).not.toContain('Keep it');
    // The card is a focus stop for ↑/↓ and is named by its heading.
    expect(html).toMatch(/<article[^>]*tabindex="0"[^>]*aria-labelledby="conflict-7-title"/);
  });

  it('offers "keep both" for a list item one side removed, and no typing for it', () => {
    const email = { value: 'ann@work.example', label: 'work', primary: false };
    const { html } = render('en', card({ ...noteConflict, field: 'emails[ann@work.example]', base: email, hubValue: null, accountValue: email }));
    expect(text(html)).toContain('Email · ann@work.example');
    expect(text(html)).toContain('Keep it (nothing is lost)');
    expect(text(html)).toContain('ann@work.example (work)');
    expect(text(html)).not.toContain('Type a value…');
  });

  it('speaks Chinese: field names, sides and dates', () => {
    const { html } = render('zh-CN', card({ ...noteConflict, field: 'birthday', base: null, hubValue: { year: 1990, month: 4, day: 15 }, accountValue: { year: null, month: 4, day: 16 } }));
    expect(text(html)).toContain('原来的值 （空）');
    expect(text(html)).toContain('1990年4月15日');
    expect(text(html)).toContain('4月16日');
    expect(text(html)).toContain('Google 中的值');
    expect(html).toContain('aria-label="为Ann Lee采用 Google 中“生日”的值"');
    expect(text(html)).toContain('手动填写…');
  });

  it('names nested paths in both languages', () => {
    expect(fieldLabel(createTranslator('en'), 'name.given')).toBe('Name · first name');
    expect(fieldLabel(createTranslator('zh-CN'), 'name.given')).toBe('姓名 · 名');
    expect(fieldLabel(createTranslator('en'), 'emails[a@x].label')).toBe('Email · a@x · label');
    expect(fieldLabel(createTranslator('en'), 'organizations[acme].unknownPart')).toBe('Work · acme · unknownPart');
  });
});

describe('RunDetails', () => {
  const paused: RunView = {
    id: 9,
    trigger: 'manual',
    status: 'paused',
    dryRun: false,
    startedAt: '2026-01-01T00:00:00.000Z',
    finishedAt: '2026-01-01T00:00:01.000Z',
    summary: {
      created: 0,
      updated: 2,
      deleted: 0,
      conflicts: 1,
      errors: 0,
      accounts: [{ accountId: 'g', name: 'Google', paused: '12 contacts would be deleted (limit 10)', errors: [], notes: ['compared the whole address book'] }] as never,
    },
  };

  it('shows what the run did and why it stopped, before its changes load', () => {
    const { html } = render('en', createElement(RunDetails, { run: paused, busy: false, version: 0, onUndo: () => {} }));
    expect(text(html)).toContain('Sync');
    expect(text(html)).toContain('Paused for safety');
    expect(text(html)).toMatch(/Added 0 Changed 2 Removed 0 Conflicts 1 Problems 0/);
    expect(text(html)).toContain('Syncing Google would delete 12 contacts — more than the 10 Concord deletes without asking.');
    expect(text(html)).toContain('Google compared the whole address book');
    // Undo appears only once history.changes says there is something to reverse.
    expect(text(html)).not.toContain('Undo this run');
  });

  it('calls the sync that history.undo starts by its name, in Chinese too', () => {
    const undoSync = { ...paused, trigger: 'undo', status: 'ok', summary: { ...paused.summary } };
    expect(text(render('en', createElement(RunDetails, { run: undoSync, busy: false, version: 0, onUndo: () => {} })).html)).toContain('Sync after undo');
    expect(text(render('zh-CN', createElement(RunDetails, { run: undoSync, busy: false, version: 0, onUndo: () => {} })).html)).toContain('撤销后同步');
  });
});

describe('safety stop text', () => {
  it('explains each kind of stop, with plurals, in both languages', () => {
    const en = createTranslator('en');
    const zh = createTranslator('zh-CN');
    expect(stopText(en, 'Google', { kind: 'deletes', count: 1, limit: 0 })).toBe('Syncing Google would delete 1 contact — more than the 0 Concord deletes without asking.');
    expect(stopText(en, 'iCloud', { kind: 'overwrites', count: 40, limit: 25 })).toBe('Syncing iCloud would change 40 contacts — more than the 25 Concord changes without asking.');
    expect(stopText(en, 'Work', { kind: 'empty', known: 1200 })).toBe('Work suddenly lists no contacts, although it had 1,200. Concord has not changed anything.');
    expect(stopText(zh, 'Google', { kind: 'deletes', count: 12, limit: 10 })).toBe('同步 Google 将删除 12 位联系人，超过了无需确认即可删除的上限（10 位）。');
    expect(stopText(zh, 'Work', { kind: 'other', text: 'odd' })).toBe('Work 已暂停：odd');
  });
});

describe('duplicate evidence in the user’s language', () => {
  it('has a message for every evidence code, using only the variables the code carries', () => {
    for (const code of duplicateReasonCodes) {
      for (const [locale, catalogue] of Object.entries(catalogues)) {
        const text = (catalogue as Record<string, string>)[`review.reason.${code}`];
        expect(text, `${locale} ${code}`).toBeTruthy();
        const used = [...text!.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const name of used) expect(duplicateReasonVars[code], `${locale} ${code} {${name}}`).toContain(name);
      }
    }
  });

  it('translates evidence, the phone line too, and falls back to the engine’s English when a variable is missing', () => {
    const list = [
      evidence('phone.formats', { line: 'mobile', a: '+1 415 555 0101', b: '(415) 555-0101' }),
      evidence('name.nickname', { a: 'Robert Smith', b: 'Bob Smith' }),
      evidence('birthday.different', { a: '1990-04-15', b: '1991-04-15' }),
    ];
    const cluster = { reasons: list.map(englishReason), evidence: list };
    expect(reasonsOf(cluster, reasonTranslator(createTranslator('zh-CN')))).toEqual([
      { text: '手机相同：+1 415 555 0101 = (415) 555-0101（写法不同）', against: false },
      // No {from}/{to}: the engine's own sentence rather than a message with holes.
      { text: 'Robert Smith ≈ Bob Smith (nickname)', against: false },
      { text: '生日不同：1990-04-15 / 1991-04-15', against: true },
    ]);
    expect(reasonsOf(cluster, reasonTranslator(createTranslator('en')))[0]).toEqual({ text: 'same mobile +1 415 555 0101 = (415) 555-0101 (written differently)', against: false });
  });
});
