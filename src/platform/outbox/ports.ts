import type { Lang } from '../i18n/languages';

/** An e-mail as the worker hands it to a transport, rendered long before (at enqueue). */
export interface OutgoingEmail {
  outboxId: number;
  /**
   * Stable across every retry of this message and unique across databases
   * (it includes the creation time): a transport derives its Message-ID from
   * it, so a retried send can be recognised downstream as the same message.
   */
  deliveryId: string;
  lang: Lang;
  to: string;
  subject: string;
  text: string;
  html: string | null;
}

export interface OutgoingSms {
  outboxId: number;
  /** Stable across retries: a gateway's client reference, for deduplication. */
  deliveryId: string;
  /** E.164, e.g. +32470123456. */
  to: string;
  text: string;
}

/**
 * Sends one e-mail, from the sender the adapter was built with (MAIL_FROM);
 * rejects when the message was not accepted, and the worker retries.
 */
export interface MailTransport {
  send(email: OutgoingEmail): Promise<void>;
}

/** Sends one SMS; rejects when the gateway did not accept it (the worker retries). */
export interface SmsGateway {
  send(sms: OutgoingSms): Promise<void>;
}

/** The part of a pino/Fastify logger the outbox uses. */
export interface OutboxLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export const silentLog: OutboxLog = { info() {}, warn() {}, error() {} };
