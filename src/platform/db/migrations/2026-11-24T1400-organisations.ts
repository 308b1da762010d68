import { sql, type Kysely } from 'kysely';

// Frozen once landed: enterprises registered on the platform, their units, and access-manager mandates.

export async function up(db: Kysely<any>): Promise<void> {
  // An enterprise of the register that a legal representative registered by designating its principal access manager.
  await db.schema
    .createTable('enterprises')
    // 10 digits, as the enterprise register writes it without dots.
    .addColumn('number', 'text', (c) => c.primaryKey().check(sql`number ~ '^[01][0-9]{9}$'`))
    .addColumn('registered_at', 'timestamptz', (c) => c.notNull())
    // The legal representative who registered it.
    .addColumn('registered_by', 'uuid', (c) => c.notNull().references('persons.id'))
    .execute();

  // A part of an enterprise that rights can be scoped to. Kept minimal here; later migrations add what units need.
  await db.schema
    .createTable('units')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_number', 'text', (c) => c.notNull().references('enterprises.number'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('establishment', 'capacity', 'sub_entity')`))
    // Establishment number (2–8…), social-security capacity number, or null for a sub-entity.
    .addColumn('number', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('units_number_unique', ['enterprise_number', 'kind', 'number'])
    .execute();

  // A management right of a person in an enterprise. Never deleted: revoking sets revoked_at.
  await db.schema
    .createTable('mandates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('enterprise_number', 'text', (c) => c.notNull().references('enterprises.number'))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .check(sql`kind in ('principal', 'co_principal', 'domain_access_manager', 'application_administrator', 'entity_access_responsible', 'local_manager')`),
    )
    // The domain of a domain access manager, and of the application of an application administrator.
    .addColumn('domain', 'text')
    // The application of an application administrator.
    .addColumn('application', 'text')
    // The unit of a local manager.
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    // First and last day (inclusive, Belgian calendar); no last day means unlimited.
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date')
    // The contact details of a principal access manager (the guide asks for a general address).
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('designated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('designated_by', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('revoked_by', 'uuid', (c) => c.references('persons.id'))
    // revoked: withdrawn by a manager; replaced: a new principal took over.
    .addColumn('revoked_reason', 'text', (c) => c.check(sql`revoked_reason in ('revoked', 'replaced')`))
    .addCheckConstraint('mandates_validity_order', sql`valid_until is null or valid_until >= valid_from`)
    .addCheckConstraint('mandates_revocation_complete', sql`(revoked_at is null) = (revoked_reason is null)`)
    .addCheckConstraint(
      'mandates_scope_matches_kind',
      sql`case kind
        when 'domain_access_manager' then domain is not null and application is null and unit_id is null
        when 'application_administrator' then domain is not null and application is not null and unit_id is null
        when 'local_manager' then domain is null and application is null and unit_id is not null
        else domain is null and application is null and unit_id is null end`,
    )
    .addCheckConstraint('mandates_principal_has_contact', sql`kind <> 'principal' or (contact_email is not null and contact_phone is not null)`)
    .execute();
  // One current principal access manager (and one entity access responsible) per enterprise.
  await sql`create unique index mandates_one_principal on mandates (enterprise_number) where kind = 'principal' and revoked_at is null`.execute(db);
  await sql`create unique index mandates_one_entity_access_responsible on mandates (enterprise_number) where kind = 'entity_access_responsible' and revoked_at is null`.execute(
    db,
  );
  await sql`create index mandates_by_person on mandates (person_id) where revoked_at is null`.execute(db);
  await sql`create index mandates_by_enterprise on mandates (enterprise_number, kind)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mandates').execute();
  await db.schema.dropTable('units').execute();
  await db.schema.dropTable('enterprises').execute();
}
