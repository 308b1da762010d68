import type { Db } from '../db/database';
import type { MailTransport, SmsGateway } from './ports';
import { insertIntoMailbox } from './store';

/**
 * Where e-mail goes when no SMTP_URL is configured: the developers' local
 * mailbox (/dev/mailbox). Nothing leaves the machine.
 */
export function localMailboxTransport(db: Db, from: string): MailTransport {
  return {
    async send(email) {
      await insertIntoMailbox(db, {
        outbox_id: email.outboxId,
        channel: 'email',
        sender: from,
        recipient: email.to,
        subject: email.subject,
        body_text: email.text,
        body_html: email.html,
      });
    },
  };
}

/**
 * DEVELOPMENT FAKE, not an SMS gateway: it sends nothing to any phone and
 * keeps each SMS in the local mailbox, where a developer reads the codes.
 * A real gateway is an adapter of the same SmsGateway port.
 */
export function fakeSmsGateway(db: Db): SmsGateway {
  return {
    async send(sms) {
      await insertIntoMailbox(db, {
        outbox_id: sms.outboxId,
        channel: 'sms',
        sender: 'Sésame (SMS)',
        recipient: sms.to,
        subject: null,
        body_text: sms.text,
        body_html: null,
      });
    },
  };
}
