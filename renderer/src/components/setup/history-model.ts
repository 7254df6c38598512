// A contact's field history as lines a person can scan: which field, when, from what to what, and
// whether "Restore" makes sense (the old value differs from today's). Pure, so it is unit-tested.
// Invariant: the value restored is exactly the journal's `before`, unchanged (the engine accepts
// only values its journal holds: electron/engine/api/restore-field.ts).
import type { FieldChange } from '../../../../shared/api/contract.ts';
import type { ContactFields } from '../../../../shared/model/contact.ts';

export interface HistoryLine {
  key: string;
  at: string;
  field: string;
  action: string;
  before: string;
  after: string;
  /** The value Restore would set; undefined when Restore is not offered. */
  restore: { field: keyof ContactFields; value: unknown } | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short, language-neutral rendering of any field value: "ann@example.org, +1 555 0100", "1990-04-15". */
export function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(valueText).join(', ');
  if (isRecord(value)) {
    if ('year' in value || 'month' in value || 'day' in value) {
      const pad = (n: unknown) => (typeof n === 'number' ? String(n).padStart(2, '0') : '--');
      // Without a year: vCard 4's --MM-DD (RFC 6350 §4.3.1).
      if (typeof value['year'] !== 'number') return `--${pad(value['month'])}-${pad(value['day'])}`;
      return `${value['year']}-${pad(value['month'])}-${pad(value['day'])}`;
    }
    if (typeof value['value'] === 'string') return value['value'];
    if (typeof value['name'] === 'string' && 'title' in value) return [value['title'], value['name']].filter((s) => typeof s === 'string' && s).join(', ') || '—';
    if ('given' in value || 'family' in value) {
      const parts = ['prefix', 'given', 'middle', 'family', 'suffix'].map((k) => value[k]).filter((s) => typeof s === 'string' && s);
      return parts.length > 0 ? parts.join(' ') : '—';
    }
    if ('street' in value || 'locality' in value) {
      const parts = ['street', 'locality', 'region', 'postalCode', 'country'].map((k) => value[k]).filter((s) => typeof s === 'string' && s);
      return parts.length > 0 ? parts.join(', ') : '—';
    }
    if (typeof value['key'] === 'string') return `${value['key']}: ${valueText(value['value'])}`;
  }
  return JSON.stringify(value);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function historyLines(changes: readonly FieldChange[], current: ContactFields): HistoryLine[] {
  return changes.map((c, i) => {
    const field = c.field;
    const restorable = field !== '*' && Object.hasOwn(current, field) && c.before !== null && !same(c.before, current[field as keyof ContactFields]);
    return {
      key: `${c.at}-${field}-${i}`,
      at: c.at,
      field,
      action: c.action,
      before: field === '*' ? '' : valueText(c.before),
      after: field === '*' ? '' : valueText(c.after),
      restore: restorable ? { field: field as keyof ContactFields, value: c.before } : undefined,
    };
  });
}
