import type { ColumnType, Generated } from 'kysely';
import type { Lang } from '../platform/i18n/languages';

type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** A person's eBox: active once an address is confirmed. Keyed by national register number. */
export interface EboxAccountsTable {
  nrn: string;
  /** The confirmed address notices go to; null: not active. */
  email: string | null;
  activated_at: Timestamp | null;
  /** An address waiting for confirmation by the link e-mailed to it. */
  pending_email: string | null;
  /** SHA-256 (hex) of the confirmation link's secret. */
  pending_hash: string | null;
  pending_expires_at: Timestamp | null;
  /** The language of the notices. */
  lang: Lang;
  updated_at: Timestamp;
}

/** A document an application deposited for a person. */
export interface EboxDocumentsTable {
  id: Generated<string>;
  recipient_nrn: string;
  sender_client_id: string;
  sender_name: string;
  title: string;
  body: string;
  deposited_at: Timestamp;
  /** Whether a notice was queued (the eBox was active at deposit). */
  notified: boolean;
  /** Null: unread. */
  read_at: Timestamp | null;
}
