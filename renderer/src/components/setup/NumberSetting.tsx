// A number setting saved when the field is left or Enter is pressed, checked against its range
// first (an out-of-range value is explained and not sent). Used for the safety-guard thresholds.
import { useEffect, useId, useState } from 'react';
import type { ReactNode } from 'react';

export function NumberSetting(props: {
  label: string;
  unit?: string;
  hint?: string;
  invalid: string;
  value: number;
  min: number;
  max: number;
  name: string;
  onSave(value: number): void;
}): ReactNode {
  const id = useId();
  const [text, setText] = useState(String(props.value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(String(props.value)), [props.value]);

  function commit(): void {
    const n = Number(text.trim());
    if (text.trim() === '' || !Number.isInteger(n) || n < props.min || n > props.max) {
      setError(props.invalid);
      return;
    }
    setError(null);
    if (n !== props.value) props.onSave(n);
  }

  const describedBy = [props.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field field-narrow">
      <label htmlFor={id}>{props.label}</label>
      <div className="input-with-unit">
        <input
          id={id}
          name={props.name}
          type="number"
          inputMode="numeric"
          min={props.min}
          max={props.max}
          step={1}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
        {props.unit && <span className="unit">{props.unit}</span>}
      </div>
      {props.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
