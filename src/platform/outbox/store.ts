import type { Insertable, Selectable } from 'kysely';
import type { Db, Executor, Trx } from '../db/database';
import type { DevMailboxTable, OutboxMessagesTable } from './tables';

export type OutboxMessage = Selectable<OutboxMessagesTable>;
export type MailboxMessage = Selectable<DevMailboxTable>;

/** Takes a Transaction: a message exists only if the change that caused it commits. */
export async function insertMessage(trx: Trx, message: Insertable<OutboxMessagesTable>): Promise<number> {
  const { id } = await trx.insertInto('outbox_messages').values(message).returning('id').executeTakeFirstOrThrow();
  return id;
}

/**
 * Leases up to `limit` due messages to the caller until `leaseUntil`.
 * SKIP LOCKED lets workers on other nodes claim other rows at the same
 * instant instead of waiting; the lease keeps a claimed row from being
 * claimed again after this statement commits, until it runs out (the
 * worker died) or the worker settles it.
 */
export async function claimDueMessages(db: Db, now: Date, leaseUntil: Date, limit: number): Promise<OutboxMessage[]> {
  return db
    .updateTable('outbox_messages')
    .set({ locked_until: leaseUntil })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('outbox_messages')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute()
    .then((rows) => rows.sort((a, b) => a.id - b.id));
}

/**
 * The lease a worker holds is its `locked_until` value: a later claim always
 * sets a later one. Settling only under that lease means a worker that
 * overran its lease never overwrites the work of the one that took over.
 */
function updateUnderLease(db: Db, id: number, lease: Date) {
  return db.updateTable('outbox_messages').where('id', '=', id).where('status', '=', 'pending').where('locked_until', '=', lease);
}

/** True when this worker still held the lease. */
export async function markDelivered(db: Db, id: number, lease: Date, attempts: number, at: Date): Promise<boolean> {
  const result = await updateUnderLease(db, id, lease)
    .set({ status: 'delivered', delivered_at: at, attempts, locked_until: null, last_error: null })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records a failed attempt: either another one at `nextAttemptAt`, or `failed` for good. */
export async function recordFailedAttempt(
  db: Db,
  id: number,
  lease: Date,
  outcome: { attempts: number; error: string; nextAttemptAt: Date; giveUp: boolean },
): Promise<boolean> {
  const result = await updateUnderLease(db, id, lease)
    .set({
      status: outcome.giveUp ? 'failed' : 'pending',
      attempts: outcome.attempts,
      last_error: outcome.error,
      next_attempt_at: outcome.nextAttemptAt,
      locked_until: null,
    })
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Hands back claimed messages this worker will not get to, so they need not wait for the lease to run out. */
export async function releaseLeases(db: Db, ids: number[], lease: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('outbox_messages')
    .set({ locked_until: null })
    .where('id', 'in', ids)
    .where('locked_until', '=', lease)
    .execute();
}

/** A message lands in the local mailbox once, however often the worker retries it. */
export async function insertIntoMailbox(db: Executor, message: Insertable<DevMailboxTable>): Promise<void> {
  await db
    .insertInto('dev_mailbox')
    .values(message)
    .onConflict((oc) => oc.column('outbox_id').doNothing())
    .execute();
}

export async function countMailbox(db: Executor): Promise<number> {
  const { count } = await db.selectFrom('dev_mailbox').select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  return Number(count);
}

/** Newest first. */
export async function listMailbox(db: Executor, offset: number, limit: number): Promise<MailboxMessage[]> {
  return db.selectFrom('dev_mailbox').selectAll().orderBy('id', 'desc').offset(offset).limit(limit).execute();
}

export async function findMailboxMessage(db: Executor, id: number): Promise<MailboxMessage | undefined> {
  return db.selectFrom('dev_mailbox').selectAll().where('id', '=', id).executeTakeFirst();
}
