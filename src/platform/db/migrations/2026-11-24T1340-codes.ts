import { sql, type Kysely } from 'kysely';

// Frozen once landed: where the security codes of an SMS or e-mail key are sent.

export async function up(db: Kysely<any>): Promise<void> {
  // The phone number or e-mail address verified with a code when the key was activated;
  // login codes go there, whatever the person's contact details become later.
  await db.schema
    .createTable('security_code_destinations')
    .addColumn('key_id', 'uuid', (c) => c.primaryKey().references('digital_keys.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull().check(sql`channel in ('sms', 'email')`))
    .addColumn('destination', 'text', (c) => c.notNull())
    .execute();
  // The resend throttle and the atomic consumption look up a person's latest live code of a purpose.
  await sql`create index one_time_codes_live on one_time_codes (person_id, channel, purpose, created_at desc) where consumed_at is null`.execute(db);
  // The scheduled job finds unused token cards without scanning every key.
  await sql`create index digital_keys_token_cards on digital_keys (coalesce(last_used_at, created_at)) where kind = 'token_card' and status = 'active'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index digital_keys_token_cards`.execute(db);
  await sql`drop index one_time_codes_live`.execute(db);
  await db.schema.dropTable('security_code_destinations').execute();
}
