// The colour theme: follow the system (prefers-color-scheme), or always light or dark. Kept in this
// device's localStorage, not in the engine's settings: it is a property of the screen in front of
// the user, and applies before the engine answers (no flash of the wrong theme).
// Invariant: the document carries data-theme only for an explicit choice; styles.css keys the
// dark palette on (prefers-color-scheme: dark) unless data-theme says otherwise.

export const themes = ['system', 'light', 'dark'] as const;
export type Theme = (typeof themes)[number];

const STORAGE_KEY = 'concord.theme';

export function parseTheme(value: string | null | undefined): Theme {
  return (themes as readonly string[]).includes(value ?? '') ? (value as Theme) : 'system';
}

export function readTheme(): Theme {
  try {
    return parseTheme(globalThis.localStorage?.getItem(STORAGE_KEY));
  } catch {
    return 'system';
  }
}

export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset['theme'];
  else root.dataset['theme'] = theme;
}

export function saveTheme(theme: Theme): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage can be off (private windows); the choice then lasts until the window closes.
  }
  applyTheme(theme);
}
