import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports application code and is never edited once landed.

export async function up(db: Kysely<any>): Promise<void> {
  // Platform-wide settings that every node shares (e.g. the generated cookie secret).
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Transactional outbox: written in the transaction of the change, delivered by the worker.
  await db.schema
    .createTable('outbox_messages')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('email', 'sms')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull().check(sql`lang in ('nl', 'fr', 'de', 'en')`))
    .addColumn('subject', 'text')
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending').check(sql`status in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A worker leases a message before sending it, so two nodes never send the same one.
    .addColumn('locked_until', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('delivered_at', 'timestamptz')
    .execute();
  await sql`create index outbox_messages_due on outbox_messages (next_attempt_at) where status = 'pending'`.execute(db);

  // The developers' local mailbox: where e-mail and SMS land when no SMTP server or SMS gateway is configured.
  await db.schema
    .createTable('dev_mailbox')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('outbox_id', 'bigint', (c) => c.unique())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text')
    .addColumn('body_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text')
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Append-only, hash-chained audit log: seq is contiguous, each hash covers the previous one.
  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('request_id', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`create index audit_events_target on audit_events (target, seq)`.execute(db);
  await sql`
    create function audit_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger audit_events_append_only before update or delete on audit_events
    for each row execute function audit_events_append_only()`.execute(db);

  // National register (persons), as imported from the persons file.
  await db.schema
    .createTable('register_persons')
    .addColumn('nrn', 'char(11)', (c) => c.primaryKey())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_names', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'date')
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('M', 'F', 'X')`))
    .addColumn('language', 'text', (c) => c.check(sql`language in ('nl', 'fr', 'de', 'en')`))
    .addColumn('death_date', 'date')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await sql`create index register_persons_name on register_persons (lower(last_name), lower(first_names))`.execute(db);

  // Enterprise register, in the shape of the KBO/BCE open data.
  await db.schema
    .createTable('register_enterprises')
    .addColumn('number', 'char(10)', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('juridical_situation', 'text')
    .addColumn('type_of_enterprise', 'text')
    .addColumn('juridical_form', 'text')
    .addColumn('start_date', 'date')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('register_establishments')
    .addColumn('number', 'char(10)', (c) => c.primaryKey())
    .addColumn('enterprise_number', 'char(10)', (c) => c.notNull())
    .addColumn('start_date', 'date')
    .execute();
  await sql`create index register_establishments_enterprise on register_establishments (enterprise_number)`.execute(db);
  await db.schema
    .createTable('register_denominations')
    .addColumn('entity_number', 'char(10)', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('denomination', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('register_denominations_pk', ['entity_number', 'language', 'type', 'denomination'])
    .execute();
  await sql`create index register_denominations_search on register_denominations (lower(denomination))`.execute(db);
  await db.schema
    .createTable('register_addresses')
    .addColumn('entity_number', 'char(10)', (c) => c.notNull())
    .addColumn('type_of_address', 'text', (c) => c.notNull())
    .addColumn('country_nl', 'text')
    .addColumn('country_fr', 'text')
    .addColumn('zipcode', 'text')
    .addColumn('municipality_nl', 'text')
    .addColumn('municipality_fr', 'text')
    .addColumn('street_nl', 'text')
    .addColumn('street_fr', 'text')
    .addColumn('house_number', 'text')
    .addColumn('box', 'text')
    .addColumn('extra_address_info', 'text')
    .addColumn('date_striking_off', 'date')
    .addPrimaryKeyConstraint('register_addresses_pk', ['entity_number', 'type_of_address'])
    .execute();
  await db.schema
    .createTable('register_codes')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('register_codes_pk', ['category', 'code', 'language'])
    .execute();
  // Legal functions are not open data: they come from a file of our own format.
  await db.schema
    .createTable('register_legal_functions')
    .addColumn('enterprise_number', 'char(10)', (c) => c.notNull())
    .addColumn('nrn', 'char(11)', (c) => c.notNull())
    .addColumn('function_code', 'text', (c) => c.notNull())
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    .addPrimaryKeyConstraint('register_legal_functions_pk', ['enterprise_number', 'nrn', 'function_code', 'start_date'])
    .execute();
  await sql`create index register_legal_functions_person on register_legal_functions (nrn)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'register_legal_functions', 'register_codes', 'register_addresses', 'register_denominations',
    'register_establishments', 'register_enterprises', 'register_persons',
    'audit_events', 'dev_mailbox', 'outbox_messages', 'settings',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await sql`drop function audit_events_append_only`.execute(db);
}
