import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database';

/** The counters that exist among some keys, with their block times (absent counters block nothing). */
export async function readBlocks(db: Executor, keys: string[]): Promise<Array<{ key: string; blockedUntil: Date | null }>> {
  if (keys.length === 0) return [];
  // On every attempt at a secret: a template, not the query builder (see oidc/adapter.ts).
  const { rows } = await sql<{ key: string; blocked_until: Date | null }>`select key, blocked_until from auth_throttles where key = any(${keys})`.execute(db);
  return rows.map((r) => ({ key: r.key, blockedUntil: r.blocked_until }));
}

/**
 * Counts one failure atomically (concurrent attempts each count) and returns
 * the new total; a counter idle since `forgetBefore` starts again from one.
 */
export async function countFailure(db: Executor, key: string, at: Date, forgetBefore: Date): Promise<number> {
  const row = await db
    .insertInto('auth_throttles')
    .values({ key, failures: 1, blocked_until: null, updated_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when auth_throttles.updated_at < ${forgetBefore} then 1 else auth_throttles.failures + 1 end`,
        updated_at: at,
      }),
    )
    .returning('failures')
    .executeTakeFirstOrThrow();
  return row.failures;
}

/** Blocks a counter until a time, never shortening a longer block set by a concurrent failure. */
export async function blockUntil(db: Executor, key: string, until: Date): Promise<void> {
  await db
    .updateTable('auth_throttles')
    .set({ blocked_until: sql<Date>`greatest(coalesce(blocked_until, ${until}), ${until})` })
    .where('key', '=', key)
    .execute();
}

export async function clearCounter(db: Executor, key: string): Promise<void> {
  await db.deleteFrom('auth_throttles').where('key', '=', key).execute();
}
