import { sql, type Kysely } from 'kysely';

// Frozen once landed: who created a unit, and the memberships of persons in enterprises (and units).

export async function up(db: Kysely<any>): Promise<void> {
  // Units: establishment units come from the register (created_by null); capacities and sub-entities are created by a manager.
  await db.schema
    .alterTable('units')
    .addColumn('created_by', 'uuid', (c) => c.references('persons.id'))
    .execute();
  await sql`create unique index units_name_unique on units (enterprise_number, kind, lower(name)) where kind <> 'establishment'`.execute(db);

  // A person's working relationship with an enterprise, optionally in one unit. Never deleted: ending sets ended_at.
  await db.schema
    .createTable('memberships')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_number', 'text', (c) => c.notNull())
    .addColumn('person_id', 'uuid', (c) => c.notNull())
    // Null: the enterprise as a whole.
    .addColumn('unit_id', 'uuid')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('work_email', 'text', (c) => c.notNull())
    // E.164, or null when none was given.
    .addColumn('work_phone', 'text')
    // First and last day (inclusive, Belgian calendar); no last day means open-ended.
    .addColumn('start_date', 'date', (c) => c.notNull())
    .addColumn('end_date', 'date')
    // Why the person is added, as the manager wrote it.
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'uuid', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    // Null with ended_at set: ended automatically when its end date passed.
    .addColumn('ended_by', 'uuid')
    .addColumn('end_reason', 'text')
    .addForeignKeyConstraint('memberships_enterprise_fk', ['enterprise_number'], 'enterprises', ['number'])
    .addForeignKeyConstraint('memberships_person_fk', ['person_id'], 'persons', ['id'])
    .addForeignKeyConstraint('memberships_unit_fk', ['unit_id'], 'units', ['id'])
    .addForeignKeyConstraint('memberships_created_by_fk', ['created_by'], 'persons', ['id'])
    .addForeignKeyConstraint('memberships_ended_by_fk', ['ended_by'], 'persons', ['id'])
    .addCheckConstraint('memberships_category_known', sql`category in ('permanent_employee', 'temporary', 'external', 'intern', 'volunteer', 'other')`)
    .addCheckConstraint('memberships_dates_order', sql`end_date is null or end_date >= start_date`)
    .addCheckConstraint('memberships_end_complete', sql`(ended_at is null) = (end_reason is null)`)
    .addCheckConstraint('memberships_reason_length', sql`char_length(reason) between 1 and 500 and (end_reason is null or char_length(end_reason) between 1 and 500)`)
    .execute();
  // At most one open membership per person × enterprise × unit (the enterprise as a whole counts as one unit).
  await sql`create unique index memberships_one_open on memberships (enterprise_number, person_id, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid)) where ended_at is null`.execute(db);
  await sql`create index memberships_by_enterprise on memberships (enterprise_number, unit_id)`.execute(db);
  await sql`create index memberships_to_expire on memberships (end_date) where ended_at is null and end_date is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('memberships').execute();
  await sql`drop index units_name_unique`.execute(db);
  await db.schema.alterTable('units').dropColumn('created_by').execute();
}
