import { sql, type Kysely } from 'kysely';

// Frozen once landed: the catalog (domains → applications → roles), role assignments with their requests and history, invitations and their templates.

export async function up(db: Kysely<any>): Promise<void> {
  // ——— The catalog, applied from catalog/*.yaml: rows are upserted, never deleted (assignments point at roles); absent ones are retired. ———
  await db.schema
    .createTable('catalog_domains')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // {"nl": …, "fr": …, "de": …, "en": …}
    .addColumn('names', 'jsonb', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('catalog_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('domain_id', 'text', (c) => c.notNull().references('catalog_domains.id'))
    .addColumn('names', 'jsonb', (c) => c.notNull())
    .addColumn('descriptions', 'jsonb', (c) => c.notNull())
    // The portal's category label ("Transversal"), per language.
    .addColumn('categories', 'jsonb', (c) => c.notNull())
    // Ordered [{code, names}]: the columns of the permission matrix.
    .addColumn('permissions', 'jsonb', (c) => c.notNull())
    // Where the portal opens the application; null when it has no web entry point.
    .addColumn('url', 'text')
    // OpenID client ids and SAML entity ids through which the application receives identities and roles.
    .addColumn('clients', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    // 'enterprise': used through a role; 'citizen': open to every identified person.
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('support_email', 'text')
    .addColumn('min_loa', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addCheckConstraint('catalog_applications_audience_known', sql`audience in ('enterprise', 'citizen')`)
    .addCheckConstraint('catalog_applications_loa_known', sql`min_loa in ('low', 'substantial', 'high')`)
    .execute();
  await sql`create index catalog_applications_by_client on catalog_applications using gin (clients)`.execute(db);

  await db.schema
    .createTable('catalog_roles')
    .addColumn('application_id', 'text', (c) => c.notNull().references('catalog_applications.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('names', 'jsonb', (c) => c.notNull())
    .addColumn('short_descriptions', 'jsonb', (c) => c.notNull())
    .addColumn('long_descriptions', 'jsonb', (c) => c.notNull())
    .addColumn('permissions', sql`text[]`, (c) => c.notNull())
    // The kind of unit an assignment of this role is scoped to; null: the enterprise as a whole.
    .addColumn('unit_kind', 'text')
    // Whether an assignment must have an end date.
    .addColumn('end_date_required', 'boolean', (c) => c.notNull())
    // 'manager': a manager decides requests; 'automatic': a member's own request is granted at once.
    .addColumn('approval', 'text', (c) => c.notNull())
    .addColumn('min_loa', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .addPrimaryKeyConstraint('catalog_roles_pk', ['application_id', 'code'])
    .addCheckConstraint('catalog_roles_unit_kind_known', sql`unit_kind is null or unit_kind in ('establishment', 'capacity', 'sub_entity')`)
    .addCheckConstraint('catalog_roles_approval_known', sql`approval in ('manager', 'automatic')`)
    .addCheckConstraint('catalog_roles_loa_known', sql`min_loa in ('low', 'substantial', 'high')`)
    .execute();

  // ——— Invitations (before assignments: requests point at the invitation that caused them). ———
  await db.schema
    .createTable('invitations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    // SHA-256 of the public link's secret; the secret itself is never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    // The role properties every accepted role gets.
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date')
    // 'open' until withdrawn by its author or expired by the scheduled job.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('invitations_status_known', sql`status in ('open', 'withdrawn', 'expired')`)
    .addCheckConstraint('invitations_dates_order', sql`valid_until is null or valid_until >= valid_from`)
    .addCheckConstraint('invitations_expiry_limit', sql`expires_at <= created_at + interval '1 year 1 day'`)
    .addCheckConstraint('invitations_message_length', sql`char_length(message) <= 2000`)
    .execute();
  await sql`create index invitations_by_author on invitations (created_by, created_at desc)`.execute(db);
  await sql`create index invitations_to_expire on invitations (expires_at) where status = 'open'`.execute(db);

  // Enterprises × roles (× unit) offered by an invitation.
  await db.schema
    .createTable('invitation_roles')
    .addColumn('invitation_id', 'uuid', (c) => c.notNull().references('invitations.id'))
    .addColumn('enterprise_number', 'text', (c) => c.notNull().references('enterprises.number'))
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('role_code', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('invitation_roles_role_fk', ['application_id', 'role_code'], 'catalog_roles', ['application_id', 'code'])
    .execute();
  await sql`create index invitation_roles_by_invitation on invitation_roles (invitation_id)`.execute(db);

  // The persons named in an invitation, who get it by e-mail (the link stays usable by others until it expires).
  await db.schema
    .createTable('invitation_persons')
    .addColumn('invitation_id', 'uuid', (c) => c.notNull().references('invitations.id'))
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .execute();
  await sql`create index invitation_persons_by_invitation on invitation_persons (invitation_id)`.execute(db);

  // Reusable invitations of a manager: the wizard's content without persons, as JSON the invitations module parses.
  await db.schema
    .createTable('invitation_templates')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  await sql`create unique index invitation_templates_name_unique on invitation_templates (owner_id, lower(name)) where deleted_at is null`.execute(db);

  // ——— Role assignments: person × enterprise (× unit) × role, a validity, a status. Never deleted. ———
  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('enterprise_number', 'text', (c) => c.notNull().references('enterprises.number'))
    .addColumn('unit_id', 'uuid', (c) => c.references('units.id'))
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('role_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // First and last day (inclusive, Belgian calendar); no last day: "Illimité".
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date')
    // The address the person gave when requesting or accepting; notices go there before the profile's.
    .addColumn('contact_email', 'text')
    // The membership the right is held through, when there is one: ending it ends the right.
    .addColumn('membership_id', 'uuid', (c) => c.references('memberships.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addForeignKeyConstraint('role_assignments_role_fk', ['application_id', 'role_code'], 'catalog_roles', ['application_id', 'code'])
    .addCheckConstraint(
      'role_assignments_status_known',
      sql`status in ('requested', 'scheduled', 'active', 'deactivated', 'stopped', 'rejected', 'expired', 'archived')`,
    )
    .addCheckConstraint('role_assignments_dates_order', sql`valid_until is null or valid_until >= valid_from`)
    .execute();
  // One live assignment per person × enterprise × unit × role: a second request for the same right is refused, not duplicated.
  await sql`create unique index role_assignments_one_live on role_assignments (person_id, enterprise_number, coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), application_id, role_code) where status in ('requested', 'scheduled', 'active', 'deactivated')`.execute(
    db,
  );
  // The authorization check and the tokens: a person's active rights for an application.
  await sql`create index role_assignments_active_by_person on role_assignments (person_id, application_id, enterprise_number) include (role_code, unit_id, valid_from, valid_until) where status = 'active'`.execute(
    db,
  );
  await sql`create index role_assignments_by_enterprise on role_assignments (enterprise_number, created_at desc)`.execute(db);
  await sql`create index role_assignments_by_person on role_assignments (person_id, created_at desc)`.execute(db);
  await sql`create index role_assignments_to_start on role_assignments (valid_from) where status = 'scheduled'`.execute(db);
  await sql`create index role_assignments_to_end on role_assignments (valid_until) where status in ('requested', 'scheduled', 'active', 'deactivated') and valid_until is not null`.execute(
    db,
  );
  await sql`create index role_assignments_by_membership on role_assignments (membership_id) where membership_id is not null`.execute(db);

  // Every change to an assignment is a request, decided by a manager or automatically.
  await db.schema
    .createTable('assignment_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('assignment_id', 'uuid', (c) => c.notNull().references('role_assignments.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // The validity the request asks for (assign, change of expiry, restart).
    .addColumn('valid_from', 'date')
    .addColumn('valid_until', 'date')
    // Set when the request asks to remove the end date ("Illimité").
    .addColumn('unlimited', 'boolean', (c) => c.notNull().defaultTo(false))
    // How it came: a manager, the person's own request, or the acceptance of an invitation.
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('invitation_id', 'uuid', (c) => c.references('invitations.id'))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('requested_by', 'uuid', (c) => c.notNull().references('persons.id'))
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Null with a decision: decided automatically.
    .addColumn('decided_by', 'uuid', (c) => c.references('persons.id'))
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decision_reason', 'text')
    .addCheckConstraint('assignment_requests_kind_known', sql`kind in ('assign', 'change_validity', 'stop', 'deactivate', 'reactivate', 'restart')`)
    .addCheckConstraint('assignment_requests_via_known', sql`via in ('manager', 'self', 'invitation')`)
    .addCheckConstraint('assignment_requests_status_known', sql`status in ('pending', 'approved', 'rejected', 'cancelled')`)
    .addCheckConstraint('assignment_requests_decision_complete', sql`(status = 'pending') = (decided_at is null)`)
    .addCheckConstraint('assignment_requests_rejection_reason', sql`status <> 'rejected' or char_length(coalesce(decision_reason, '')) between 1 and 1000`)
    .addCheckConstraint('assignment_requests_message_length', sql`char_length(message) <= 2000`)
    .execute();
  // At most one pending request per assignment: decisions never cross.
  await sql`create unique index assignment_requests_one_pending on assignment_requests (assignment_id) where status = 'pending'`.execute(db);
  await sql`create index assignment_requests_pending on assignment_requests (requested_at) where status = 'pending'`.execute(db);
  await sql`create index assignment_requests_by_requester on assignment_requests (requested_by, requested_at desc)`.execute(db);

  // The timeline of an assignment: append-only.
  await db.schema
    .createTable('assignment_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('assignment_id', 'uuid', (c) => c.notNull().references('role_assignments.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    // Null: "Automatique" (the scheduled job, or a consequence of another change).
    .addColumn('actor_id', 'uuid', (c) => c.references('persons.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'`))
    .execute();
  await sql`create index assignment_history_by_assignment on assignment_history (assignment_id, id)`.execute(db);
  await sql`
    create function assignment_history_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'assignment_history is append-only';
    end $$`.execute(db);
  await sql`create trigger assignment_history_append_only before update or delete on assignment_history for each row execute function assignment_history_append_only()`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('assignment_history').execute();
  await sql`drop function assignment_history_append_only`.execute(db);
  await db.schema.dropTable('assignment_requests').execute();
  await db.schema.dropTable('role_assignments').execute();
  await db.schema.dropTable('invitation_templates').execute();
  await db.schema.dropTable('invitation_persons').execute();
  await db.schema.dropTable('invitation_roles').execute();
  await db.schema.dropTable('invitations').execute();
  await db.schema.dropTable('catalog_roles').execute();
  await db.schema.dropTable('catalog_applications').execute();
  await db.schema.dropTable('catalog_domains').execute();
}
