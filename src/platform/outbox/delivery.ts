import type { Config } from '../../config';
import type { Db } from '../db/database';
import { fakeSmsGateway, localMailboxTransport } from './local-mailbox';
import { silentLog, type MailTransport, type OutboxLog, type SmsGateway } from './ports';
import { smtpTransport } from './smtp';

export interface Delivery {
  mail: MailTransport;
  sms: SmsGateway;
}

/** Whether delivered messages can be read at /dev/mailbox. */
export function mailboxPageEnabled(config: Config): boolean {
  return !config.smtpUrl && config.devTools;
}

/**
 * Picks the adapters from the configuration: SMTP when SMTP_URL is set, the
 * local mailbox otherwise; SMS always go to the development fake until a
 * real gateway adapter exists. Says so loudly, since neither default reaches
 * a real person.
 */
export function createDelivery(config: Config, db: Db, log: OutboxLog = silentLog): Delivery {
  const where = mailboxPageEnabled(config) ? `${config.publicUrl}/dev/mailbox` : 'the dev_mailbox table (the /dev/mailbox page is off)';
  let mail: MailTransport;
  if (config.smtpUrl) {
    mail = smtpTransport(config.smtpUrl, config.mailFrom);
  } else {
    mail = localMailboxTransport(db, config.mailFrom);
    log.warn({ mailbox: where }, `SMTP_URL is not set: e-mail is NOT sent to anyone, it is kept in ${where}`);
  }
  log.warn({ mailbox: where }, `No SMS gateway is configured: SMS go to a development fake and are kept in ${where}`);
  return { mail, sms: fakeSmsGateway(db) };
}
