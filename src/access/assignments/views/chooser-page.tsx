import type { ManagedEnterprise } from '../../../organisations/members/chooser';
import { DataTable } from '../../../platform/views/components/table';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { ListQuery, Pagination } from '../../../platform/views/pagination';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import { AccessNav } from '../../views/access-nav';

/** "Gérer les attributions de rôles - Aperçu", step 1: the enterprise whose assignments to see, searchable, 10 per page. */
export function ManageChooserPage(props: { rows: ManagedEnterprise[]; query: ListQuery; pagination: Pagination }) {
  const { t } = usePage();
  const capacity = (c: ManagedEnterprise['capacities'][number]) => (c === 'legal_representative' ? '' : t(`organisations.kind.${c}`));
  return (
    <Layout title={t('access.assignments.title')}>
      <AccessNav current="manage" />
      <h1>{t('access.assignments.title')}</h1>
      <p>{t('access.assignments.intro')}</p>
      <DataTable
        id="enterprises"
        caption={t('access.assignments.chooser.caption')}
        path="/access/manage"
        query={props.query}
        pagination={props.pagination}
        rows={props.rows}
        searchLabel={t('access.assignments.chooser.search')}
        emptyText={t('access.assignments.chooser.empty')}
        columns={[
          {
            key: 'name',
            label: t('access.assignments.chooser.enterprise'),
            rowHeader: true,
            render: (e) => <a href={`/access/enterprises/${e.number}/assignments`}>{e.name ?? formatEnterpriseNumber(e.number)}</a>,
          },
          { key: 'number', label: t('access.assignments.chooser.number'), render: (e) => formatEnterpriseNumber(e.number) },
          { key: 'capacities', label: t('access.assignments.chooser.capacities'), render: (e) => e.capacities.map(capacity).filter(Boolean).join(', ') },
        ]}
      />
    </Layout>
  );
}
