// The contact list for one query, fetched a page (100 rows) at a time as the list scrolls: an
// address book can hold 100,000 contacts and the UI must never ask for all of them. Pages far from
// the visible rows are dropped again. Re-queries (new search, `contacts.changed`, reconnect) load
// the visible pages into a fresh cache and swap it in whole, so rows never blank out and flicker.
// Re-queries are latest-only (latest-only.ts): every keystroke can ask at once, with no fixed
// debounce delay, without piling up requests, and only the newest query's rows are ever shown. A
// search's total may be a lower bound ("1,000+", page-total.ts); the list extends as it is scrolled.
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { ContactPage } from '../../../shared/api/contract.ts';
import type { ContactSummary } from '../../../shared/model/contact.ts';
import { useClient, useEvent, useReconnects } from '../state/api.tsx';
import { latestOnly } from './latest-only.ts';
import { foldTotal } from './page-total.ts';
import type { Total } from './page-total.ts';

export const PAGE_SIZE = 100;
/** Pages kept in memory (5,000 rows): plenty for any screen, small even for a huge book. */
const MAX_PAGES = 50;
/** A sync emits many `contacts.changed` events in a row; refresh once they settle. */
const REFRESH_DELAY_MS = 250;

interface Cache extends Total {
  query: string;
  pages: Map<number, ContactSummary[]>;
  inflight: Set<number>;
}

export interface ContactPages {
  /** The query the data shown belongs to (lags the typed one until its answer arrives). */
  query: string;
  total: number | null;
  /** True while `total` is only "at least" (a broad search); the list still has `total` rows. */
  totalIsLowerBound: boolean;
  error: unknown;
  itemAt(index: number): ContactSummary | undefined;
  /** Where a contact sits among the rows loaded so far; null when not (yet) loaded. */
  indexOf(id: string): number | null;
  /** The list reports which rows are on screen; missing pages are fetched. */
  showRange(start: number, end: number): void;
  retry(): void;
}

interface Range {
  start: number;
  end: number;
}

const pagesOf = (r: Range): number[] => {
  const pages: number[] = [];
  for (let p = Math.floor(r.start / PAGE_SIZE); p <= Math.floor(r.end / PAGE_SIZE); p++) pages.push(p);
  return pages;
};

function evictFar(cache: Cache, visible: Range): void {
  if (cache.pages.size <= MAX_PAGES) return;
  const centre = (visible.start + visible.end) / 2 / PAGE_SIZE;
  const byDistance = [...cache.pages.keys()].sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
  for (const page of byDistance.slice(0, cache.pages.size - MAX_PAGES)) cache.pages.delete(page);
}

export function useContactPages(query: string): ContactPages {
  const client = useClient();
  const reconnects = useReconnects();
  const cache = useRef<Cache>({ query, total: null, totalIsLowerBound: false, pages: new Map(), inflight: new Set() });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const [error, setError] = useState<unknown>(null);
  const visible = useRef<Range>({ start: 0, end: 0 });
  /** The newest query asked for; a refresh must use it, not the one still on screen. */
  const wanted = useRef(query);

  const fetchPage = useCallback(
    (page: number) => {
      const c = cache.current;
      if (c.pages.has(page) || c.inflight.has(page)) return;
      if (c.total !== null && page * PAGE_SIZE >= c.total) return;
      c.inflight.add(page);
      client.call('contacts.list', { query: c.query, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (result) => {
          c.inflight.delete(page);
          if (cache.current !== c) return;
          c.pages.set(page, result.items);
          Object.assign(c, foldTotal(c, result));
          evictFar(c, visible.current);
          setError(null);
          rerender();
        },
        (cause: unknown) => {
          c.inflight.delete(page);
          if (cache.current === c) setError(cause);
        },
      );
    },
    [client],
  );

  const requery = useMemo(
    () =>
      latestOnly(
        ({ query: q, pages }: { query: string; pages: number[] }) =>
          Promise.all(pages.map((page) => client.call('contacts.list', { query: q, offset: page * PAGE_SIZE, limit: PAGE_SIZE }))),
        ({ query: q, pages }, results: ContactPage[]) => {
          const total = results.reduce(foldTotal, { total: null, totalIsLowerBound: false });
          cache.current = {
            query: q,
            total: total.total ?? 0,
            totalIsLowerBound: total.totalIsLowerBound,
            pages: new Map(pages.map((page, i) => [page, results[i]?.items ?? []])),
            inflight: new Set(),
          };
          setError(null);
          rerender();
        },
        setError,
      ),
    [client],
  );
  const reload = useCallback((nextQuery: string, pages: number[]) => requery.ask({ query: nextQuery, pages }), [requery]);

  // A new query starts at the top.
  useEffect(() => {
    wanted.current = query;
    visible.current = { start: 0, end: 0 };
    reload(query, [0]);
  }, [query, reload]);

  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refresh = useCallback(() => {
    if (refreshTimer.current !== null) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => {
      refreshTimer.current = null;
      reload(wanted.current, pagesOf(visible.current));
    }, REFRESH_DELAY_MS);
  }, [reload]);
  useEffect(() => () => void (refreshTimer.current !== null && clearTimeout(refreshTimer.current)), []);

  useEvent('contacts.changed', refresh);
  const seenReconnects = useRef(reconnects);
  useEffect(() => {
    if (reconnects === seenReconnects.current) return;
    seenReconnects.current = reconnects;
    refresh();
  }, [reconnects, refresh]);

  const showRange = useCallback(
    (start: number, end: number) => {
      visible.current = { start, end };
      for (const page of pagesOf(visible.current)) fetchPage(page);
    },
    [fetchPage],
  );

  const itemAt = useCallback((index: number) => cache.current.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const indexOf = useCallback((id: string) => {
    for (const [page, items] of cache.current.pages) {
      const at = items.findIndex((item) => item.id === id);
      if (at >= 0) return page * PAGE_SIZE + at;
    }
    return null;
  }, []);

  const retry = useCallback(() => {
    setError(null);
    reload(wanted.current, pagesOf(visible.current));
  }, [reload]);

  const c = cache.current;
  return { query: c.query, total: c.total, totalIsLowerBound: c.totalIsLowerBound, error, itemAt, indexOf, showRange, retry };
}
