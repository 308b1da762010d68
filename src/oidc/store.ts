import type { Loa } from '../authn/loa';
import type { Executor } from '../platform/db/database';

/** A relying application as stored: provider metadata (snake_case, as OpenID names it) plus our own columns. */
export interface ClientRecord {
  clientId: string;
  metadata: Record<string, unknown>;
  /** `sha256:<base64url>` of the secret; null for a public client (PKCE only). */
  secretHash: string | null;
  minLoa: Loa;
  source: 'catalog' | 'cli';
  updatedAt: Date;
}

function toClient(row: { client_id: string; metadata: Record<string, unknown>; secret_hash: string | null; min_loa: Loa; source: 'catalog' | 'cli'; updated_at: Date }): ClientRecord {
  return { clientId: row.client_id, metadata: row.metadata, secretHash: row.secret_hash, minLoa: row.min_loa, source: row.source, updatedAt: row.updated_at };
}

/**
 * What oidc-provider sees of a client: the stored hash stands where the
 * secret would be (our compareClientSecret hashes what the client sends),
 * and `min_loa` is extra metadata the login check reads.
 */
export function clientAsProviderMetadata(client: ClientRecord): Record<string, unknown> {
  return {
    token_endpoint_auth_method: client.secretHash ? 'client_secret_basic' : 'none',
    ...client.metadata,
    client_id: client.clientId,
    ...(client.secretHash ? { client_secret: client.secretHash } : {}),
    min_loa: client.minLoa,
  };
}

export async function findClient(db: Executor, clientId: string): Promise<ClientRecord | undefined> {
  const row = await db.selectFrom('oidc_clients').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  return row && toClient(row);
}

export async function listClientRecords(db: Executor): Promise<ClientRecord[]> {
  const rows = await db.selectFrom('oidc_clients').selectAll().orderBy('client_id').execute();
  return rows.map(toClient);
}

export async function upsertClient(db: Executor, client: Omit<ClientRecord, 'updatedAt'>, now: Date): Promise<void> {
  const values = {
    client_id: client.clientId,
    metadata: JSON.stringify(client.metadata),
    secret_hash: client.secretHash,
    min_loa: client.minLoa,
    source: client.source,
    updated_at: now,
  };
  await db
    .insertInto('oidc_clients')
    .values(values)
    .onConflict((oc) => oc.column('client_id').doUpdateSet({ metadata: values.metadata, secret_hash: values.secret_hash, min_loa: values.min_loa, source: values.source, updated_at: now }))
    .execute();
}

export async function deleteClient(db: Executor, clientId: string): Promise<boolean> {
  const result = await db.deleteFrom('oidc_clients').where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Catalog clients no longer in the catalog file. */
export async function deleteCatalogClientsExcept(db: Executor, keep: string[]): Promise<string[]> {
  let query = db.deleteFrom('oidc_clients').where('source', '=', 'catalog');
  if (keep.length > 0) query = query.where('client_id', 'not in', keep);
  const rows = await query.returning('client_id').execute();
  return rows.map((r) => r.client_id);
}

export async function setClientSecretHash(db: Executor, clientId: string, secretHash: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('oidc_clients').set({ secret_hash: secretHash, updated_at: now }).where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface SigningKeyRow {
  kid: string;
  /** The private JWK, encrypted (see crypto.ts). */
  jwk: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export async function listSigningKeys(db: Executor): Promise<SigningKeyRow[]> {
  const rows = await db.selectFrom('oidc_signing_keys').selectAll().orderBy('created_at', 'desc').orderBy('kid').execute();
  return rows.map((r) => ({ kid: r.kid, jwk: r.jwk, createdAt: r.created_at, retiredAt: r.retired_at }));
}

export async function insertSigningKey(db: Executor, key: { kid: string; jwk: string; createdAt: Date }): Promise<void> {
  await db.insertInto('oidc_signing_keys').values({ kid: key.kid, jwk: key.jwk, created_at: key.createdAt }).execute();
}

export async function retireActiveSigningKeys(db: Executor, now: Date): Promise<number> {
  const result = await db.updateTable('oidc_signing_keys').set({ retired_at: now }).where('retired_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteSigningKeysRetiredBefore(db: Executor, cutoff: Date): Promise<number> {
  const result = await db.deleteFrom('oidc_signing_keys').where('retired_at', '<=', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
