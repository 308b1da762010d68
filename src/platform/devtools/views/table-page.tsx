import { DataTable, type Column } from '../../views/components/table';
import { formatDate } from '../../views/format';
import { usePage } from '../../views/page-context';
import type { ListQuery, Pagination } from '../../views/pagination';
import type { Employee } from '../fixtures';
import { DemoPage } from './gallery';

/** Thirty-five fictitious employees, ten per page, searchable and sortable. */
export function TablePage(props: { rows: Employee[]; query: ListQuery; pagination: Pagination }) {
  const { t } = usePage();
  const columns: Column<Employee>[] = [
    { key: 'lastName', label: t('dev.table.last_name'), sortable: true, rowHeader: true, render: (e) => e.lastName },
    { key: 'firstName', label: t('dev.table.first_name'), sortable: true, render: (e) => e.firstName },
    { key: 'email', label: t('dev.table.email'), render: (e) => e.email },
    { key: 'role', label: t('dev.table.role'), sortable: true, render: (e) => e.role },
    { key: 'start', label: t('dev.table.start'), sortable: true, render: (e) => formatDate(e.start) },
  ];
  return (
    <DemoPage title={t('dev.table.title')}>
      <DataTable
        id="employees"
        caption={t('dev.table.caption')}
        columns={columns}
        rows={props.rows}
        query={props.query}
        pagination={props.pagination}
        path="/dev/components/table"
        searchLabel={t('dev.table.search')}
      />
    </DemoPage>
  );
}
