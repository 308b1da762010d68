import { ButtonLink } from '../../../platform/views/components/form';
import { DataTable } from '../../../platform/views/components/table';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { ListQuery, Pagination } from '../../../platform/views/pagination';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import { EnterpriseSummary } from '../../views/enterprise-summary';
import type { EnterpriseHome, ManagedEnterprise } from '../chooser';
import { EnterpriseBar, type Section } from './enterprise-bar';

/** "Entreprises": the enterprises the person may work for, searchable, 10 per page. */
export function ChooserPage(props: { rows: ManagedEnterprise[]; query: ListQuery; pagination: Pagination }) {
  const { t } = usePage();
  const capacity = (c: ManagedEnterprise['capacities'][number]) => (c === 'legal_representative' ? t('members.chooser.legal_representative') : t(`organisations.kind.${c}`));
  return (
    <Layout title={t('members.chooser.title')}>
      <h1>{t('members.chooser.title')}</h1>
      <p>{t('members.chooser.intro')}</p>
      <DataTable
        id="enterprises"
        caption={t('members.chooser.caption')}
        path="/organisations"
        query={props.query}
        pagination={props.pagination}
        rows={props.rows}
        searchLabel={t('members.chooser.search')}
        emptyText={t('members.chooser.empty')}
        columns={[
          { key: 'name', label: t('organisations.enterprise.name'), rowHeader: true, render: (e) => <a href={`/organisations/${e.number}`}>{e.name ?? formatEnterpriseNumber(e.number)}</a> },
          { key: 'number', label: t('organisations.enterprise.number'), render: (e) => formatEnterpriseNumber(e.number) },
          { key: 'capacities', label: t('members.chooser.capacities'), render: (e) => e.capacities.map(capacity).join(', ') },
        ]}
      />
    </Layout>
  );
}

/** The management home of one enterprise: where to go from here. */
export function HomePage(props: { home: EnterpriseHome }) {
  const { t } = usePage();
  const { enterprise } = props.home;
  const base = `/organisations/${enterprise.number}`;
  const sections: Section[] = props.home.mayManageUsers ? ['home', 'managers', 'units', 'persons'] : props.home.registered ? ['home', 'managers', 'units'] : ['home'];
  return (
    <Layout title={enterprise.name ?? formatEnterpriseNumber(enterprise.number)}>
      <EnterpriseBar enterprise={enterprise} current="home" sections={sections} />
      <h1>{enterprise.name ?? formatEnterpriseNumber(enterprise.number)}</h1>
      <EnterpriseSummary enterprise={enterprise} />
      {!props.home.registered && <p>{t('members.home.not_registered')}</p>}
      <ul class="link-list">
        {props.home.mayViewManagers && (
          <li>
            <a href={`${base}/managers`}>{t('members.section.managers')}</a> — {t('members.home.managers')}
          </li>
        )}
        {props.home.registered && (
          <li>
            <a href={`${base}/units`}>{t('members.section.units')}</a> — {t('members.home.units')}
          </li>
        )}
        {props.home.mayManageUsers && (
          <li>
            <a href={`${base}/persons`}>{t('members.section.persons')}</a> — {t('members.home.persons')}
          </li>
        )}
        {props.home.registered && (
          <li>
            <a href="/access">{t('access.title')}</a> — {t('members.home.roles')}
          </li>
        )}
      </ul>
      {props.home.mayRegister && <ButtonLink href="/organisations/register">{t(props.home.registered ? 'organisations.done.another_principal' : 'organisations.register.title')}</ButtonLink>}
    </Layout>
  );
}
