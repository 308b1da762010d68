import { usePage } from '../../platform/views/page-context';
import { pageWindow, type Pagination } from '../../platform/views/pagination';

/** Page links for a list that is not a table (the portal's applications, the eBox). */
export function Pager(props: { pagination: Pagination; href: (page: number) => string; label: string }) {
  const { t } = usePage();
  const { page, pageCount } = props.pagination;
  if (pageCount <= 1) return null;
  return (
    <nav class="pager" aria-label={`${t('table.pagination')} · ${props.label}`}>
      <ul class="pager__list">
        {page > 1 && (
          <li>
            <a class="pager__link" href={props.href(page - 1)} rel="prev">
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
              <a class="pager__link" href={props.href(p)} aria-current={p === page ? 'page' : undefined} aria-label={t('table.page', { page: p })}>
                {p}
              </a>
            </li>
          ),
        )}
        {page < pageCount && (
          <li>
            <a class="pager__link" href={props.href(page + 1)} rel="next">
              {t('common.next')}
              <span aria-hidden="true"> ›</span>
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
