import { Banner } from '../../platform/views/components/banner';
import { DataTable } from '../../platform/views/components/table';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import type { DocumentSummary, Inbox } from '../service';

const brussels = new Intl.DateTimeFormat('fr-BE', { timeZone: 'Europe/Brussels', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** dd/mm/yyyy hh:mm in Brussels time. */
export function formatMoment(at: Date): string {
  return brussels.format(at).replace(',', '');
}

function ActivationState(props: { inbox: Inbox }) {
  const { t } = usePage();
  const account = props.inbox.account;
  if (account?.email) {
    return (
      <p>
        {t('ebox.inbox.active', { email: account.email })} <a href="/ebox/activate">{t('ebox.inbox.change')}</a>
      </p>
    );
  }
  return (
    <Banner kind="info" title={t('ebox.inbox.inactive.title')}>
      <p>{account?.pendingEmail ? t('ebox.inbox.inactive.pending', { email: account.pendingEmail }) : t('ebox.inbox.inactive.text')}</p>
      <p>
        <a href="/ebox/activate">{t('ebox.inbox.activate')}</a>
      </p>
    </Banner>
  );
}

/** "Mon eBox": the documents the administrations deposited for the person, unread ones in bold. */
export function InboxPage(props: { inbox: Inbox; activated: boolean }) {
  const { t } = usePage();
  const { inbox } = props;
  return (
    <Layout title={t('ebox.inbox.title')}>
      <h1>{t('ebox.inbox.title')}</h1>
      {props.activated && <Banner kind="success" title={t('ebox.activated.title')}><p>{t('ebox.activated.text')}</p></Banner>}
      <p class="lead">{t('ebox.inbox.intro')}</p>
      <ActivationState inbox={inbox} />
      <p>{t('ebox.inbox.unread', { count: inbox.unread })}</p>
      <DataTable<DocumentSummary>
        id="documents"
        caption={t('ebox.inbox.caption')}
        rows={inbox.documents}
        query={{ q: '', page: inbox.pagination.page, sort: undefined, dir: 'desc' }}
        pagination={inbox.pagination}
        path="/ebox"
        emptyText={t('ebox.inbox.empty')}
        columns={[
          {
            key: 'title',
            label: t('ebox.col.title'),
            rowHeader: true,
            render: (d) =>
              d.readAt ? (
                <a href={`/ebox/${d.id}`}>{d.title}</a>
              ) : (
                <strong class="ebox-unread">
                  <a href={`/ebox/${d.id}`}>{d.title}</a>
                  <span class="visually-hidden"> ({t('ebox.unread')})</span>
                </strong>
              ),
          },
          { key: 'sender', label: t('ebox.col.sender'), render: (d) => (d.readAt ? d.senderName : <strong>{d.senderName}</strong>) },
          { key: 'date', label: t('ebox.col.date'), render: (d) => (d.readAt ? formatMoment(d.depositedAt) : <strong>{formatMoment(d.depositedAt)}</strong>) },
        ]}
      />
    </Layout>
  );
}
