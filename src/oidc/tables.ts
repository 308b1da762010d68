import type { ColumnType, Generated } from 'kysely';
import type { Loa } from '../authn/loa';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

/** oidc-provider's models (sessions, grants, codes, tokens…) on one table. */
export interface OidcModelInstancesTable {
  model: string;
  id: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  expires_at: Date | null;
  consumed_at: Date | null;
}

/** Signing keys: the private JWK encrypted at rest; a retired key stays published until its tokens expire. */
export interface OidcSigningKeysTable {
  kid: string;
  jwk: string;
  created_at: Timestamp;
  retired_at: Date | null;
}

/** A relying application; its secret is stored hashed. */
export interface OidcClientsTable {
  client_id: string;
  metadata: ColumnType<Record<string, unknown>, string, string>;
  secret_hash: string | null;
  min_loa: Generated<Loa>;
  source: 'catalog' | 'cli';
  updated_at: Timestamp;
}
