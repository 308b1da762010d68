import type { ComponentChildren } from 'preact';
import { DataTable, FilterSelect } from '../../../platform/views/components/table';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { listHref, type ListQuery } from '../../../platform/views/pagination';
import { RoleLabel } from '../../catalog/views/role-label';
import { ASSIGNMENT_STATUSES } from '../../model';
import { AccessNav } from '../../views/access-nav';
import { enterpriseLabel, type DetailedOverview, type Overview, type OverviewQuery, type OverviewRow, type RoleCount } from '../service';

export type OverviewView = 'simple' | 'detailed';

/** The filters (status, application, role) as query parameters, for links and forms that keep them. */
export function filterParams(query: Pick<OverviewQuery, 'status' | 'applicationId' | 'roleCode'>): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.status) params.status = query.status;
  if (query.applicationId) params.application = query.applicationId;
  if (query.roleCode) params.role = query.roleCode;
  return params;
}

function OverviewFrame(props: { overview: Overview; view: OverviewView; query: OverviewQuery; children: ComponentChildren }) {
  const { t } = usePage();
  const { enterprise } = props.overview;
  const base = `/access/enterprises/${enterprise.number}/assignments`;
  const keep = filterParams(props.query);
  return (
    <Layout title={`${t('access.assignments.title')} – ${enterprise.name ?? enterprise.number}`}>
      <AccessNav current="manage" />
      <h1>{t('access.assignments.title')}</h1>
      <nav class="section-nav" aria-label={t('access.assignments.views')}>
        <ul>
          <li>
            <a href={listHref(base, {}, { ...keep, view: 'simple' })} aria-current={props.view === 'simple' ? 'page' : undefined}>
              {t('access.assignments.view.simple')}
            </a>
          </li>
          <li>
            <a href={listHref(base, {}, keep)} aria-current={props.view === 'detailed' ? 'page' : undefined}>
              {t('access.assignments.view.detailed')}
            </a>
          </li>
        </ul>
      </nav>
      <p>{t('access.assignments.intro')}</p>
      <h2>{t('access.assignments.enterprise', { enterprise: enterpriseLabel(enterprise) })}</h2>
      <p>
        <a href="/access/manage">{t('access.assignments.change_enterprise')}</a>
      </p>
      <Filters {...props} base={base} />
      {props.children}
      <h2>{t('access.assignments.actions.title')}</h2>
      <ul>
        <li>
          <a href={`/access/assign?enterprise=${enterprise.number}`}>{t('access.assignments.actions.assign')}</a>
        </li>
        <li>
          <a href={`/access/enterprises/${enterprise.number}/administrators`}>{t('access.assignments.actions.administrators')}</a>
        </li>
        <li>
          <a href={`/access/enterprises/${enterprise.number}/capacities`}>{t('access.assignments.actions.capacities')}</a>
        </li>
      </ul>
      <p>{t('access.assignments.export.text')}</p>
      <p>
        <a class="button button--secondary" href={`${base}.csv`} download>
          {t('access.assignments.export.button')}
        </a>
      </p>
    </Layout>
  );
}

function Filters(props: { overview: Overview; view: OverviewView; query: OverviewQuery; base: string }) {
  const { t, lang } = usePage();
  const { query } = props;
  return (
    <form method="get" action={props.base} class="filters" aria-label={t('access.assignments.filters.title')}>
      {props.view === 'simple' && <input type="hidden" name="view" value="simple" />}
      {query.q && <input type="hidden" name="q" value={query.q} />}
      {query.sort && query.sort !== 'created' && <input type="hidden" name="sort" value={query.sort} />}
      {query.sort && query.sort !== 'created' && <input type="hidden" name="dir" value={query.dir} />}
      {query.roleCode && <input type="hidden" name="role" value={query.roleCode} />}
      <fieldset class="filters__row">
        <legend>{t('access.assignments.filters.title')}</legend>
        <FilterSelect allLabel={t('access.assignments.filters.all')} name="status" label={t('access.assignments.col.status')} value={query.status} options={ASSIGNMENT_STATUSES.map((s) => [s, t(`access.status.${s}`)])} />
        <FilterSelect allLabel={t('access.assignments.filters.all')} name="application" label={t('access.assignments.col.application')} value={query.applicationId} options={props.overview.applications.map((a) => [a.id, a.names[lang]])} />
        <button type="submit" class="button button--secondary">{t('access.assignments.filters.apply')}</button>
      </fieldset>
    </form>
  );
}

/** The role of a row: its name with the long description on hover and focus, and the application below. */
function RoleCell(props: { overview: Overview; applicationId: string; roleCode: string; idPrefix: string }) {
  const { lang } = usePage();
  const role = props.overview.catalog.role(props.applicationId, props.roleCode);
  const application = props.overview.catalog.application(props.applicationId);
  return (
    <>
      {role ? <RoleLabel role={role} idPrefix={props.idPrefix} /> : props.roleCode}
      <br />
      <small>{application?.names[lang] ?? props.applicationId}</small>
    </>
  );
}

/** "Aperçu détaillé": one row per assignment, with search, filters, sort, 10 per page, and a selection to stop. */
export function DetailedOverviewPage(props: { overview: DetailedOverview; query: OverviewQuery }) {
  const { t, lang } = usePage();
  const { overview, query } = props;
  const number = overview.enterprise.number;
  const base = `/access/enterprises/${number}/assignments`;
  const keep = filterParams(query);
  const tableQuery: ListQuery = { ...query, sort: query.sort === 'created' ? undefined : query.sort, page: overview.pagination.page };
  return (
    <OverviewFrame overview={overview} view="detailed" query={query}>
      <DataTable<OverviewRow>
        id="assignments"
        caption={t('access.assignments.caption')}
        path={base}
        keep={keep}
        query={tableQuery}
        pagination={overview.pagination}
        rows={overview.rows}
        searchLabel={t('access.assignments.search')}
        emptyText={t('access.assignments.empty')}
        columns={[
          {
            key: 'select',
            label: t('access.assignments.bulk.select'),
            render: (r) => (
              <input
                type="checkbox"
                name="a"
                value={r.id}
                form="bulk-form"
                aria-label={t('access.assignments.bulk.select_one', { person: `${r.givenName} ${r.familyName}`, role: overview.catalog.role(r.applicationId, r.roleCode)?.names[lang] ?? r.roleCode })}
              />
            ),
          },
          { key: 'role', label: t('access.assignments.col.role'), sortable: true, render: (r) => <RoleCell overview={overview} applicationId={r.applicationId} roleCode={r.roleCode} idPrefix={`r${r.id}`} /> },
          {
            key: 'person',
            label: t('access.assignments.col.person'),
            sortable: true,
            rowHeader: true,
            render: (r) => (
              <>
                {`${r.givenName} ${r.familyName}`}
                {r.email && (
                  <>
                    <br />
                    <small>{r.email}</small>
                  </>
                )}
              </>
            ),
          },
          { key: 'start', label: t('access.assignments.col.start'), sortable: true, render: (r) => formatDate(r.validFrom) },
          { key: 'end', label: t('access.assignments.col.end'), sortable: true, render: (r) => (r.validUntil ? formatDate(r.validUntil) : t('access.unlimited')) },
          {
            key: 'status',
            label: t('access.assignments.col.status'),
            sortable: true,
            render: (r) => (
              <>
                {t(`access.status.${r.status}`)}
                {r.pending && (
                  <>
                    <br />
                    <small>{t('access.assignments.pending_short', { kind: t(`access.request.${r.pending}`) })}</small>
                  </>
                )}
              </>
            ),
          },
          { key: 'properties', label: t('access.assignments.col.properties'), render: (r) => (r.unitName ? (r.unitNumber ? `${r.unitName} (${r.unitNumber})` : r.unitName) : '-') },
          {
            key: 'details',
            label: t('access.assignments.col.details'),
            render: (r) => (
              <a href={`/access/assignments/${r.id}`} aria-label={t('access.assignments.details_of', { person: `${r.givenName} ${r.familyName}` })}>
                {t('access.assignments.col.details')}
              </a>
            ),
          },
        ]}
      />
      {overview.rows.length > 0 && (
        <form method="get" action={`${base}/stop`} id="bulk-form">
          <button type="submit" class="button button--secondary">{t('access.assignments.bulk.button')}</button>
        </form>
      )}
    </OverviewFrame>
  );
}

/** "Aperçu simplifié": who has what, as the number of assignments of each role by status, each leading to its detailed list. */
export function SimplifiedOverviewPage(props: { overview: Overview & { roles: RoleCount[] }; query: OverviewQuery }) {
  const { t, lang } = usePage();
  const { overview } = props;
  const base = `/access/enterprises/${overview.enterprise.number}/assignments`;
  return (
    <OverviewFrame overview={overview} view="simple" query={props.query}>
      {overview.roles.length === 0 ? (
        <p class="data-table__empty">{t('access.assignments.empty')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="roles-caption" tabindex={0}>
          <table class="table">
            <caption id="roles-caption">{t('access.assignments.simple.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.assignments.col.role')}</th>
                <th scope="col">{t('access.assignments.col.application')}</th>
                <th scope="col">{t('access.assignments.simple.by_status')}</th>
                <th scope="col" class="table__cell--numeric">{t('access.assignments.simple.total')}</th>
                <th scope="col">{t('access.assignments.col.details')}</th>
              </tr>
            </thead>
            <tbody>
              {overview.roles.map((r) => {
                const name = r.role?.names[lang] ?? r.roleCode;
                return (
                  <tr>
                    <th scope="row">{r.role ? <RoleLabel role={r.role} idPrefix="simple" /> : r.roleCode}</th>
                    <td>{r.application?.names[lang] ?? r.applicationId}</td>
                    <td>{r.byStatus.map((s) => `${t(`access.status.${s.status}`)} : ${s.count}`).join(' · ')}</td>
                    <td class="table__cell--numeric">{r.total}</td>
                    <td>
                      <a href={listHref(base, {}, { ...filterParams({ status: props.query.status }), application: r.applicationId, role: r.roleCode })} aria-label={t('access.assignments.simple.show_role', { role: name })}>
                        {t('access.assignments.simple.show')}
                      </a>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </OverviewFrame>
  );
}
