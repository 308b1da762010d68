import type { Application } from '../../../access/catalog/model';
import { Banner } from '../../../platform/views/components/banner';
import { ButtonLink } from '../../../platform/views/components/form';
import { DataTable, FilterSelect } from '../../../platform/views/components/table';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { listHref, type ListQuery, type Pagination } from '../../../platform/views/pagination';
import { formatNrn } from '../../../registries/identifiers';
import type { PersonRow } from '../list';
import type { ListFilters } from '../model';
import type { EnterpriseScope } from '../service';
import { EnterpriseBar } from './enterprise-bar';

export interface PersonsPageProps {
  scope: EnterpriseScope;
  rows: PersonRow[];
  query: ListQuery;
  pagination: Pagination;
  filters: ListFilters;
  /** The catalog's applications, to list the persons holding a role of one. */
  applications: readonly Application[];
  done?: string;
}

/** The filters as query parameters, for links that keep them. */
export function filterParams(filters: ListFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** "Personnes": who belongs to the enterprise, with search, filters, sort, 10 per page, comparison and CSV export. */
export function PersonsPage(props: PersonsPageProps) {
  const { t, lang } = usePage();
  const { enterprise } = props.scope;
  const base = `/organisations/${enterprise.number}/persons`;
  const keep = filterParams(props.filters);
  const exportHref = listHref(`/organisations/${enterprise.number}/persons.csv`, { q: props.query.q, sort: props.query.sort, dir: props.query.dir }, keep);
  const units = props.scope.units.filter((u) => props.scope.all || props.scope.unitIds.has(u.id));
  return (
    <Layout title={`${t('members.persons.title')} – ${enterprise.name ?? ''}`}>
      <EnterpriseBar enterprise={enterprise} current="persons" sections={props.scope.sections} />
      {props.done && (
        <Banner kind="success">
          <p>{t(`members.done.${props.done === 'ended' || props.done === 'ended_many' ? props.done : 'added'}`)}</p>
        </Banner>
      )}
      <h1>{t('members.persons.title')}</h1>
      <div class="wizard__actions">
        <ButtonLink variant="primary" href={`${base}/new`}>{t('members.persons.add')}</ButtonLink>
        <a class="button button--secondary" href={exportHref} download>
          {t('members.persons.export')}
        </a>
      </div>
      <form method="get" action={base} class="filters" aria-label={t('members.filters.title')}>
        {props.query.q && <input type="hidden" name="q" value={props.query.q} />}
        {props.query.sort && <input type="hidden" name="sort" value={props.query.sort} />}
        {props.query.sort && <input type="hidden" name="dir" value={props.query.dir} />}
        <fieldset class="filters__row">
          <legend>{t('members.filters.title')}</legend>
          <FilterSelect allLabel={t('members.filters.all')} name="type" label={t('members.filters.type')} value={props.filters.type} options={[['manager', t('members.type.manager')], ['user', t('members.type.user')]]} />
          <FilterSelect allLabel={t('members.filters.all')} name="status" label={t('members.filters.status')} value={props.filters.status} options={[['active', t('members.status.active')], ['ended', t('members.status.ended')]]} />
          <FilterSelect
            allLabel={t('members.filters.all')}
            name="unit"
            label={t('members.filters.unit')}
            value={props.filters.unit}
            options={[...(props.scope.all ? [['none', t('members.unit.whole')] as [string, string]] : []), ...units.map((u) => [u.id, u.name] as [string, string])]}
          />
          <FilterSelect allLabel={t('members.filters.all')} name="application" label={t('members.filters.application')} value={props.filters.application} options={props.applications.map((a) => [a.id, a.names[lang]] as [string, string])} />
          <button type="submit" class="button button--secondary">{t('members.filters.apply')}</button>
        </fieldset>
      </form>
      <DataTable
        id="persons"
        caption={t('members.persons.caption')}
        path={base}
        keep={keep}
        query={props.query}
        pagination={props.pagination}
        rows={props.rows}
        searchLabel={t('members.persons.search')}
        emptyText={t('members.persons.empty')}
        columns={[
          {
            key: 'select',
            label: t('members.compare.select'),
            render: (r) => (
              <input type="checkbox" name="p" value={r.personId} form="compare-form" aria-label={t('members.compare.select_one', { name: `${r.givenName} ${r.familyName}` })} />
            ),
          },
          { key: 'name', label: t('organisations.person.name'), sortable: true, rowHeader: true, render: (r) => <a href={`${base}/${r.personId}`}>{`${r.familyName} ${r.givenName}`}</a> },
          { key: 'nrn', label: t('organisations.person.nrn'), sortable: true, render: (r) => formatNrn(r.nrn) },
          { key: 'type', label: t('members.filters.type'), sortable: true, render: (r) => t(`members.type.${r.type}`) },
          { key: 'status', label: t('members.filters.status'), sortable: true, render: (r) => t(`members.status.${r.status}`) },
          { key: 'units', label: t('members.filters.unit'), render: (r) => unitsText(r, t('members.unit.whole')) },
          { key: 'start', label: t('members.persons.since'), sortable: true, render: (r) => (r.since ? formatDate(r.since) : '—') },
        ]}
      />
      {props.rows.length > 0 && (
        <form method="get" action={`${base}/compare`} id="compare-form">
          <button type="submit" class="button button--secondary">{t('members.compare.button')}</button>
          <button type="submit" class="button button--secondary" formaction={`${base}/end`}>
            {t('members.end_many.button')}
          </button>
        </form>
      )}
    </Layout>
  );
}

export function unitsText(r: PersonRow, whole: string): string {
  const names = [...new Set(r.memberships.filter((m) => m.status !== 'ended').map((m) => m.unitName ?? whole))];
  return names.join(', ') || '—';
}

