import { sql } from 'kysely';
import type { Executor } from '../../../platform/db/database';

export async function insertCard(db: Executor, card: { keyId: string; serial: string; hashes: Record<string, string> }) {
  await db.insertInto('token_cards').values({ key_id: card.keyId, serial: card.serial, codes: JSON.stringify(card.hashes) }).execute();
}

/** The person's active card: its key, serial and the hash of each position's code. */
export async function findCardOf(db: Executor, personId: string) {
  const row = await db
    .selectFrom('token_cards as c')
    .innerJoin('digital_keys as k', 'k.id', 'c.key_id')
    .select(['c.key_id', 'c.serial', 'c.codes'])
    .where('k.person_id', '=', personId)
    .where('k.status', '=', 'active')
    .executeTakeFirst();
  return row && { keyId: row.key_id, serial: row.serial, hashes: row.codes };
}

/**
 * Deactivates, in one statement, every active card last used (or issued)
 * before the cutoff. Safe on several nodes at once: each card is changed by
 * exactly one of them, which gets it back (with the serial printed on it)
 * to audit and to tell the person.
 */
export async function deactivateCardsUnusedSince(db: Executor, cutoff: Date, now: Date) {
  return db
    .updateTable('digital_keys as k')
    .from('token_cards as c')
    .set({ status: 'deactivated', deactivated_at: now })
    .whereRef('c.key_id', '=', 'k.id')
    .where('k.kind', '=', 'token_card')
    .where('k.status', '=', 'active')
    .where(sql<Date>`coalesce(k.last_used_at, k.created_at)`, '<', cutoff)
    .returning(['k.id', 'k.person_id', 'c.serial'])
    .execute();
}
