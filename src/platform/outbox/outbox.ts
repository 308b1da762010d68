import type { Trx } from '../db/database';
import type { Lang } from '../i18n/languages';
import { emailAddress, phoneNumber } from './model';
import { insertMessage } from './store';
import { renderEmail, renderSms, type EmailTemplate, type SmsTemplate } from './templates';

export interface EmailToSend<P> {
  /** An address the caller has already validated with the person (a bad one is a bug here, not user input). */
  to: string;
  lang: Lang;
  template: EmailTemplate<P>;
  params: P;
  /** The time of the change, from the caller's clock; the message is due from then. Defaults to the database's now(). */
  at?: Date;
}

export interface SmsToSend<P> {
  /** E.164, e.g. +32470123456. */
  to: string;
  lang: Lang;
  template: SmsTemplate<P>;
  params: P;
  at?: Date;
}

/**
 * Queues an e-mail inside the caller's transaction: it is sent if and only
 * if the change that caused it commits. Rendered now, in `lang`, so the
 * delivered text is the one decided here. Returns the outbox id.
 */
export async function enqueueEmail<P>(trx: Trx, email: EmailToSend<P>): Promise<number> {
  const to = emailAddress.safeParse(email.to.trim());
  if (!to.success) throw new Error(`Outbox: ${email.template.name} cannot be sent to an invalid e-mail address`);
  const rendered = renderEmail(email.template, email.lang, email.params);
  return insertMessage(trx, {
    channel: 'email',
    recipient: to.data,
    template: email.template.name,
    lang: email.lang,
    subject: rendered.subject,
    body_text: rendered.text,
    body_html: rendered.html,
    ...(email.at ? { created_at: email.at, next_attempt_at: email.at } : {}),
  });
}

/** Queues an SMS inside the caller's transaction, like enqueueEmail. */
export async function enqueueSms<P>(trx: Trx, sms: SmsToSend<P>): Promise<number> {
  const to = phoneNumber.safeParse(sms.to.trim());
  if (!to.success) throw new Error(`Outbox: ${sms.template.name} cannot be sent to a phone number not in E.164 form`);
  return insertMessage(trx, {
    channel: 'sms',
    recipient: to.data,
    template: sms.template.name,
    lang: sms.lang,
    subject: null,
    body_text: renderSms(sms.template, sms.lang, sms.params),
    body_html: null,
    ...(sms.at ? { created_at: sms.at, next_attempt_at: sms.at } : {}),
  });
}
