import { Layout } from '../../views/layout';
import { usePage } from '../../views/page-context';
import type { MailboxMessage, MailboxPage } from '../mailbox';
import { formatDateTime } from './format';

const PREVIEW_LENGTH = 60;

/** What the list links with: the subject of an e-mail, the start of an SMS. */
function label(message: MailboxMessage, noSubject: string): string {
  if (message.subject) return message.subject;
  const text = message.body_text.replace(/\s+/g, ' ').trim();
  if (!text) return noSubject;
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH)}…` : text;
}

/** /dev/mailbox: the messages received, newest first, ten per page. */
export function MailboxList(props: { mailbox: MailboxPage }) {
  const { t, lang } = usePage();
  const { messages, page, pages } = props.mailbox;
  return (
    <Layout title={t('mailbox.title')}>
      <h1>{t('mailbox.title')}</h1>
      <p class="lead">{t('mailbox.intro')}</p>
      {messages.length === 0 ? (
        <p>{t('mailbox.empty')}</p>
      ) : (
        <table class="mailbox-table">
          <caption>{t('mailbox.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mailbox.column.subject')}</th>
              <th scope="col">{t('mailbox.column.channel')}</th>
              <th scope="col">{t('mailbox.column.recipient')}</th>
              <th scope="col">{t('mailbox.column.received')}</th>
            </tr>
          </thead>
          <tbody>
            {messages.map((message) => (
              <tr>
                <th scope="row">
                  <a href={`/dev/mailbox/${message.id}`}>{label(message, t('mailbox.no_subject'))}</a>
                </th>
                <td>{message.channel === 'sms' ? t('mailbox.channel.sms') : t('mailbox.channel.email')}</td>
                <td>{message.recipient}</td>
                <td>
                  <time datetime={message.received_at.toISOString()}>{formatDateTime(message.received_at, lang)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav class="mailbox-pager" aria-label={t('mailbox.pagination')}>
          {page > 1 && <a href={`/dev/mailbox?page=${page - 1}`} rel="prev">{t('common.previous')}</a>}
          <span aria-current="page">{t('mailbox.page', { page, pages })}</span>
          {page < pages && <a href={`/dev/mailbox?page=${page + 1}`} rel="next">{t('common.next')}</a>}
        </nav>
      )}
    </Layout>
  );
}
