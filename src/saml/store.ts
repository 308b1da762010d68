import type { Selectable } from 'kysely';
import type { Executor } from '../platform/db/database';
import type { ServiceProvider } from './model';
import type { SamlServiceProvidersTable } from './tables';

function toServiceProvider(row: Selectable<SamlServiceProvidersTable>): ServiceProvider {
  return {
    entityId: row.entity_id,
    name: row.name,
    acsUrls: row.acs_urls,
    sloUrl: row.slo_url,
    sloSoapUrl: row.slo_soap_url,
    certificate: row.certificate,
    requestsSigned: row.requests_signed,
    minLoa: row.min_loa,
    releaseNrn: row.release_nrn,
    source: row.source,
  };
}

export async function upsertServiceProvider(db: Executor, sp: ServiceProvider, now: Date): Promise<void> {
  const values = {
    name: sp.name,
    acs_urls: JSON.stringify(sp.acsUrls),
    slo_url: sp.sloUrl,
    slo_soap_url: sp.sloSoapUrl,
    certificate: sp.certificate,
    requests_signed: sp.requestsSigned,
    min_loa: sp.minLoa,
    release_nrn: sp.releaseNrn,
    source: sp.source,
    updated_at: now,
  };
  await db
    .insertInto('saml_service_providers')
    .values({ entity_id: sp.entityId, ...values })
    .onConflict((oc) => oc.column('entity_id').doUpdateSet(values))
    .execute();
}

export async function findServiceProvider(db: Executor, entityId: string): Promise<ServiceProvider | undefined> {
  const row = await db.selectFrom('saml_service_providers').selectAll().where('entity_id', '=', entityId).executeTakeFirst();
  return row && toServiceProvider(row);
}

export async function listServiceProviderRecords(db: Executor): Promise<ServiceProvider[]> {
  return (await db.selectFrom('saml_service_providers').selectAll().orderBy('entity_id').execute()).map(toServiceProvider);
}

export async function deleteServiceProvider(db: Executor, entityId: string): Promise<boolean> {
  const result = await db.deleteFrom('saml_service_providers').where('entity_id', '=', entityId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Catalog service providers no longer in the file; those added with the command line stay. */
export async function deleteCatalogServiceProvidersExcept(db: Executor, keep: string[]): Promise<string[]> {
  let query = db.deleteFrom('saml_service_providers').where('source', '=', 'catalog');
  if (keep.length > 0) query = query.where('entity_id', 'not in', keep);
  return (await query.returning('entity_id').execute()).map((r) => r.entity_id);
}

// The signing key pair.

export async function findSigningKey(db: Executor) {
  return db.selectFrom('saml_signing_keys').selectAll().orderBy('created_at', 'desc').limit(1).executeTakeFirst();
}

/** Inserts the first key pair; a node that lost the race keeps the winner's. */
export async function insertSigningKeyIfNone(db: Executor, key: { id: string; certificate: string; privateKey: string; createdAt: Date }): Promise<void> {
  await db
    .insertInto('saml_signing_keys')
    .values({ id: key.id, certificate: key.certificate, private_key: key.privateKey, created_at: key.createdAt })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

// Requests waiting for the browser.

export interface PendingRequest {
  handle: string;
  kind: 'login' | 'logout';
  spEntityId: string;
  requestId: string;
  details: Record<string, unknown>;
  createdAt: Date;
}

/** Records a request; false when the SP already sent one with this ID (a replay). */
export async function insertRequest(db: Executor, request: PendingRequest, expiresAt: Date): Promise<boolean> {
  const inserted = await db
    .insertInto('saml_requests')
    .values({
      handle: request.handle,
      kind: request.kind,
      sp_entity_id: request.spEntityId,
      request_id: request.requestId,
      details: JSON.stringify(request.details),
      created_at: request.createdAt,
      expires_at: expiresAt,
    })
    .onConflict((oc) => oc.constraint('saml_requests_no_replay').doNothing())
    .returning('handle')
    .executeTakeFirst();
  return inserted !== undefined;
}

function toPending(row: { handle: string; kind: 'login' | 'logout'; sp_entity_id: string; request_id: string; details: Record<string, unknown>; created_at: Date }): PendingRequest {
  return { handle: row.handle, kind: row.kind, spEntityId: row.sp_entity_id, requestId: row.request_id, details: row.details, createdAt: row.created_at };
}

/** A request still waiting (not answered, not expired). */
export async function findOpenRequest(db: Executor, handle: string, kind: 'login' | 'logout', now: Date): Promise<PendingRequest | undefined> {
  const row = await db
    .selectFrom('saml_requests')
    .select(['handle', 'kind', 'sp_entity_id', 'request_id', 'details', 'created_at'])
    .where('handle', '=', handle)
    .where('kind', '=', kind)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row && toPending(row);
}

/** Marks a request answered, atomically: of two concurrent answers, one only gets true. */
export async function consumeRequest(db: Executor, handle: string, now: Date): Promise<boolean> {
  const row = await db
    .updateTable('saml_requests')
    .set({ consumed_at: now })
    .where('handle', '=', handle)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('handle')
    .executeTakeFirst();
  return row !== undefined;
}

// Service providers of a single-sign-on session.

export interface Participant {
  spEntityId: string;
  nameId: string;
  sessionIndex: string;
}

export async function recordParticipant(db: Executor, sessionId: string, p: Participant, expiresAt: Date): Promise<void> {
  const values = { name_id: p.nameId, session_index: p.sessionIndex, expires_at: expiresAt };
  await db
    .insertInto('saml_participants')
    .values({ session_id: sessionId, sp_entity_id: p.spEntityId, ...values })
    .onConflict((oc) => oc.columns(['session_id', 'sp_entity_id']).doUpdateSet(values))
    .execute();
}

export async function findParticipant(db: Executor, sessionId: string, spEntityId: string): Promise<Participant | undefined> {
  const row = await db
    .selectFrom('saml_participants')
    .select(['sp_entity_id', 'name_id', 'session_index'])
    .where('session_id', '=', sessionId)
    .where('sp_entity_id', '=', spEntityId)
    .executeTakeFirst();
  return row && { spEntityId: row.sp_entity_id, nameId: row.name_id, sessionIndex: row.session_index };
}

/** Removes and returns the participants of a session (one SP, or all): each is told of the logout once. */
export async function takeParticipants(db: Executor, sessionId: string, spEntityId?: string): Promise<Participant[]> {
  let query = db.deleteFrom('saml_participants').where('session_id', '=', sessionId);
  if (spEntityId) query = query.where('sp_entity_id', '=', spEntityId);
  const rows = await query.returning(['sp_entity_id', 'name_id', 'session_index']).execute();
  return rows.map((r) => ({ spEntityId: r.sp_entity_id, nameId: r.name_id, sessionIndex: r.session_index }));
}

export async function pruneExpired(db: Executor, now: Date): Promise<void> {
  await db.deleteFrom('saml_requests').where('expires_at', '<', now).execute();
  await db.deleteFrom('saml_participants').where('expires_at', '<', now).execute();
}
