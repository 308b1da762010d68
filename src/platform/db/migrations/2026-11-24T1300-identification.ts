import { sql, type Kysely } from 'kysely';

// Frozen once landed: identification (persons, sessions, digital keys, OpenID provider).

export async function up(db: Kysely<any>): Promise<void> {
  // A person known to the platform: identity from the national register, contact details from the person.
  await db.schema
    .createTable('persons')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('nrn', 'char(11)', (c) => c.notNull().unique())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('language', 'text', (c) => c.check(sql`language in ('nl', 'fr', 'de', 'en')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // One single-sign-on session per browser. The id is the SHA-256 of the cookie's token: a stolen table opens nothing.
  await db.schema
    .createTable('sso_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('loa', 'text', (c) => c.notNull().check(sql`loa in ('low', 'substantial', 'high')`))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('amr', 'jsonb', (c) => c.notNull())
    .addColumn('auth_time', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index sso_sessions_person on sso_sessions (person_id) where ended_at is null`.execute(db);

  // Failed attempts per account and per address, for growing delays on every guessable secret.
  await db.schema
    .createTable('auth_throttles')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('blocked_until', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // A person's digital keys; the secret material of each kind lives in its own table below.
  await db.schema
    .createTable('digital_keys')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('password', 'totp', 'sms', 'email', 'token_card', 'passkey')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('pending', 'active', 'deactivated')`))
    .addColumn('label', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('deactivated_at', 'timestamptz')
    .execute();
  await sql`create unique index digital_keys_one_active_per_kind on digital_keys (person_id, kind) where status <> 'deactivated' and kind <> 'passkey'`.execute(db);

  await db.schema
    .createTable('password_credentials')
    .addColumn('key_id', 'uuid', (c) => c.primaryKey().references('digital_keys.id').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index password_credentials_username on password_credentials (lower(username))`.execute(db);

  await db.schema
    .createTable('totp_credentials')
    .addColumn('key_id', 'uuid', (c) => c.primaryKey().references('digital_keys.id').onDelete('cascade'))
    // Encrypted at rest (AES-256-GCM with a key derived from the platform secret).
    .addColumn('secret', 'text', (c) => c.notNull())
    // The last accepted time step: a code is refused at or before it, so it cannot be replayed.
    .addColumn('last_step', 'bigint')
    .execute();

  // Single-use codes sent by SMS or e-mail; stored hashed, consumed atomically.
  await db.schema
    .createTable('one_time_codes')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index one_time_codes_person on one_time_codes (person_id, created_at)`.execute(db);

  await db.schema
    .createTable('token_cards')
    .addColumn('key_id', 'uuid', (c) => c.primaryKey().references('digital_keys.id').onDelete('cascade'))
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    // Position → hash of the code printed there.
    .addColumn('codes', 'jsonb', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('passkey_credentials')
    .addColumn('key_id', 'uuid', (c) => c.primaryKey().references('digital_keys.id').onDelete('cascade'))
    .addColumn('credential_id', 'text', (c) => c.notNull().unique())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('counter', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('transports', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();

  // oidc-provider's models (sessions, grants, codes, tokens…) on one table, as logto does.
  await db.schema
    .createTable('oidc_model_instances')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addColumn('consumed_at', 'timestamptz')
    .addPrimaryKeyConstraint('oidc_model_instances_pk', ['model', 'id'])
    .execute();
  await sql`create index oidc_model_instances_uid on oidc_model_instances ((payload->>'uid')) where payload ? 'uid'`.execute(db);
  await sql`create index oidc_model_instances_user_code on oidc_model_instances ((payload->>'userCode')) where payload ? 'userCode'`.execute(db);
  await sql`create index oidc_model_instances_grant on oidc_model_instances ((payload->>'grantId')) where payload ? 'grantId'`.execute(db);
  await sql`create index oidc_model_instances_expiry on oidc_model_instances (expires_at)`.execute(db);

  // Signing keys (JWK with private part, encrypted at rest); retired keys stay published until their tokens expire.
  await db.schema
    .createTable('oidc_signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('jwk', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('retired_at', 'timestamptz')
    .execute();

  // Relying applications; the secret is stored hashed.
  await db.schema
    .createTable('oidc_clients')
    .addColumn('client_id', 'text', (c) => c.primaryKey())
    .addColumn('metadata', 'jsonb', (c) => c.notNull())
    .addColumn('secret_hash', 'text')
    .addColumn('min_loa', 'text', (c) => c.notNull().defaultTo('low').check(sql`min_loa in ('low', 'substantial', 'high')`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('catalog', 'cli')`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'oidc_clients', 'oidc_signing_keys', 'oidc_model_instances', 'passkey_credentials', 'token_cards',
    'one_time_codes', 'totp_credentials', 'password_credentials', 'digital_keys', 'auth_throttles', 'sso_sessions', 'persons',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
