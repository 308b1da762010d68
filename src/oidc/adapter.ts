import { sql } from 'kysely';
import { errors, type Adapter, type AdapterPayload } from 'oidc-provider';
import type { Db } from '../platform/db/database';
import { cachedClient } from './client-cache';
import { clientAsProviderMetadata } from './store';

/**
 * oidc-provider's storage on one table (`oidc_model_instances`), one row per
 * model instance with its payload as jsonb, as logto does. Expiry is the
 * provider's own (epoch seconds from its clock); an expired row is never
 * returned and is pruned by {@link pruneExpiredInstances}.
 *
 * Relying applications are not stored here: the `Client` model reads
 * `oidc_clients`, which the catalog file and `sesame clients` write,
 * through a short per-node cache (client-cache.ts).
 *
 * Every single sign-on and every token goes through these statements, so
 * they are written as `sql` templates rather than with the query builder:
 * building and compiling a query is about a quarter of Node's work per
 * statement (bench/query-builder.ts, BENCHMARKS.md).
 */
export class KyselyAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly db: Db,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    const expiresAt = expiresIn ? new Date(Date.now() + expiresIn * 1000) : null;
    await sql`insert into oidc_model_instances (model, id, payload, expires_at) values (${this.model}, ${id}, ${JSON.stringify(payload)}, ${expiresAt})
      on conflict (model, id) do update set payload = excluded.payload, expires_at = excluded.expires_at`.execute(this.db);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (this.model === 'Client') {
      const client = await cachedClient(this.db, id);
      return client && (clientAsProviderMetadata(client) as AdapterPayload);
    }
    return this.findWhere(sql`id = ${id}`);
  }

  findByUid(uid: string) {
    return this.findWhere(sql`payload->>'uid' = ${uid} and payload ? 'uid'`);
  }

  findByUserCode(userCode: string) {
    return this.findWhere(sql`payload->>'userCode' = ${userCode} and payload ? 'userCode'`);
  }

  /**
   * Marks a single-use instance (authorization code, rotated refresh token)
   * as used, atomically: of two concurrent requests presenting the same
   * code, exactly one gets past this line; the other is answered
   * invalid_grant, as a replay would be.
   */
  async consume(id: string): Promise<void> {
    const result = await sql`update oidc_model_instances set consumed_at = ${new Date()} where model = ${this.model} and id = ${id} and consumed_at is null`.execute(this.db);
    if (Number(result.numAffectedRows ?? 0) === 0) throw new errors.InvalidGrant('grant already used');
  }

  async destroy(id: string): Promise<void> {
    await sql`delete from oidc_model_instances where model = ${this.model} and id = ${id}`.execute(this.db);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db
      .deleteFrom('oidc_model_instances')
      .where('model', '=', this.model)
      .where(sql<boolean>`payload ? 'grantId' and payload->>'grantId' = ${grantId}`)
      .execute();
  }

  private async findWhere(condition: ReturnType<typeof sql<unknown>>): Promise<AdapterPayload | undefined> {
    const { rows } = await sql<{ payload: AdapterPayload; consumed_at: Date | null }>`select payload, consumed_at from oidc_model_instances
      where model = ${this.model} and ${condition} and (expires_at is null or expires_at > ${new Date()})`.execute(this.db);
    const row = rows[0];
    if (!row) return undefined;
    const payload = row.payload;
    return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at.getTime() / 1000) } : payload;
  }
}

/** Deletes expired instances; returns how many. Run at start and then periodically. */
export async function pruneExpiredInstances(db: Db, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('oidc_model_instances').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Which provider session (by its stable uid) stands for which single-sign-on
 * session: recorded when a login finishes, so that ending the one ends the
 * other. Kept on the same table, as a model of our own.
 */
const LINK_MODEL = 'SsoSessionLink';

export async function linkProviderSession(db: Db, providerSessionUid: string, ssoSessionId: string, expiresAt: Date): Promise<void> {
  const payload = JSON.stringify({ ssoSessionId });
  await db
    .insertInto('oidc_model_instances')
    .values({ model: LINK_MODEL, id: providerSessionUid, payload, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload, expires_at: expiresAt }))
    .execute();
}

/** The uids of the provider sessions linked to a single-sign-on session; the links are removed. */
export async function takeLinkedProviderSessions(db: Db, ssoSessionId: string): Promise<string[]> {
  const rows = await db
    .deleteFrom('oidc_model_instances')
    .where('model', '=', LINK_MODEL)
    .where(sql<boolean>`payload->>'ssoSessionId' = ${ssoSessionId}`)
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * The identification that last finished a grant (the key, when, and the
 * person's number), recorded when the interaction finishes: tokens carry
 * the grant id, not our session, and the FAS `certificateInfo` claims need
 * the eID certificate of that identification. Kept on the same table, as a
 * model of our own.
 */
const GRANT_IDENTIFICATION_MODEL = 'GrantIdentification';

export interface GrantIdentification {
  nrn: string;
  key: string;
  authTime: Date;
}

export async function recordGrantIdentification(db: Db, grantId: string, who: GrantIdentification, expiresAt: Date): Promise<void> {
  const payload = JSON.stringify({ nrn: who.nrn, key: who.key, authTime: who.authTime.toISOString() });
  await db
    .insertInto('oidc_model_instances')
    .values({ model: GRANT_IDENTIFICATION_MODEL, id: grantId, payload, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({ payload, expires_at: expiresAt }))
    .execute();
}

export async function findGrantIdentification(db: Db, grantId: string): Promise<GrantIdentification | undefined> {
  const row = await db
    .selectFrom('oidc_model_instances')
    .select('payload')
    .where('model', '=', GRANT_IDENTIFICATION_MODEL)
    .where('id', '=', grantId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .executeTakeFirst();
  if (!row) return undefined;
  const payload = row.payload as { nrn: string; key: string; authTime: string };
  return { nrn: payload.nrn, key: payload.key, authTime: new Date(payload.authTime) };
}
