// The setup screens' pure view models: first-sync preview rows, the import column mapping, the
// account problem messages, the region list, field-history lines and the theme parsing.
import { describe, expect, it } from 'vitest';
import type { FieldChange, ImportColumnView } from '../../../shared/api/contract.ts';
import { emptyContactFields } from '../../../shared/model/contact.ts';
import type { AccountReport, SyncSummary } from '../../../shared/model/sync.ts';
import { accountProblemKey, discoveryProblemKey } from '../../../renderer/src/components/setup/account-problems.ts';
import { historyLines, valueText } from '../../../renderer/src/components/setup/history-model.ts';
import { choiceOf, customFieldPath, exportFileName, mappingFor, toBase64, unknownColumns } from '../../../renderer/src/components/setup/import-model.ts';
import { previewModel } from '../../../renderer/src/components/setup/preview-model.ts';
import { regionCodes, regionOptions } from '../../../renderer/src/components/setup/regions.ts';
import { parseTheme } from '../../../renderer/src/components/setup/theme.ts';
import { catalogues } from '../../../renderer/src/i18n/index.ts';
import { emptyAccountReport } from '../../../electron/engine/sync/report.ts';

function report(p: Partial<AccountReport> & { accountId: string; name: string }): AccountReport {
  return { ...emptyAccountReport(p.accountId, p.name), ...p };
}

const summary = (accounts: AccountReport[], paused = false): SyncSummary => ({ run: 1, dryRun: true, created: 0, updated: 0, deleted: 0, conflicts: 0, errors: 0, paused, accounts });

describe('previewModel', () => {
  it('turns each account report into a row and sums every column', () => {
    const m = previewModel(
      summary([
        report({ accountId: 'a', name: 'Phone', linked: 3, hubCreated: 5, remoteCreated: 2, hubUpdated: 1, remoteUpdated: 1, restored: 1, suggested: 2, conflicts: 1 }),
        report({ accountId: 'b', name: 'Laptop', hubTrashed: 1, remoteDeleted: 2, errors: [{ contactId: null, remoteId: 'x', code: 'rejected', message: 'bad' }] }),
      ]),
    );
    expect(m.rows.map((r) => [r.name, r.linked, r.toConcord, r.toAccount, r.changed, r.removed, r.suggestions, r.conflicts, r.errors])).toEqual([
      ['Phone', 3, 5, 2, 3, 0, 2, 1, 0],
      ['Laptop', 0, 0, 0, 0, 3, 0, 0, 1],
    ]);
    expect(m.totals).toEqual({ linked: 3, toConcord: 5, toAccount: 2, changed: 3, removed: 3, suggestions: 2, conflicts: 1, errors: 1 });
    expect(m.nothingToDo).toBe(false);
  });

  it('says when there is nothing to do, and carries a safety pause', () => {
    const m = previewModel(summary([report({ accountId: 'a', name: 'A', paused: 'would delete 40 of 50' })], true));
    expect(m.nothingToDo).toBe(true);
    expect(m.paused).toBe(true);
    expect(m.rows[0]!.paused).toBe('would delete 40 of 50');
  });
});

describe('import column mapping', () => {
  const columns: ImportColumnView[] = [
    { column: 'Given', field: 'name.given', filled: 3 },
    { column: 'Shoe size', field: null, filled: 2 },
    { column: 'Empty', field: null, filled: 0 },
  ];

  it('lists only unknown columns that hold values', () => {
    expect(unknownColumns(columns).map((c) => c.column)).toEqual(['Shoe size']);
  });

  it('sends only the choices that differ from what was detected', () => {
    expect(mappingFor(columns, {})).toBeUndefined();
    expect(mappingFor(columns, { Given: 'name.given' })).toBeUndefined();
    expect(mappingFor(columns, { 'Shoe size': customFieldPath('Shoe size'), Given: null })).toEqual({
      columns: { 'Shoe size': 'customFields[Shoe size]', Given: null },
    });
    // A choice for a column the file does not have is not sent.
    expect(mappingFor(columns, { Nope: 'note' })).toBeUndefined();
  });

  it('shows the user choice over the detected field, including "ignore"', () => {
    expect(choiceOf(columns[0]!, {})).toBe('name.given');
    expect(choiceOf(columns[0]!, { Given: null })).toBeNull();
    expect(choiceOf(columns[1]!, { 'Shoe size': 'note' })).toBe('note');
  });

  it('keeps custom field keys inside the path grammar', () => {
    expect(customFieldPath('Size [EU]')).toBe('customFields[Size  EU]');
    expect(customFieldPath('[]')).toBe('customFields[Column]');
  });

  it('encodes bytes as base64 across chunk boundaries', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => i % 251);
    expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(toBase64(new TextEncoder().encode('张伟,Zhang'))).toBe(Buffer.from('张伟,Zhang').toString('base64'));
  });

  it('names exports by day and format', () => {
    expect(exportFileName('csv', new Date('2026-11-25T03:00:00Z'))).toBe('concord-contacts-2026-11-25.csv');
  });
});

describe('account problems in plain words', () => {
  const base = { enabled: true, lastError: null } as const;
  it('picks the fix by kind for refused credentials', () => {
    expect(accountProblemKey({ ...base, kind: 'icloud', status: 'auth-required' })).toBe('setup.problem.icloudAuth');
    expect(accountProblemKey({ ...base, kind: 'google', status: 'auth-required' })).toBe('setup.problem.googleAuth');
    expect(accountProblemKey({ ...base, kind: 'carddav', status: 'auth-required' })).toBe('setup.problem.auth');
    expect(discoveryProblemKey('icloud', 'AUTH_REQUIRED')).toBe('setup.problem.icloudAuth');
    expect(discoveryProblemKey('carddav', 'PROVIDER_ERROR')).toBe('setup.problem.noServer');
  });

  it('is quiet for healthy or turned-off accounts and speaks up for errors and pauses', () => {
    expect(accountProblemKey({ ...base, kind: 'carddav', status: 'idle' })).toBeNull();
    expect(accountProblemKey({ enabled: false, lastError: 'x', kind: 'carddav', status: 'error' })).toBeNull();
    expect(accountProblemKey({ ...base, kind: 'carddav', status: 'error' })).toBe('setup.problem.error');
    expect(accountProblemKey({ ...base, kind: 'carddav', status: 'paused' })).toBe('setup.problem.paused');
  });

  it('has every message in both languages', () => {
    for (const key of ['setup.problem.icloudAuth', 'setup.problem.auth', 'setup.problem.noServer'] as const) {
      expect(catalogues.en[key]).not.toBe('');
      expect(catalogues['zh-CN'][key]).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(catalogues['zh-CN']['setup.problem.icloudAuth']).toContain('App 专用密码');
  });
});

describe('regionOptions', () => {
  it('names regions in the UI language and sorts them by its collation', () => {
    const en = regionOptions('en');
    const zh = regionOptions('zh-CN');
    expect(en).toHaveLength(regionCodes.length);
    expect(en.find((o) => o.value === 'CN')!.label).toBe('China (CN)');
    expect(zh.find((o) => o.value === 'CN')!.label).toBe('中国 (CN)');
    const labels = en.map((o) => o.label);
    expect(labels).toEqual([...labels].sort(new Intl.Collator('en').compare));
    expect(en.every((o) => /^[A-Z]{2}$/.test(o.value))).toBe(true);
  });
});

describe('field history lines', () => {
  it('renders values briefly and offers Restore only where the old value differs from today', () => {
    const current = emptyContactFields();
    current.emails = [{ value: 'new@example.org', label: 'work', primary: true }];
    current.note = 'same';
    const changes: FieldChange[] = [
      { at: '2026-01-02T00:00:00.000Z', runId: 2, action: 'contact.update', field: 'emails', before: [{ value: 'old@example.org', label: 'work', primary: true }], after: current.emails },
      { at: '2026-01-01T12:00:00.000Z', runId: 1, action: 'contact.update', field: 'note', before: 'older', after: 'same' },
      { at: '2026-01-01T11:00:00.000Z', runId: 1, action: 'contact.update', field: 'note', before: 'same', after: 'older' },
      { at: '2026-01-01T00:00:00.000Z', runId: 1, action: 'contact.create', field: '*', before: null, after: {} },
    ];
    const lines = historyLines(changes, current);
    expect(lines.map((l) => [l.field, l.before, l.after, l.restore?.value])).toEqual([
      ['emails', 'old@example.org', 'new@example.org', [{ value: 'old@example.org', label: 'work', primary: true }]],
      ['note', 'older', 'same', 'older'],
      ['note', 'same', 'older', undefined],
      ['*', '', '', undefined],
    ]);
  });

  it('writes dates, names and empty values readably', () => {
    expect(valueText({ year: null, month: 4, day: 5 })).toBe('--04-05');
    expect(valueText({ year: 1990, month: 4, day: 15 })).toBe('1990-04-15');
    expect(valueText({ prefix: '', given: 'Ann', middle: '', family: 'Lee', suffix: '' })).toBe('Ann Lee');
    expect(valueText([])).toBe('—');
    expect(valueText(null)).toBe('—');
  });
});

describe('parseTheme', () => {
  it('accepts the three themes and falls back to the system', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme('neon')).toBe('system');
    expect(parseTheme(null)).toBe('system');
  });
});
