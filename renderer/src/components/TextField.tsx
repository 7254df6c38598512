// A labelled text input with an optional hint and an inline error, wired for screen readers
// (label `for`, aria-describedby, aria-invalid).
import { useId } from 'react';
import type { HTMLInputTypeAttribute, ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  type?: HTMLInputTypeAttribute;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  optional?: boolean;
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'url' | 'numeric';
  maxLength?: number;
  name?: string;
  /** For short codes (a region, a number) a full-width box looks like it wants a sentence. */
  narrow?: boolean;
}

export function TextField(props: TextFieldProps): ReactNode {
  const t = useT();
  const id = useId();
  const describedBy = [props.hint && `${id}-hint`, props.error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={props.narrow ? 'field field-narrow' : 'field'}>
      <label htmlFor={id}>
        {props.label}
        {props.optional && <span className="field-optional"> ({t('common.optional')})</span>}
      </label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete={props.autoComplete ?? 'off'}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && (
        <p id={`${id}-hint`} className="field-hint">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
