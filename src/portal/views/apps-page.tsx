import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { fieldId } from '../../platform/views/form-data';
import type { AppsPage as AppsData, AppsQuery } from '../service';
import { Pager } from './pager';

/** The URL of a state of the list. */
export function appsHref(query: Partial<AppsQuery>): string {
  const params = new URLSearchParams();
  if (query.all) params.set('all', '1');
  if (query.q) params.set('q', query.q);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const search = params.toString();
  return search ? `/apps?${search}` : '/apps';
}

/** "Demande d'accès…", "Gérer les demandes…", "Gérer les droits…": role management's pages, for managers. */
function ManagerLinks() {
  const { t } = usePage();
  return (
    <nav class="portal-managers" aria-label={t('portal.managers.label')}>
      <ul>
        <li><a href="/access/request">{t('portal.managers.request')}</a></li>
        <li><a href="/access/tasks">{t('portal.managers.tasks')}</a></li>
        <li><a href="/access/manage">{t('portal.managers.manage')}</a></li>
      </ul>
    </nav>
  );
}

function AppCard(props: { item: AppsData['items'][number] }) {
  const { t, lang } = usePage();
  const { application: app, state, stepUp } = props.item;
  const name = app.names[lang];
  const noteId = `app-${app.id}-level`;
  return (
    <li class="app-card">
      <div class="app-card__head">
        <h2 class="app-card__name">{name}</h2>
        <p class="app-card__category">
          <span class="visually-hidden">{t('portal.apps.category')} </span>
          {app.categories[lang]}
        </p>
      </div>
      <p class="app-card__description">{app.descriptions[lang]}</p>
      <div class="app-card__actions">
        {state === 'usable' && app.url && (
          <a class="button" href={app.url} aria-describedby={stepUp ? noteId : undefined}>
            {t('portal.apps.open')}
            <span class="visually-hidden">{` · ${name}`}</span>
          </a>
        )}
        {state === 'pending' && <p class="app-card__status">{t('portal.apps.pending')}</p>}
        {state === 'requestable' && (
          <a class="button button--secondary" href={`/apps/${encodeURIComponent(app.id)}/request`}>
            {t('portal.apps.request')}
            <span class="visually-hidden">{` · ${name}`}</span>
          </a>
        )}
        <a class="app-card__report" href={`/apps/${encodeURIComponent(app.id)}/report`}>
          <span aria-hidden="true">⚠ </span>
          {t('portal.apps.report')}
          <span class="visually-hidden">{` · ${name}`}</span>
        </a>
      </div>
      {state === 'usable' && app.url && stepUp && (
        <p class="app-card__note" id={noteId}>
          {t('portal.apps.step_up', { level: t(`authn.level.${app.minLoa}`) })}
        </p>
      )}
    </li>
  );
}

/** "Applications" (seed 000, Plasma): the person's applications, or all of them, with a search. */
export function AppsPage(props: { data: AppsData; query: AppsQuery }) {
  const { t } = usePage();
  const { data, query } = props;
  const total = data.pagination.total;
  const searchId = fieldId('q');
  const allId = fieldId('all');
  return (
    <Layout title={t('portal.apps.title')}>
      {data.manager && <ManagerLinks />}
      <h1>{t('portal.apps.title')}</h1>
      <p class="lead">{t('portal.apps.intro')}</p>
      <p>{t('portal.apps.not_found')}</p>
      <p>{t('portal.apps.problem')}</p>
      <form method="get" action="/apps" role="search" class="portal-search">
        <div class="field">
          <label class="field__label" for={searchId}>{t('portal.apps.search')}</label>
          <input class="input input--medium" type="search" id={searchId} name="q" value={query.q} maxlength={100} />
        </div>
        <div class="choice">
          <input class="choice__input" type="checkbox" id={allId} name="all" value="1" checked={query.all} />
          <label class="choice__label" for={allId}>{t('portal.apps.show_all', { count: data.all })}</label>
        </div>
        <button type="submit" class="button button--secondary">{t('common.search')}</button>
      </form>
      <p class="portal-count" role="status">
        {query.all ? t('portal.apps.count_all', { count: total }) : t('portal.apps.count_mine', { count: total })}
        {' '}
        {query.all ? <a href={appsHref({ q: query.q })}>{t('portal.apps.show_mine', { count: data.mine })}</a> : <a href={appsHref({ all: true, q: query.q })}>{t('portal.apps.show_all', { count: data.all })}</a>}
      </p>
      {data.items.length === 0 ? (
        <p>{query.q ? t('portal.apps.empty_search', { q: query.q }) : t('portal.apps.empty')}</p>
      ) : (
        <ul class="apps">
          {data.items.map((item) => (
            <AppCard item={item} />
          ))}
        </ul>
      )}
      <Pager pagination={data.pagination} href={(page) => appsHref({ ...query, page })} label={t('portal.apps.title')} />
      <p>
        <a href="/ebox">{t('portal.apps.ebox')}</a>
      </p>
    </Layout>
  );
}
