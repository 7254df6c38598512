// Initials in a tinted circle. The tint comes from the contact id, so a person keeps their colour
// when renamed; Chinese names show their first character (the family name), Latin names the
// initials of the first and last word.
import type { CSSProperties, ReactNode } from 'react';

const segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;

function firstGrapheme(text: string): string {
  if (!segmenter) return Array.from(text)[0] ?? '';
  for (const { segment } of segmenter.segment(text)) return segment;
  return '';
}

const cjk = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function initials(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '';
  if (cjk.test(trimmed)) return firstGrapheme(trimmed);
  const words = trimmed.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w));
  const first = words[0];
  if (!first) return firstGrapheme(trimmed);
  // "Person 90" is "P", not "P9": only a word that starts with a letter gives a second initial.
  const last = words.length > 1 && /^\p{L}/u.test(words[words.length - 1]!) ? words[words.length - 1]! : '';
  return (firstGrapheme(first) + (last ? firstGrapheme(last) : '')).toLocaleUpperCase();
}

export function hueOf(seed: string): number {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

export function Avatar(props: { name: string; seed: string; size?: 'small' | 'large' }): ReactNode {
  const style = { '--hue': hueOf(props.seed) } as CSSProperties;
  return (
    <span className={`avatar avatar-${props.size ?? 'small'}`} style={style} aria-hidden="true">
      {initials(props.name)}
    </span>
  );
}
