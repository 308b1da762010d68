/**
 * Lists that page, search and sort through query parameters (`q`, `sort`,
 * `dir`, `page`), so that every state has a URL and works without JavaScript.
 * Pure: no request, no database. Anything a person can type in the address
 * bar parses to a usable query; nothing here throws.
 *
 * Use: `parseListQuery(request.query, …)`, count the matching rows, then
 * `paginate(total, query.page)` gives the clamped page with its offset/limit.
 */

export const DEFAULT_PAGE_SIZE = 10;
/** Longer searches are cut: nobody types more, and it bounds the cost of a LIKE. */
export const MAX_SEARCH_LENGTH = 100;

export type SortDirection = 'asc' | 'desc';

export interface ListQuery<K extends string = string> {
  /** The search text, trimmed; '' for none. */
  q: string;
  /** The page asked for, ≥ 1; not yet clamped to the last page (see paginate). */
  page: number;
  /** A known sort key, or undefined to keep the list's natural order. */
  sort: K | undefined;
  dir: SortDirection;
}

export interface Pagination {
  /** The page shown: the one asked for, clamped to 1…pageCount. */
  page: number;
  pageSize: number;
  /** At least 1, so that an empty list still has a page to show. */
  pageCount: number;
  total: number;
  /** For SQL: `offset(offset).limit(limit)`. */
  offset: number;
  limit: number;
  /** 1-based positions of the first and last rows shown; 0 when empty. */
  from: number;
  to: number;
}

function first(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v : undefined;
}

/** A page number from any text: digits only, else 1; a huge number is capped here, then paginate clamps it to the last page. */
export function parsePage(value: unknown): number {
  const text = first(value)?.trim() ?? '';
  if (!/^\d+$/.test(text)) return 1;
  return Math.max(1, Math.min(Number(text), Number.MAX_SAFE_INTEGER));
}

/** Reads a list's query parameters; unknown sort keys fall back to the default. */
export function parseListQuery<K extends string>(
  query: unknown,
  options: { sortKeys?: readonly K[]; defaultSort?: K; defaultDir?: SortDirection } = {},
): ListQuery<K> {
  const params = query !== null && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const sort = first(params.sort);
  const known = options.sortKeys?.find((key) => key === sort);
  const dir = first(params.dir);
  return {
    q: (first(params.q) ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
    page: parsePage(params.page),
    sort: known ?? options.defaultSort,
    dir: dir === 'asc' || dir === 'desc' ? dir : known ? 'asc' : (options.defaultDir ?? 'asc'),
  };
}

/** The page to show of `total` rows: a page past the end shows the last one. */
export function paginate(total: number, page: number, pageSize = DEFAULT_PAGE_SIZE): Pagination {
  const size = Math.max(1, Math.floor(pageSize));
  const count = Math.max(0, Math.floor(total));
  const pageCount = Math.max(1, Math.ceil(count / size));
  const current = Math.min(Math.max(1, Math.floor(Number.isFinite(page) ? page : 1)), pageCount);
  const offset = (current - 1) * size;
  return {
    page: current,
    pageSize: size,
    pageCount,
    total: count,
    offset,
    limit: size,
    from: count === 0 ? 0 : offset + 1,
    to: Math.min(offset + size, count),
  };
}

/** The rows of the current page of an in-memory list. */
export function pageOf<T>(items: readonly T[], pagination: Pagination): T[] {
  return items.slice(pagination.offset, pagination.offset + pagination.limit);
}

/**
 * The page numbers to offer: the first, the last, and `around` on each side
 * of the current one; `null` marks a gap (shown as …).
 */
export function pageWindow(page: number, pageCount: number, around = 2): Array<number | null> {
  const shown = new Set([1, pageCount]);
  for (let p = page - around; p <= page + around; p++) if (p >= 1 && p <= pageCount) shown.add(p);
  const sorted = [...shown].sort((a, b) => a - b);
  const result: Array<number | null> = [];
  sorted.forEach((p, i) => {
    const previous = sorted[i - 1];
    if (previous !== undefined && p - previous === 2) result.push(previous + 1);
    else if (previous !== undefined && p - previous > 2) result.push(null);
    result.push(p);
  });
  return result;
}

/**
 * The URL of a list state: `path` with q, sort, dir and page (defaults left
 * out) and any `keep` parameters the page needs to carry along.
 */
export function listHref(
  path: string,
  state: { q?: string; sort?: string; dir?: SortDirection; page?: number },
  keep: Record<string, string> = {},
): string {
  const params = new URLSearchParams(keep);
  if (state.q) params.set('q', state.q);
  if (state.sort) {
    params.set('sort', state.sort);
    params.set('dir', state.dir ?? 'asc');
  }
  if (state.page && state.page > 1) params.set('page', String(state.page));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/**
 * Case- and accent-insensitive text for searching: "Émile" matches "emile".
 * public/two-list.js applies the same rule in the browser.
 */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
