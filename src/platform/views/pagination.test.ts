import { describe, expect, it } from 'vitest';
import { listHref, pageOf, pageWindow, paginate, parseListQuery, parsePage, searchable } from './pagination';

describe('reading a list query', () => {
  it('reads the search, page and a known sort', () => {
    expect(parseListQuery({ q: '  Dupont ', page: '3', sort: 'name', dir: 'desc' }, { sortKeys: ['name', 'start'] })).toEqual({
      q: 'Dupont',
      page: 3,
      sort: 'name',
      dir: 'desc',
    });
  });

  it('falls back to page 1 on anything that is not a plain number', () => {
    for (const page of ['0', '-2', 'abc', '2.5', '', ' ', '1e3', '0x10', undefined, null, {}, ['x']]) {
      expect(parsePage(page)).toBe(1);
    }
  });

  it('keeps a huge page number for paginate to clamp, instead of overflowing', () => {
    expect(parsePage('999999999999999')).toBe(999999999999999);
    expect(parsePage('9'.repeat(400))).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('takes the first of repeated parameters', () => {
    expect(parseListQuery({ page: ['2', '5'], q: ['a', 'b'] })).toMatchObject({ page: 2, q: 'a' });
  });

  it('ignores an unknown sort key and direction', () => {
    expect(parseListQuery({ sort: 'password', dir: 'sideways' }, { sortKeys: ['name'], defaultSort: 'name', defaultDir: 'desc' })).toMatchObject({
      sort: 'name',
      dir: 'desc',
    });
    expect(parseListQuery({ sort: 'password' }, { sortKeys: ['name'] }).sort).toBeUndefined();
  });

  it('cuts an overlong search', () => {
    expect(parseListQuery({ q: 'x'.repeat(5000) }).q).toHaveLength(100);
  });

  it('survives a query that is not an object', () => {
    expect(parseListQuery(null)).toEqual({ q: '', page: 1, sort: undefined, dir: 'asc' });
  });
});

describe('paginating', () => {
  it('shows ten rows per page by default', () => {
    expect(paginate(35, 2)).toEqual({ page: 2, pageSize: 10, pageCount: 4, total: 35, offset: 10, limit: 10, from: 11, to: 20 });
  });

  it('shows the last page for a page past the end', () => {
    expect(paginate(35, 999999999999999)).toMatchObject({ page: 4, offset: 30, from: 31, to: 35 });
  });

  it('shows page 1 for page numbers below 1 or not finite', () => {
    expect(paginate(35, 0).page).toBe(1);
    expect(paginate(35, -4).page).toBe(1);
    expect(paginate(35, Number.NaN).page).toBe(1);
    expect(paginate(35, Number.POSITIVE_INFINITY).page).toBe(1);
  });

  it('has one empty page for an empty list', () => {
    expect(paginate(0, 3)).toEqual({ page: 1, pageSize: 10, pageCount: 1, total: 0, offset: 0, limit: 10, from: 0, to: 0 });
  });

  it('slices an in-memory list', () => {
    const items = Array.from({ length: 23 }, (_, i) => i + 1);
    expect(pageOf(items, paginate(items.length, 3))).toEqual([21, 22, 23]);
  });
});

describe('page numbers to offer', () => {
  it('lists every page of a short list', () => {
    expect(pageWindow(2, 4)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the first and last pages and marks the gaps', () => {
    expect(pageWindow(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
  });

  it('shows a single missing page instead of a gap', () => {
    expect(pageWindow(5, 10)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 10]);
  });
});

describe('list links', () => {
  it('keep the search and sort, and leave defaults out', () => {
    expect(listHref('/list', { q: 'é x', sort: 'name', dir: 'desc', page: 3 })).toBe('/list?q=%C3%A9+x&sort=name&dir=desc&page=3');
    expect(listHref('/list', { q: '', page: 1 })).toBe('/list');
  });

  it('carry the parameters the page asks to keep', () => {
    expect(listHref('/list', { page: 2 }, { enterprise: '0845059050' })).toBe('/list?enterprise=0845059050&page=2');
  });
});

describe('searching', () => {
  it('ignores case and accents', () => {
    expect(searchable('Élections Sociales')).toBe('elections sociales');
    expect(searchable('Naïma')).toContain(searchable('naima'));
  });
});
