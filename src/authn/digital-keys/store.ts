import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database';
import type { KeyKindName, KeyStatus } from './model';

export interface DigitalKey {
  id: string;
  personId: string;
  kind: KeyKindName;
  status: KeyStatus;
  label: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
}

export async function listKeysOf(db: Executor, personId: string): Promise<DigitalKey[]> {
  const rows = await db.selectFrom('digital_keys').selectAll().where('person_id', '=', personId).orderBy('created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    kind: r.kind,
    status: r.status,
    label: r.label,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
  }));
}

export async function insertKey(db: Executor, key: { personId: string; kind: KeyKindName; status: KeyStatus; label: string | null; at: Date }) {
  const row = await db
    .insertInto('digital_keys')
    .values({ person_id: key.personId, kind: key.kind, status: key.status, label: key.label, created_at: key.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deactivates the person's live keys of a kind (all, or one by id); returns the ids deactivated. */
export async function deactivateKeys(db: Executor, personId: string, at: Date, which: { kind: KeyKindName } | { id: string }) {
  let query = db
    .updateTable('digital_keys')
    .set({ status: 'deactivated', deactivated_at: at })
    .where('person_id', '=', personId)
    .where('status', '<>', 'deactivated');
  query = 'id' in which ? query.where('id', '=', which.id) : query.where('kind', '=', which.kind);
  return (await query.returning('id').execute()).map((r) => r.id);
}

export async function setKeyStatus(db: Executor, id: string, status: KeyStatus) {
  await db.updateTable('digital_keys').set({ status }).where('id', '=', id).execute();
}

export async function markKeyUsed(db: Executor, id: string, at: Date) {
  // On every login: a template, not the query builder (see oidc/adapter.ts).
  await sql`update digital_keys set last_used_at = ${at} where id = ${id}`.execute(db);
}
