import { sql, type Kysely } from 'kysely';

// Frozen once landed: the eID card key (handoff codes, the demo certification authority).

export async function up(db: Kysely<any>): Promise<void> {
  // A verified certificate waiting to be taken over by the main site: single use, short-lived, the code stored hashed.
  await db.schema
    .createTable('eid_handoffs')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('nrn', 'char(11)', (c) => c.notNull())
    .addColumn('cert_issuer', 'text', (c) => c.notNull())
    .addColumn('cert_subject', 'text', (c) => c.notNull())
    .addColumn('cert_serial', 'text', (c) => c.notNull())
    .addColumn('cert_cn', 'text', (c) => c.notNull())
    .addColumn('cert_given_name', 'text', (c) => c.notNull())
    .addColumn('cert_surname', 'text', (c) => c.notNull())
    .addColumn('cert_fingerprint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consumed_at', 'timestamptz')
    .execute();
  await sql`create index eid_handoffs_consumed on eid_handoffs (nrn, consumed_at) where consumed_at is not null`.execute(db);

  // The demo certification authority (embedded default only); private keys encrypted at rest.
  await db.schema
    .createTable('eid_demo_authorities')
    .addColumn('name', 'text', (c) => c.primaryKey().check(sql`name in ('root', 'citizen', 'tls')`))
    .addColumn('certificate', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Test cards issued by the demo CA, and their revocation.
  await db.schema
    .createTable('eid_demo_cards')
    .addColumn('serial', 'text', (c) => c.primaryKey())
    .addColumn('nrn', 'char(11)', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('not_before', 'timestamptz', (c) => c.notNull())
    .addColumn('not_after', 'timestamptz', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revocation_reason', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['eid_demo_cards', 'eid_demo_authorities', 'eid_handoffs']) {
    await db.schema.dropTable(table).execute();
  }
}
