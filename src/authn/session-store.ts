import { sql } from 'kysely';
import type { Executor } from '../platform/db/database';
import type { Loa } from './loa';

export interface SessionRow {
  id: string;
  personId: string;
  /** The person's national register number, the identity every audit event names. */
  nrn: string;
  /** Given name and family name, for the page header. */
  displayName: string;
  loa: Loa;
  key: string;
  amr: string[];
  authTime: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export async function insertSession(db: Executor, row: Omit<SessionRow, 'nrn' | 'displayName'>): Promise<void> {
  await sql`insert into sso_sessions (id, person_id, loa, key, amr, auth_time, last_seen_at, expires_at)
    values (${row.id}, ${row.personId}, ${row.loa}, ${row.key}, ${JSON.stringify(row.amr)}, ${row.authTime}, ${row.lastSeenAt}, ${row.expiresAt})`.execute(db);
}

/** A session that is neither ended, nor past its absolute end, nor idle since `idleSince`. */
export async function findLiveSession(db: Executor, id: string, now: Date, idleSince: Date): Promise<SessionRow | undefined> {
  // Read on every request of a signed-in browser: a template, not the query builder (see oidc/adapter.ts).
  const { rows } = await sql<{ person_id: string; nrn: string; given_name: string; family_name: string; loa: Loa; key: string; amr: string[]; auth_time: Date; last_seen_at: Date; expires_at: Date }>`
    select s.person_id, p.nrn, p.given_name, p.family_name, s.loa, s.key, s.amr, s.auth_time, s.last_seen_at, s.expires_at
      from sso_sessions s join persons p on p.id = s.person_id
     where s.id = ${id} and s.ended_at is null and s.expires_at > ${now} and s.last_seen_at > ${idleSince}`.execute(db);
  const row = rows[0];
  return (
    row && {
      id,
      personId: row.person_id,
      nrn: row.nrn,
      displayName: `${row.given_name} ${row.family_name}`,
      loa: row.loa,
      key: row.key,
      amr: row.amr,
      authTime: row.auth_time,
      lastSeenAt: row.last_seen_at,
      expiresAt: row.expires_at,
    }
  );
}

export async function touchSession(db: Executor, id: string, now: Date): Promise<void> {
  await sql`update sso_sessions set last_seen_at = ${now} where id = ${id} and ended_at is null`.execute(db);
}

export async function endSession(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('sso_sessions').set({ ended_at: now }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
