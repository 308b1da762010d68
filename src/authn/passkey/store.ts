import type { Executor } from '../../platform/db/database';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PasskeyCredential {
  keyId: string;
  /** base64url, as the authenticator names it. */
  credentialId: string;
  /** COSE public key, base64url. */
  publicKey: string;
  counter: number;
  transports: string[];
}

export async function insertChallenge(db: Executor, challenge: { purpose: 'register' | 'login'; personId: string | null; challenge: string; at: Date; expiresAt: Date }) {
  // Expired challenges are of no use to anyone: each new one sweeps them away.
  await db.deleteFrom('passkey_challenges').where('expires_at', '<', challenge.at).execute();
  const row = await db
    .insertInto('passkey_challenges')
    .values({ purpose: challenge.purpose, person_id: challenge.personId, challenge: challenge.challenge, expires_at: challenge.expiresAt, created_at: challenge.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Uses a challenge up, atomically: of two requests presenting the same one,
 * exactly one gets it back. Undefined when unknown, used, expired, or for
 * another purpose or person.
 */
export async function consumeChallenge(db: Executor, id: string, purpose: 'register' | 'login', personId: string | null, now: Date): Promise<string | undefined> {
  if (!UUID.test(id)) return undefined;
  let query = db
    .updateTable('passkey_challenges')
    .set({ consumed_at: now })
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now);
  query = personId === null ? query.where('person_id', 'is', null) : query.where('person_id', '=', personId);
  const row = await query.returning('challenge').executeTakeFirst();
  return row?.challenge;
}

export async function insertCredential(db: Executor, credential: PasskeyCredential): Promise<boolean> {
  const inserted = await db
    .insertInto('passkey_credentials')
    .values({
      key_id: credential.keyId,
      credential_id: credential.credentialId,
      public_key: credential.publicKey,
      counter: credential.counter,
      transports: JSON.stringify(credential.transports),
    })
    .onConflict((oc) => oc.column('credential_id').doNothing())
    .returning('key_id')
    .executeTakeFirst();
  return Boolean(inserted);
}

function toCredential(row: { key_id: string; credential_id: string; public_key: string; counter: number | string; transports: string[] }): PasskeyCredential {
  return { keyId: row.key_id, credentialId: row.credential_id, publicKey: row.public_key, counter: Number(row.counter), transports: row.transports };
}

export async function findCredential(db: Executor, credentialId: string): Promise<PasskeyCredential | undefined> {
  const row = await db.selectFrom('passkey_credentials').selectAll().where('credential_id', '=', credentialId).executeTakeFirst();
  return row && toCredential(row);
}

export async function credentialsOfKeys(db: Executor, keyIds: string[]): Promise<PasskeyCredential[]> {
  if (keyIds.length === 0) return [];
  const rows = await db.selectFrom('passkey_credentials').selectAll().where('key_id', 'in', keyIds).execute();
  return rows.map(toCredential);
}

/** Moves the signature counter forward only from the value the check was made against, so two uses of one reading cannot both pass. */
export async function advanceCounter(db: Executor, credentialId: string, from: number, to: number): Promise<boolean> {
  const done = await db
    .updateTable('passkey_credentials')
    .set({ counter: to })
    .where('credential_id', '=', credentialId)
    .where('counter', '=', from)
    .returning('key_id')
    .executeTakeFirst();
  return Boolean(done);
}
