import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A message waiting for, or past, delivery. */
export interface OutboxMessagesTable {
  id: Generated<number>;
  channel: 'email' | 'sms';
  /** E-mail address or phone number (E.164). */
  recipient: string;
  /** The template it was rendered from, for the mailbox and the logs. */
  template: string;
  lang: 'nl' | 'fr' | 'de' | 'en';
  subject: string | null;
  body_text: string;
  body_html: string | null;
  status: Generated<'pending' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  /** Lease: while in the future, one worker owns the message. */
  locked_until: Date | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Date | null;
}

/** What the local mailbox received (embedded default, no SMTP or SMS gateway). */
export interface DevMailboxTable {
  id: Generated<number>;
  /** Unique: a message lands in the mailbox once, however often the worker retries. */
  outbox_id: number | null;
  channel: 'email' | 'sms';
  sender: string;
  recipient: string;
  subject: string | null;
  body_text: string;
  body_html: string | null;
  received_at: Timestamp;
}
