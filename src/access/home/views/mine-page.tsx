import { Banner } from '../../../platform/views/components/banner';
import { ButtonLink, Form } from '../../../platform/views/components/form';
import { DataTable } from '../../../platform/views/components/table';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { ListQuery } from '../../../platform/views/pagination';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import { AccessNav } from '../../views/access-nav';
import type { MinePage as MineData, MyAssignmentDetails } from '../service';
import { HistoryTimeline } from '../../assignments/views/history-timeline';

/** "attributions de rôles actuelles | Toutes les attributions de rôles". */
function MineTabs(props: { all: boolean }) {
  const { t } = usePage();
  return (
    <nav aria-label={t('access.home.mine.tabs')}>
      <ul class="link-list">
        <li>
          <a href="/access/mine" aria-current={props.all ? undefined : 'page'}>{t('access.home.mine.tab.current')}</a>
        </li>
        <li>
          <a href="/access/mine?all=1" aria-current={props.all ? 'page' : undefined}>{t('access.home.mine.tab.all')}</a>
        </li>
      </ul>
    </nav>
  );
}

/** "Mes attributions de rôles": the person's own rights, current ones or all, with their details. */
export function MinePage(props: { data: MineData; all: boolean; query: ListQuery }) {
  const { t, lang } = usePage();
  const { data } = props;
  const roleName = (r: MineData['rows'][number]) => data.catalog.role(r.applicationId, r.roleCode)?.names[lang] ?? r.roleCode;
  return (
    <Layout title={t('access.home.mine.title')}>
      <AccessNav current="mine" />
      <h1>{t('access.home.mine.title')}</h1>
      <MineTabs all={props.all} />
      <p>{t(props.all ? 'access.home.mine.intro.all' : 'access.home.mine.intro.current')}</p>
      <DataTable
        id="mine"
        caption={t(props.all ? 'access.home.mine.tab.all' : 'access.home.mine.tab.current')}
        path="/access/mine"
        keep={props.all ? { all: '1' } : {}}
        query={props.query}
        pagination={data.pagination}
        rows={data.rows}
        emptyText={t('access.home.mine.empty')}
        columns={[
          { key: 'role', label: t('access.home.mine.col.role'), rowHeader: true, render: (r) => `${roleName(r)} – ${data.catalog.application(r.applicationId)?.names[lang] ?? r.applicationId}` },
          { key: 'enterprise', label: t('access.home.mine.col.enterprise'), render: (r) => `${data.enterprises.get(r.enterpriseNumber) ?? ''} (${formatEnterpriseNumber(r.enterpriseNumber)})` },
          { key: 'unit', label: t('access.home.mine.col.unit'), render: (r) => r.unitName ?? '—' },
          { key: 'start', label: t('access.home.mine.col.start'), render: (r) => formatDate(r.validFrom) },
          { key: 'end', label: t('access.home.mine.col.end'), render: (r) => (r.validUntil ? formatDate(r.validUntil) : t('access.unlimited')) },
          { key: 'status', label: t('access.home.mine.col.status'), render: (r) => t(`access.status.${r.status}`) },
          {
            key: 'details',
            label: t('access.home.mine.col.details'),
            render: (r) => (
              <a href={`/access/mine/${r.id}`} aria-label={t('access.home.mine.details_of', { role: roleName(r) })}>
                {t('access.home.mine.col.details')}
              </a>
            ),
          },
        ]}
      />
      <h2>{t('access.home.mine.actions')}</h2>
      <p>{t('access.home.mine.actions_text')}</p>
      <ButtonLink variant="primary" href="/access/request">{t('access.home.request.title')}</ButtonLink>
    </Layout>
  );
}

export type MineDone = 'requested' | 'granted' | 'scheduled' | 'stopped';

function DetailsList(props: { details: MyAssignmentDetails }) {
  const { t, lang } = usePage();
  const { assignment: a, catalog } = props.details;
  const role = catalog.role(a.applicationId, a.roleCode);
  const rows: Array<[string, string]> = [
    [t('access.home.details.role'), role?.names[lang] ?? a.roleCode],
    [t('access.home.details.short'), role?.shortDescriptions[lang] ?? '—'],
    [t('access.home.details.long'), role?.longDescriptions[lang] ?? '—'],
    [t('access.home.details.application'), catalog.application(a.applicationId)?.names[lang] ?? a.applicationId],
    [t('access.home.details.enterprise'), `${props.details.enterpriseName} (${formatEnterpriseNumber(a.enterpriseNumber)})`],
    [t('access.home.details.unit'), props.details.unitName ?? '—'],
    [t('access.home.details.start'), formatDate(a.validFrom)],
    [t('access.home.details.end'), a.validUntil ? formatDate(a.validUntil) : t('access.unlimited')],
    [t('access.home.details.status'), t(`access.status.${a.status}`)],
    [t('access.home.details.email'), a.contactEmail ?? '—'],
    [t('access.home.details.properties'), t('common.none')],
  ];
  return (
    <dl class="summary-list">
      {rows.map(([term, value]) => (
        <div class="summary-list__row">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The details of one's own assignment, its history, and "Arrêter" while it is live. */
export function MineDetailsPage(props: { details: MyAssignmentDetails; done?: MineDone }) {
  const { t } = usePage();
  const { details } = props;
  return (
    <Layout title={t('access.home.details.title')}>
      <AccessNav current="mine" />
      {props.done && (
        <Banner kind="success">
          <p>{t(`access.home.details.done.${props.done}`)}</p>
        </Banner>
      )}
      <h1>{t('access.home.details.title')}</h1>
      <p>
        {t('access.home.details.intro')} <a href="/access/mine">{t('access.home.details.back')}</a>
      </p>
      <h2>{t('access.home.details.heading')}</h2>
      <DetailsList details={details} />
      {details.pending && <p>{t('access.home.details.pending', { kind: t(`access.request.${details.pending.kind}`) })}</p>}
      <h2>{t('access.home.mine.actions')}</h2>
      {details.mayStop ? (
        <ButtonLink variant="secondary" href={`/access/mine/${details.assignment.id}/stop`}>{t('access.request.stop')}</ButtonLink>
      ) : (
        <p>{t('access.home.details.no_action')}</p>
      )}
      <HistoryTimeline entries={details.history} />
    </Layout>
  );
}

/** "Arrêter": the confirmation step before a person gives up their own right. */
export function StopPage(props: { details: MyAssignmentDetails; failure?: string }) {
  const { t, lang } = usePage();
  const { details } = props;
  const a = details.assignment;
  const role = details.catalog.role(a.applicationId, a.roleCode)?.names[lang] ?? a.roleCode;
  return (
    <Layout title={t('access.home.stop.title')}>
      <AccessNav current="mine" />
      {props.failure && (
        <Banner kind="failure">
          <p>{props.failure}</p>
        </Banner>
      )}
      <h1>{t('access.home.stop.title')}</h1>
      <p>{t('access.home.stop.text', { role, enterprise: `${details.enterpriseName} (${formatEnterpriseNumber(a.enterpriseNumber)})` })}</p>
      <DetailsList details={details} />
      <Form action={`/access/mine/${a.id}/stop`}>
        <div class="wizard__actions">
          <a class="button button--secondary" href={`/access/mine/${a.id}`}>{t('common.cancel')}</a>
          <button type="submit" class="button">{t('access.home.stop.confirm')}</button>
        </div>
      </Form>
    </Layout>
  );
}
