// The contact list's row count from its pages' answers. A search's count may be capped (the
// engine stops counting at a multiple of 1,000 past the page asked for: "1,000+"), and pages further
// down count further, so the list grows as it is scrolled.
// Invariant: an exact count is never replaced by a lower bound, and a lower bound never shrinks.

export interface Total {
  /** null until a count arrived. */
  total: number | null;
  /** The engine stopped counting: there are more than `total`. */
  totalIsLowerBound: boolean;
}

/** An exact count wins over lower bounds; lower bounds only ever rise (pages further down count further). */
export function foldTotal(known: Total, page: { total: number; totalIsLowerBound: boolean }): Total {
  if (!page.totalIsLowerBound) return { total: page.total, totalIsLowerBound: false };
  if (known.total !== null && !known.totalIsLowerBound) return known;
  return { total: Math.max(known.total ?? 0, page.total), totalIsLowerBound: true };
}
