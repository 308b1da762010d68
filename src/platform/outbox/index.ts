/** The outbox: what other modules and the start-up use. */
export { enqueueEmail, enqueueSms, type EmailToSend, type SmsToSend } from './outbox';
export {
  defineEmailTemplate,
  defineSmsTemplate,
  registeredTemplates,
  renderEmail,
  renderSms,
  type EmailContent,
  type EmailTemplate,
  type RenderedEmail,
  type SmsTemplate,
} from './templates';
export type { MailTransport, OutboxLog, OutgoingEmail, OutgoingSms, SmsGateway } from './ports';
export { createDelivery, mailboxPageEnabled, type Delivery } from './delivery';
export { smtpTransport } from './smtp';
export { httpSmsGateway } from './sms-gateway';
export { fakeSmsGateway, localMailboxTransport } from './local-mailbox';
export { DEFAULT_RETRY, type RetryPolicy } from './model';
export { deliverDueMessages, startOutboxWorker, type DeliveryCounts, type OutboxWorker, type OutboxWorkerDeps } from './worker';
