import type { Executor } from '../../../platform/db/database';

export interface TotpCredential {
  keyId: string;
  sealedSecret: string;
  lastStep: number | null;
}

export async function insertTotp(db: Executor, credential: { keyId: string; sealedSecret: string; lastStep: number | null }) {
  await db.insertInto('totp_credentials').values({ key_id: credential.keyId, secret: credential.sealedSecret, last_step: credential.lastStep }).execute();
}

/** The person's active TOTP key. */
export async function findTotpOf(db: Executor, personId: string): Promise<TotpCredential | undefined> {
  const row = await db
    .selectFrom('totp_credentials as c')
    .innerJoin('digital_keys as k', 'k.id', 'c.key_id')
    .select(['c.key_id', 'c.secret', 'c.last_step'])
    .where('k.person_id', '=', personId)
    .where('k.kind', '=', 'totp')
    .where('k.status', '=', 'active')
    .executeTakeFirst();
  return row && { keyId: row.key_id, sealedSecret: row.secret, lastStep: row.last_step === null ? null : Number(row.last_step) };
}

/**
 * Moves the last accepted step forward, atomically: of two requests with
 * the same code, only one finds the step still behind and wins.
 */
export async function advanceStep(db: Executor, keyId: string, step: number): Promise<boolean> {
  const row = await db
    .updateTable('totp_credentials')
    .set({ last_step: step })
    .where('key_id', '=', keyId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
    .returning('key_id')
    .executeTakeFirst();
  return Boolean(row);
}
