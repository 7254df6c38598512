// The sync interval in minutes. Typing is free-form; a valid whole number from 1 to 1440 is saved
// after a short pause, anything else shows why it was not saved.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

const MIN = 1;
const MAX = 24 * 60;
const SAVE_DELAY_MS = 500;

export function parseMinutes(text: string): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const n = Number(text);
  return n >= MIN && n <= MAX ? n : null;
}

export function IntervalField(props: { value: number; onSave(minutes: number): void }): ReactNode {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const { value, onSave } = props;
  const latestSave = useRef(onSave);
  useLayoutEffect(() => {
    latestSave.current = onSave;
  });

  // Follow changes made elsewhere (another window, the CLI) unless the user is mid-edit.
  useEffect(() => {
    setText((current) => (parseMinutes(current) === value || parseMinutes(current) === null ? current : String(value)));
  }, [value]);

  const minutes = parseMinutes(text);
  useEffect(() => {
    if (minutes === null || minutes === value) return;
    const timer = setTimeout(() => latestSave.current(minutes), SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [minutes, value]);

  const invalid = minutes === null;
  return (
    <div className="field">
      <label htmlFor={id}>{t('settings.interval')}</label>
      <div className="inline-input">
        <input
          id={id}
          type="number"
          min={MIN}
          max={MAX}
          step={1}
          inputMode="numeric"
          className="input-narrow"
          value={text}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
          onChange={(e) => setText(e.target.value)}
        />
        <span>{t('settings.interval.unit')}</span>
      </div>
      {invalid && (
        <p id={`${id}-error`} className="field-error">
          {t('settings.interval.invalid')}
        </p>
      )}
    </div>
  );
}
