import { sql } from 'kysely';
import type { Executor } from '../platform/db/database';
import type { Lang } from '../platform/i18n/languages';

export interface Person {
  id: string;
  nrn: string;
  givenName: string;
  familyName: string;
  email: string | null;
  phone: string | null;
  language: Lang | null;
}

const columns = ['id', 'nrn', 'given_name', 'family_name', 'email', 'phone', 'language'] as const;

interface PersonRow {
  id: string;
  nrn: string;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  language: Lang | null;
}

function toPerson(row: PersonRow): Person {
  return { id: row.id, nrn: row.nrn, givenName: row.given_name, familyName: row.family_name, email: row.email, phone: row.phone, language: row.language };
}

/** `forUpdate` locks the row until the transaction ends, so concurrent profile changes apply one after the other. */
export async function findPersonById(db: Executor, id: string, options: { forUpdate?: boolean } = {}): Promise<Person | undefined> {
  // The claims of every token read it: a template, not the query builder (see oidc/adapter.ts).
  const { rows } = options.forUpdate
    ? await sql<PersonRow>`select id, nrn, given_name, family_name, email, phone, language from persons where id = ${id} for update`.execute(db)
    : await sql<PersonRow>`select id, nrn, given_name, family_name, email, phone, language from persons where id = ${id}`.execute(db);
  return rows[0] && toPerson(rows[0]);
}

export async function findPersonByNrn(db: Executor, nrn: string): Promise<Person | undefined> {
  const row = await db.selectFrom('persons').select(columns).where('nrn', '=', nrn).executeTakeFirst();
  return row && toPerson(row);
}

/** Inserts the person unless another request just did; either way returns the stored row. */
export async function insertPerson(db: Executor, person: Omit<Person, 'id' | 'email' | 'phone'>): Promise<Person> {
  await db
    .insertInto('persons')
    .values({ nrn: person.nrn, given_name: person.givenName, family_name: person.familyName, language: person.language })
    .onConflict((oc) => oc.column('nrn').doNothing())
    .execute();
  return (await findPersonByNrn(db, person.nrn))!;
}

export async function updateContact(db: Executor, id: string, contact: { email?: string | null; phone?: string | null; language?: Lang | null }, now: Date) {
  await db.updateTable('persons').set({ ...contact, updated_at: now }).where('id', '=', id).execute();
}
