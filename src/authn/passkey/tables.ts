import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** A WebAuthn challenge handed to a browser; single-use and short-lived. */
export interface PasskeyChallengesTable {
  id: Generated<string>;
  /** register: adding a passkey to an identified person; login: identifying with any discoverable passkey. */
  purpose: 'register' | 'login';
  /** The person a registration is for; null for a login. */
  person_id: string | null;
  /** base64url. */
  challenge: string;
  expires_at: Timestamp;
  consumed_at: Date | null;
  created_at: Timestamp;
}
