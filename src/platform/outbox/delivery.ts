import type { Config } from '../../config';
import type { Db } from '../db/database';
import { fakeSmsGateway, localMailboxTransport } from './local-mailbox';
import { silentLog, type MailTransport, type OutboxLog, type SmsGateway } from './ports';
import { httpSmsGateway } from './sms-gateway';
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
 * local mailbox otherwise; the HTTP SMS gateway when SMS_GATEWAY_URL is
 * set, the development fake otherwise. Says so loudly, since neither
 * default reaches a real person.
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
  let sms: SmsGateway;
  if (config.smsGateway) {
    sms = httpSmsGateway(config.smsGateway.url, config.smsGateway.token);
  } else {
    sms = fakeSmsGateway(db);
    log.warn({ mailbox: where }, `SMS_GATEWAY_URL is not set: SMS are NOT sent to anyone, they are kept in ${where}`);
  }
  return { mail, sms };
}
