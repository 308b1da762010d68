import type { ComponentChildren } from 'preact';
import { fieldId } from '../form-data';
import { usePage } from '../page-context';
import { listHref, pageWindow, type ListQuery, type Pagination } from '../pagination';

/** One column of a DataTable. */
export interface Column<Row> {
  /** The sort key sent as `sort=` when `sortable`; must be one of the page's sortKeys. */
  key: string;
  label: string;
  render: (row: Row) => ComponentChildren;
  sortable?: boolean;
  /** This column names the row (a row header for screen readers). */
  rowHeader?: boolean;
  numeric?: boolean;
}

export interface DataTableProps<Row> {
  /** Anchors the table: page links come back to `#id`. */
  id: string;
  caption: string;
  columns: Column<Row>[];
  /** The rows of the current page only. */
  rows: Row[];
  query: ListQuery;
  pagination: Pagination;
  /** The path the search form and links go to, usually the page's own. */
  path: string;
  /** Other query parameters the page needs carried through search, sort and paging. */
  keep?: Record<string, string>;
  /** The search field's label; without it the table has no search. */
  searchLabel?: string;
  /** What to say when the list is empty without a search. */
  emptyText?: string;
}

/**
 * A paginated, searchable, sortable table that works with links and a GET
 * form only: every state is a URL (see pagination.ts).
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { t } = usePage();
  const { query, pagination } = props;
  const total = pagination.total;
  const count = total === 0 ? t('table.results.none') : total === 1 ? t('table.results.one') : t('table.results.many', { count: total });
  return (
    <div class="data-table" id={props.id}>
      {props.searchLabel && <SearchForm {...props} label={props.searchLabel} />}
      <p class="data-table__count" role="status">{count}</p>
      {props.rows.length === 0 ? (
        <p class="data-table__empty">{query.q ? t('table.empty_search', { q: query.q }) : (props.emptyText ?? t('table.empty'))}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby={`${props.id}-caption`} tabindex={0}>
          <table class="table">
            <caption id={`${props.id}-caption`}>{props.caption}</caption>
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <HeaderCell column={column} {...props} />
                ))}
              </tr>
            </thead>
            <tbody>
              {props.rows.map((row) => (
                <tr>
                  {props.columns.map((column) => {
                    const cls = column.numeric ? 'table__cell--numeric' : undefined;
                    return column.rowHeader ? (
                      <th scope="row" class={cls}>{column.render(row)}</th>
                    ) : (
                      <td class={cls}>{column.render(row)}</td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager {...props} />
    </div>
  );
}

function SearchForm<Row>(props: DataTableProps<Row> & { label: string }) {
  const { t } = usePage();
  const id = fieldId(`${props.id}-q`);
  return (
    <form method="get" action={`${props.path}#${props.id}`} role="search" class="table-search">
      {Object.entries(props.keep ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.query.sort && <input type="hidden" name="sort" value={props.query.sort} />}
      {props.query.sort && <input type="hidden" name="dir" value={props.query.dir} />}
      <label class="field__label" for={id}>{props.label}</label>
      <div class="table-search__row">
        <input class="input input--medium" type="search" id={id} name="q" value={props.query.q} maxlength={100} />
        <button type="submit" class="button button--secondary">{t('common.search')}</button>
        {props.query.q && (
          <a class="table-search__clear" href={`${listHref(props.path, { sort: props.query.sort, dir: props.query.dir }, props.keep)}#${props.id}`}>
            {t('table.search.clear')}
          </a>
        )}
      </div>
    </form>
  );
}

function HeaderCell<Row>(props: DataTableProps<Row> & { column: Column<Row> }) {
  const { column, query } = props;
  const cls = column.numeric ? 'table__cell--numeric' : undefined;
  if (!column.sortable) return <th scope="col" class={cls}>{column.label}</th>;
  const active = query.sort === column.key;
  // A click on the active column reverses it; on another, sorts it ascending from page 1.
  const dir = active && query.dir === 'asc' ? 'desc' : 'asc';
  const href = `${listHref(props.path, { q: query.q, sort: column.key, dir }, props.keep)}#${props.id}`;
  return (
    <th scope="col" class={cls} aria-sort={active ? (query.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <a class="sort-link" href={href}>
        {column.label}
        <span class="sort-link__icon" aria-hidden="true">{active ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
      </a>
    </th>
  );
}

function Pager<Row>(props: DataTableProps<Row>) {
  const { t } = usePage();
  const { page, pageCount } = props.pagination;
  if (pageCount <= 1) return null;
  const href = (p: number) =>
    `${listHref(props.path, { q: props.query.q, sort: props.query.sort, dir: props.query.dir, page: p }, props.keep)}#${props.id}`;
  return (
    <nav class="pager" aria-label={`${t('table.pagination')} · ${props.caption}`}>
      <ul class="pager__list">
        {page > 1 && (
          <li>
            <a class="pager__link" href={href(page - 1)} rel="prev">
              <span aria-hidden="true">‹ </span>
              {t('common.previous')}
            </a>
          </li>
        )}
        {pageWindow(page, pageCount).map((p) =>
          p === null ? (
            <li class="pager__gap" aria-hidden="true">…</li>
          ) : (
            <li>
              <a class="pager__link" href={href(p)} aria-current={p === page ? 'page' : undefined} aria-label={t('table.page', { page: p })}>
                {p}
              </a>
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <a class="pager__link" href={href(page + 1)} rel="next">
              {t('common.next')}
              <span aria-hidden="true"> ›</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** A filter of a list: a select whose first, empty option is "all" (`allLabel`), sent with the list's search form. */
export function FilterSelect(props: { name: string; label: string; allLabel: string; value: string | undefined; options: Array<[string, string]> }) {
  const id = `filter-${props.name}`;
  return (
    <div class="field field--inline">
      <label class="field__label" for={id}>{props.label}</label>
      <select class="input input--medium" id={id} name={props.name}>
        <option value="">{props.allLabel}</option>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === props.value}>
            {label}
          </option>
        ))}
      </select>
    </div>
  );
}
