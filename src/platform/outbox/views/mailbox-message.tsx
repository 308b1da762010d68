import { Layout } from '../../views/layout';
import { usePage } from '../../views/page-context';
import type { MailboxMessage } from '../mailbox';
import { linkify } from '../model';
import { formatDateTime } from './format';

/**
 * One message as plain text, its http(s) links clickable so a developer can
 * follow them. Everything else is text, which Preact escapes.
 */
export function MailboxMessageView(props: { message: MailboxMessage }) {
  const { t, lang } = usePage();
  const { message } = props;
  const title =
    message.channel === 'sms' ? t('mailbox.sms_title', { recipient: message.recipient }) : message.subject || t('mailbox.no_subject');
  return (
    <Layout title={title}>
      <p>
        <a href="/dev/mailbox">{t('mailbox.back')}</a>
      </p>
      <h1>{title}</h1>
      <dl class="mailbox-meta">
        <dt>{t('mailbox.column.channel')}</dt>
        <dd>{message.channel === 'sms' ? t('mailbox.channel.sms') : t('mailbox.channel.email')}</dd>
        <dt>{t('mailbox.from')}</dt>
        <dd>{message.sender}</dd>
        <dt>{t('mailbox.to')}</dt>
        <dd>{message.recipient}</dd>
        <dt>{t('mailbox.column.received')}</dt>
        <dd>
          <time datetime={message.received_at.toISOString()}>{formatDateTime(message.received_at, lang)}</time>
        </dd>
      </dl>
      <h2>{t('mailbox.body')}</h2>
      <pre class="mailbox-body">
        {linkify(message.body_text).map((part) => (typeof part === 'string' ? part : <a href={part.href}>{part.text}</a>))}
      </pre>
    </Layout>
  );
}
