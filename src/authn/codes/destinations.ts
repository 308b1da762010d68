import type { Executor } from '../../platform/db/database';
import type { CodeChannel } from './one-time/model';

export async function insertDestination(db: Executor, destination: { keyId: string; channel: CodeChannel; destination: string }) {
  await db.insertInto('security_code_destinations').values({ key_id: destination.keyId, channel: destination.channel, destination: destination.destination }).execute();
}

/** The person's active key of a channel, with where its codes go. */
export async function findDestinationOf(db: Executor, personId: string, channel: CodeChannel): Promise<{ keyId: string; destination: string } | undefined> {
  const row = await db
    .selectFrom('security_code_destinations as d')
    .innerJoin('digital_keys as k', 'k.id', 'd.key_id')
    .select(['d.key_id', 'd.destination'])
    .where('k.person_id', '=', personId)
    .where('k.kind', '=', channel)
    .where('k.status', '=', 'active')
    .executeTakeFirst();
  return row && { keyId: row.key_id, destination: row.destination };
}
