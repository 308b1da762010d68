import { sql, type Kysely } from 'kysely';

// Frozen once landed: the demo certification authority gains an OCSP responder (its own certificate and key).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table eid_demo_authorities drop constraint eid_demo_authorities_name_check`.execute(db);
  await sql`alter table eid_demo_authorities add constraint eid_demo_authorities_name_check check (name in ('root', 'citizen', 'tls', 'ocsp'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from eid_demo_authorities where name = 'ocsp'`.execute(db);
  await sql`alter table eid_demo_authorities drop constraint eid_demo_authorities_name_check`.execute(db);
  await sql`alter table eid_demo_authorities add constraint eid_demo_authorities_name_check check (name in ('root', 'citizen', 'tls'))`.execute(db);
}
