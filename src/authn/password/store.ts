import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database';

export interface PasswordAccount {
  keyId: string;
  personId: string;
  username: string;
  hash: string;
  /** The person holding the key, as a session names them. */
  person: { id: string; nrn: string; givenName: string; familyName: string };
}

/**
 * The active password key holding a username, compared case-insensitively
 * as the unique index does, with its person (one statement: a login is
 * counted in round trips).
 */
export async function findAccount(db: Executor, username: string): Promise<PasswordAccount | undefined> {
  // On every login: a template, not the query builder (see oidc/adapter.ts).
  const { rows } = await sql<{ key_id: string; person_id: string; username: string; hash: string; nrn: string; given_name: string; family_name: string }>`
    select c.key_id, k.person_id, c.username, c.hash, p.nrn, p.given_name, p.family_name
      from password_credentials c join digital_keys k on k.id = c.key_id join persons p on p.id = k.person_id
     where lower(c.username) = ${username.trim().toLowerCase()} and k.status = 'active'`.execute(db);
  const row = rows[0];
  return (
    row && {
      keyId: row.key_id,
      personId: row.person_id,
      username: row.username,
      hash: row.hash,
      person: { id: row.person_id, nrn: row.nrn, givenName: row.given_name, familyName: row.family_name },
    }
  );
}

/** Whether a username is held by any key not yet deactivated (or by a deactivated one of someone else). */
export async function usernameTaken(db: Executor, username: string, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('password_credentials as c')
    .innerJoin('digital_keys as k', 'k.id', 'c.key_id')
    .select('k.person_id')
    .where(sql<string>`lower(c.username)`, '=', username.trim().toLowerCase())
    .executeTakeFirst();
  return Boolean(row && row.person_id !== personId);
}

/** The username of the person's active password key, to offer when they replace it. */
export async function usernameOf(db: Executor, personId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('password_credentials as c')
    .innerJoin('digital_keys as k', 'k.id', 'c.key_id')
    .select('c.username')
    .where('k.person_id', '=', personId)
    .where('k.status', '=', 'active')
    .executeTakeFirst();
  return row?.username;
}

/**
 * Stores the credential of a new key. A person keeping their username when
 * replacing their password frees it from their deactivated key first (the
 * unique index covers every row).
 */
export async function insertCredential(db: Executor, credential: { keyId: string; personId: string; username: string; hash: string }) {
  await db
    .deleteFrom('password_credentials')
    .where(sql<string>`lower(username)`, '=', credential.username.toLowerCase())
    .where('key_id', 'in', (q) => q.selectFrom('digital_keys').select('id').where('person_id', '=', credential.personId).where('status', '=', 'deactivated'))
    .execute();
  await db.insertInto('password_credentials').values({ key_id: credential.keyId, username: credential.username, hash: credential.hash }).execute();
}
