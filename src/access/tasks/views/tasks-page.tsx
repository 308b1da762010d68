import { today } from '../../../organisations/model';
import { Banner } from '../../../platform/views/components/banner';
import { DataTable } from '../../../platform/views/components/table';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { ListQuery } from '../../../platform/views/pagination';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import { AccessNav } from '../../views/access-nav';
import type { TasksPage as TasksData, TaskRow } from '../service';

export interface TasksPageProps {
  /** The open requests, to select and review, or those already decided, to look back on. */
  state: 'pending' | 'decided';
  data: TasksData;
  query: ListQuery;
  /** A success message key after decisions, or a failure message. */
  done?: 'approved' | 'rejected' | 'finished';
  failure?: string;
  noneSelected?: boolean;
}

/** The person's name as the list shows it. */
export const personName = (r: Pick<TaskRow, 'givenName' | 'familyName'>) => `${r.givenName} ${r.familyName}`;

/**
 * "Mes tâches ouvertes": the pending requests the manager may decide, 10 a page, to select and review;
 * beside them, the requests already decided, with the decision, its date and who took it.
 */
export function TasksPage(props: TasksPageProps) {
  const { t, lang } = usePage();
  const { data } = props;
  const roleName = (r: TaskRow) => data.catalog.role(r.applicationId, r.roleCode)?.names[lang] ?? r.roleCode;
  const roleCell = (r: TaskRow) => t('access.tasks.role_cell', { kind: t(`access.request.${r.kind}`), role: roleName(r) });
  const pending = props.state === 'pending';
  return (
    <Layout title={t('access.tasks.title')}>
      <AccessNav current="tasks" />
      {props.done && (
        <Banner kind="success">
          <p>{t(`access.tasks.done.${props.done}`)}</p>
        </Banner>
      )}
      {props.failure && (
        <Banner kind="failure">
          <p>{props.failure}</p>
        </Banner>
      )}
      {props.noneSelected && (
        <Banner kind="failure">
          <p>{t('access.tasks.none_selected')}</p>
        </Banner>
      )}
      <h1>{t('access.tasks.title')}</h1>
      <nav aria-label={t('access.tasks.views')}>
        <ul class="link-list">
          <li>
            <a href="/access/tasks" aria-current={pending ? 'page' : undefined}>{t('access.tasks.overview', { count: data.total })}</a>
          </li>
          <li>
            <a href="/access/tasks/decided" aria-current={pending ? undefined : 'page'}>{t('access.tasks.decided.title')}</a>
          </li>
        </ul>
      </nav>
      <h2>{pending ? t('access.tasks.overview', { count: data.total }) : t('access.tasks.decided.title')}</h2>
      <p>{t(pending ? 'access.tasks.intro' : 'access.tasks.decided.intro')}</p>
      <DataTable
        id="tasks"
        caption={t(pending ? 'access.tasks.caption' : 'access.tasks.decided.caption')}
        path={pending ? '/access/tasks' : '/access/tasks/decided'}
        query={props.query}
        pagination={data.pagination}
        rows={data.rows}
        searchLabel={t('access.tasks.search')}
        emptyText={t(pending ? 'access.tasks.empty' : 'access.tasks.decided.empty')}
        columns={[
          ...(pending
            ? [
                {
                  key: 'select',
                  label: t('access.tasks.col.select'),
                  render: (r: TaskRow) => <input type="checkbox" name="ids" value={r.requestId} form="review-form" aria-label={t('access.tasks.select_one', { person: personName(r), role: roleCell(r) })} />,
                },
              ]
            : []),
          { key: 'user', label: t('access.tasks.col.user'), rowHeader: true, render: (r) => personName(r) },
          { key: 'role', label: t('access.tasks.col.role'), render: roleCell },
          { key: 'enterprise', label: t('access.tasks.col.enterprise'), render: (r) => `${data.enterprises.get(r.enterpriseNumber) ?? ''} (${formatEnterpriseNumber(r.enterpriseNumber)})${r.unitName ? ` – ${r.unitName}` : ''}` },
          { key: 'start', label: t('access.tasks.col.start'), render: (r) => formatDate(r.validFrom) },
          { key: 'end', label: t('access.tasks.col.end'), render: (r) => (r.validUntil ? formatDate(r.validUntil) : t('access.unlimited')) },
          { key: 'requested', label: t('access.tasks.col.requested'), render: (r) => formatDate(isoDay(r.requestedAt)) },
          ...(pending
            ? []
            : [
                {
                  key: 'decision',
                  label: t('access.tasks.col.decision'),
                  render: (r: TaskRow) =>
                    t('access.tasks.decided.cell', {
                      decision: t(`access.tasks.decided.${r.status === 'approved' ? 'approved' : 'rejected'}`),
                      date: r.decidedAt ? formatDate(isoDay(r.decidedAt)) : '',
                      by: r.deciderName ?? t('access.history.automatic'),
                    }),
                },
              ]),
        ]}
      />
      {pending && data.rows.length > 0 && (
        <form method="get" action="/access/tasks/review" id="review-form">
          <button type="submit" class="button">{t('access.tasks.review_button')}</button>
        </form>
      )}
    </Layout>
  );
}

/** The Belgian calendar day of a moment, yyyy-mm-dd. */
export const isoDay = (at: Date): string => today(at);
