import type { ColumnType, Generated } from 'kysely';
import type { Loa } from './loa';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** One single-sign-on session per browser; `id` is the SHA-256 of the cookie's token. */
export interface SsoSessionsTable {
  id: string;
  person_id: string;
  loa: Loa;
  /** The digital key used, e.g. `eid`, `itsme`, `password_totp`. */
  key: string;
  amr: ColumnType<string[], string, string>;
  auth_time: Timestamp;
  last_seen_at: Timestamp;
  /** Absolute end, whatever the activity. */
  expires_at: Timestamp;
  ended_at: Date | null;
  created_at: Timestamp;
}

/** Failed attempts per account or per client address. */
export interface AuthThrottlesTable {
  key: string;
  failures: Generated<number>;
  blocked_until: Date | null;
  updated_at: Timestamp;
}

/** A person's digital key; the secret material of each kind lives in its own table. */
export interface DigitalKeysTable {
  id: Generated<string>;
  person_id: string;
  kind: 'password' | 'totp' | 'sms' | 'email' | 'token_card' | 'passkey';
  status: Generated<'pending' | 'active' | 'deactivated'>;
  label: string | null;
  created_at: Timestamp;
  last_used_at: Date | null;
  deactivated_at: Date | null;
}

export interface PasswordCredentialsTable {
  key_id: string;
  username: string;
  /** argon2id (PHC string). */
  hash: string;
}

export interface TotpCredentialsTable {
  key_id: string;
  /** Encrypted at rest. */
  secret: string;
  /** Last accepted time step: refusing it and earlier ones stops replays. */
  last_step: number | null;
}

export interface OneTimeCodesTable {
  id: Generated<string>;
  person_id: string;
  channel: 'sms' | 'email';
  purpose: string;
  code_hash: string;
  attempts: Generated<number>;
  expires_at: Timestamp;
  consumed_at: Date | null;
  created_at: Timestamp;
}

export interface TokenCardsTable {
  key_id: string;
  serial: string;
  /** Position → hash of the code printed there. */
  codes: ColumnType<Record<string, string>, string, string>;
}

export interface PasskeyCredentialsTable {
  key_id: string;
  credential_id: string;
  public_key: string;
  counter: ColumnType<number, number | undefined, number>;
  transports: ColumnType<string[], string | undefined, string>;
}
