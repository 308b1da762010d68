import { randomBytes } from 'node:crypto';
import type { Db } from './db/database';

/**
 * A secret generated on first start and shared by every node through the
 * database; the first node to store it wins, the others read its value.
 */
export async function generatedSecret(db: Db, key: string): Promise<string> {
  await db
    .insertInto('settings')
    .values({ key, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return row.value;
}
