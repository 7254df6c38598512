// Line icons of the review sections (Conflicts, Merge suggestions, Activity), drawn like Icon.tsx:
// inline, in the text colour, always aria-hidden (the entry's text is its name).
import type { ReactNode } from 'react';

const paths = {
  conflicts: 'M7 4v10m0 0-3-3m3 3 3-3M17 20V10m0 0-3 3m3-3 3 3',
  suggestions: 'M8.5 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm7 0a3.5 3.5 0 1 0 0-7M3 20a5.5 5.5 0 0 1 11 0m3.5-5.5A5.5 5.5 0 0 1 21 20',
  activity: 'M12 7v5l3 2m6-2a9 9 0 1 1-18 0 9 9 0 0 1 18 0Z',
} as const;

export type ReviewIconName = keyof typeof paths;

export const isReviewIcon = (name: string): name is ReviewIconName => Object.hasOwn(paths, name);

export function ReviewIcon(props: { name: ReviewIconName }): ReactNode {
  return (
    <svg className="icon" width={18} height={18} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={paths[props.name]} />
    </svg>
  );
}
