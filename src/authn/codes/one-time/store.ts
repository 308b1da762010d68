import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';
import { MAX_CODE_ATTEMPTS, type CodeChannel } from './model';

interface Which {
  personId: string;
  channel: CodeChannel;
  purpose: string;
}

/** The person's live codes of a purpose: not consumed, not expired, tries left. */
function live(db: Executor, which: Which, now: Date) {
  return db
    .selectFrom('one_time_codes')
    .select('id')
    .where('person_id', '=', which.personId)
    .where('channel', '=', which.channel)
    .where('purpose', '=', which.purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .where('attempts', '<', MAX_CODE_ATTEMPTS);
}

/** Stores a new code; earlier live codes of the same purpose expire, so only the last one sent works. */
export async function insertCode(db: Executor, code: Which & { hash: string; at: Date; expiresAt: Date }) {
  await db
    .updateTable('one_time_codes')
    .set({ expires_at: code.at })
    .where('id', 'in', live(db, code, code.at))
    .execute();
  await db
    .insertInto('one_time_codes')
    .values({ person_id: code.personId, channel: code.channel, purpose: code.purpose, code_hash: code.hash, expires_at: code.expiresAt, created_at: code.at })
    .execute();
}

export async function lastSentAt(db: Executor, which: Which): Promise<Date | undefined> {
  const row = await db
    .selectFrom('one_time_codes')
    .select('created_at')
    .where('person_id', '=', which.personId)
    .where('channel', '=', which.channel)
    .where('purpose', '=', which.purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at;
}

/**
 * Consumes the live code if the hash matches, in one statement: of two
 * requests with the same code only one gets a row back.
 */
export async function consumeCode(db: Executor, which: Which & { hash: string; now: Date }): Promise<boolean> {
  const row = await db
    .updateTable('one_time_codes')
    .set({ consumed_at: which.now })
    .where('id', 'in', live(db, which, which.now).orderBy('created_at', 'desc').limit(1))
    .where('code_hash', '=', which.hash)
    .where('consumed_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return Boolean(row);
}

/** Counts a wrong try on the live code; returns false when there was none (expired, used or out of tries). */
export async function countWrongTry(db: Executor, which: Which & { now: Date }): Promise<boolean> {
  const row = await db
    .updateTable('one_time_codes')
    .set({ attempts: sql<number>`attempts + 1` })
    .where('id', 'in', live(db, which, which.now).orderBy('created_at', 'desc').limit(1))
    .returning('attempts')
    .executeTakeFirst();
  return Boolean(row);
}
