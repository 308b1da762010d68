import { sql, type Kysely } from 'kysely';

// Frozen once landed: the overview of an enterprise's role assignments ("Gérer les attributions de rôles - Aperçu").

export async function up(db: Kysely<any>): Promise<void> {
  // The overview pages newest first and counts what the manager may see: with the columns its
  // filters read (scope by application and unit, status) in the index, the count and the role
  // summary of 100 000 assignments are index-only scans, and a page stops after its ten rows.
  await sql`create index role_assignments_overview on role_assignments (enterprise_number, created_at desc, id desc) include (application_id, role_code, unit_id, status)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index role_assignments_overview`.execute(db);
}
