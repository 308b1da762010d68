import { sql, type Kysely } from 'kysely';

// Frozen once landed: the portal's problem reports, and the eBox (accounts and documents).

export async function up(db: Kysely<any>): Promise<void> {
  // "Signaler un problème" with an application: kept, and sent to the application's support contact.
  await db.schema
    .createTable('portal_problem_reports')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    // A catalog application id (no foreign key: a report outlives a retired application).
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // Where support may answer; null: the person gave none.
    .addColumn('contact_email', 'text')
    // The support address it was sent to; null when the application has none (kept, not sent).
    .addColumn('sent_to', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('portal_problem_reports_subject_length', sql`char_length(subject) between 1 and 200`)
    .addCheckConstraint('portal_problem_reports_description_length', sql`char_length(description) between 1 and 5000`)
    .execute();
  // The rate limit counts a person's recent reports.
  await sql`create index portal_problem_reports_by_person on portal_problem_reports (person_id, created_at desc)`.execute(db);

  // A person's eBox, keyed by national register number: documents may arrive before the person ever identifies.
  await db.schema
    .createTable('ebox_accounts')
    .addColumn('nrn', 'text', (c) => c.primaryKey())
    // The confirmed address notices go to; null until the first confirmation (the eBox is then not active).
    .addColumn('email', 'text')
    .addColumn('activated_at', 'timestamptz')
    // An address waiting for confirmation, with the SHA-256 (hex) of the link's secret and its expiry.
    .addColumn('pending_email', 'text')
    .addColumn('pending_hash', 'text')
    .addColumn('pending_expires_at', 'timestamptz')
    // The language of the notices: the one the person activated in.
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('ebox_accounts_lang_known', sql`lang in ('nl', 'fr', 'de', 'en')`)
    .addCheckConstraint('ebox_accounts_pending_complete', sql`(pending_email is null) = (pending_hash is null) and (pending_hash is null) = (pending_expires_at is null)`)
    .addCheckConstraint('ebox_accounts_active_complete', sql`(email is null) = (activated_at is null)`)
    .execute();
  await sql`create unique index ebox_accounts_pending_hash on ebox_accounts (pending_hash) where pending_hash is not null`.execute(db);

  // A document an application deposited for a person. Never changed but for its read state.
  await db.schema
    .createTable('ebox_documents')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('recipient_nrn', 'text', (c) => c.notNull())
    // The OpenID client that deposited it, and the name shown as its sender.
    .addColumn('sender_client_id', 'text', (c) => c.notNull())
    .addColumn('sender_name', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Plain text, shown as written (escaped, line breaks kept).
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('deposited_at', 'timestamptz', (c) => c.notNull())
    // Whether a notice was queued: only when the eBox was active at deposit.
    .addColumn('notified', 'boolean', (c) => c.notNull())
    // First opened by the recipient; null: unread.
    .addColumn('read_at', 'timestamptz')
    .addCheckConstraint('ebox_documents_title_length', sql`char_length(title) between 1 and 200`)
    .addCheckConstraint('ebox_documents_body_length', sql`char_length(body) between 1 and 100000`)
    .addCheckConstraint('ebox_documents_sender_length', sql`char_length(sender_name) between 1 and 200`)
    .execute();
  // The inbox: a person's documents newest first.
  await sql`create index ebox_documents_inbox on ebox_documents (recipient_nrn, deposited_at desc, id desc)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('ebox_documents').execute();
  await db.schema.dropTable('ebox_accounts').execute();
  await db.schema.dropTable('portal_problem_reports').execute();
}
