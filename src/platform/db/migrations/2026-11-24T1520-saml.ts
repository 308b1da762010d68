import { sql, type Kysely } from 'kysely';

// Frozen once landed: the SAML 2.0 identity provider (service providers, signing key, pending requests, participants).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('saml_service_providers')
    .addColumn('entity_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text')
    // JSON array of URLs, matched exactly; the first is the default.
    .addColumn('acs_urls', 'jsonb', (c) => c.notNull())
    .addColumn('slo_url', 'text')
    .addColumn('slo_soap_url', 'text')
    // PEM; required when requests_signed.
    .addColumn('certificate', 'text')
    .addColumn('requests_signed', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('min_loa', 'text', (c) => c.notNull().defaultTo('low'))
    .addColumn('release_nrn', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('saml_sp_min_loa_known', sql`min_loa in ('low', 'substantial', 'high')`)
    .addCheckConstraint('saml_sp_source_known', sql`source in ('catalog', 'cli')`)
    .addCheckConstraint('saml_sp_signed_needs_certificate', sql`not requests_signed or certificate is not null`)
    .execute();

  // The private key is encrypted with a key derived from the platform secret, as the OpenID signing keys are.
  await db.schema
    .createTable('saml_signing_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('saml_requests')
    .addColumn('handle', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sp_entity_id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .addForeignKeyConstraint('saml_requests_sp_fk', ['sp_entity_id'], 'saml_service_providers', ['entity_id'], (c) => c.onDelete('cascade'))
    .addCheckConstraint('saml_requests_kind_known', sql`kind in ('login', 'logout')`)
    .addUniqueConstraint('saml_requests_no_replay', ['sp_entity_id', 'kind', 'request_id'])
    .execute();
  await sql`create index saml_requests_expiry on saml_requests (expires_at)`.execute(db);

  await db.schema
    .createTable('saml_participants')
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('sp_entity_id', 'text', (c) => c.notNull())
    .addColumn('name_id', 'text', (c) => c.notNull())
    .addColumn('session_index', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('saml_participants_pk', ['session_id', 'sp_entity_id'])
    .addForeignKeyConstraint('saml_participants_session_fk', ['session_id'], 'sso_sessions', ['id'], (c) => c.onDelete('cascade'))
    .addForeignKeyConstraint('saml_participants_sp_fk', ['sp_entity_id'], 'saml_service_providers', ['entity_id'], (c) => c.onDelete('cascade'))
    .execute();
  await sql`create index saml_participants_expiry on saml_participants (expires_at)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['saml_participants', 'saml_requests', 'saml_signing_keys', 'saml_service_providers']) {
    await db.schema.dropTable(table).execute();
  }
}
