import { sql, type Kysely } from 'kysely';

// Frozen once landed: passkey (WebAuthn) challenges.

export async function up(db: Kysely<any>): Promise<void> {
  // A WebAuthn challenge handed to a browser: single-use (consumed_at set atomically) and short-lived.
  await db.schema
    .createTable('passkey_challenges')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // register: adding a passkey to an identified person; login: identifying with any discoverable passkey.
    .addColumn('purpose', 'text', (c) => c.notNull().check(sql`purpose in ('register', 'login')`))
    // The person a registration is for; null for a login, where the passkey names the person.
    .addColumn('person_id', 'uuid', (c) => c.references('persons.id').onDelete('cascade'))
    // base64url, as the browser signs it.
    .addColumn('challenge', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('passkey_challenges_register_has_person', sql`purpose <> 'register' or person_id is not null`)
    .execute();
  await sql`create index passkey_challenges_expiry on passkey_challenges (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('passkey_challenges').execute();
}
