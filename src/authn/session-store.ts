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
  await db
    .insertInto('sso_sessions')
    .values({
      id: row.id,
      person_id: row.personId,
      loa: row.loa,
      key: row.key,
      amr: JSON.stringify(row.amr),
      auth_time: row.authTime,
      last_seen_at: row.lastSeenAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** A session that is neither ended, nor past its absolute end, nor idle since `idleSince`. */
export async function findLiveSession(db: Executor, id: string, now: Date, idleSince: Date): Promise<SessionRow | undefined> {
  const row = await db
    .selectFrom('sso_sessions')
    .innerJoin('persons', 'persons.id', 'sso_sessions.person_id')
    .selectAll('sso_sessions')
    .select(['persons.nrn', 'persons.given_name', 'persons.family_name'])
    .where('sso_sessions.id', '=', id)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', now)
    .where('last_seen_at', '>', idleSince)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
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
  await db.updateTable('sso_sessions').set({ last_seen_at: now }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

export async function endSession(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('sso_sessions').set({ ended_at: now }).where('id', '=', id).where('ended_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
