import { sql, type Kysely } from 'kysely';

// Frozen once landed: the number of role assignments per enterprise × application × role × unit × status,
// kept by the database itself, so that the simplified overview and the overview's count read a few rows
// instead of aggregating every assignment of the enterprise (100 000 and more).

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table role_assignment_counts (
    enterprise_number text not null,
    application_id text not null,
    role_code text not null,
    unit_id uuid,
    status text not null,
    n bigint not null
  )`.execute(db);
  await sql`create unique index role_assignment_counts_key on role_assignment_counts (enterprise_number, application_id, role_code, unit_id, status) nulls not distinct`.execute(db);

  // Statement-level triggers: a statement that writes 100 000 assignments updates each counter once.
  // Keys are upserted in one order, so that two transactions touching the same counters wait for each
  // other instead of deadlocking. A function fired on insert cannot name the old rows (nor on delete the
  // new ones): one function per kind of statement, the same upsert of signed changes in each.
  const upsert = (changes: string) => `
    insert into role_assignment_counts as c (enterprise_number, application_id, role_code, unit_id, status, n)
    select enterprise_number, application_id, role_code, unit_id, status, sum(d) from (${changes}) changes
     group by enterprise_number, application_id, role_code, unit_id, status
    having sum(d) <> 0
     order by enterprise_number, application_id, role_code, unit_id, status
    on conflict (enterprise_number, application_id, role_code, unit_id, status) do update set n = c.n + excluded.n;`;
  const added = 'select enterprise_number, application_id, role_code, unit_id, status, 1 as d from new_rows';
  const removed = 'select enterprise_number, application_id, role_code, unit_id, status, -1 as d from old_rows';
  for (const [name, changes] of [['insert', added], ['update', `${added} union all ${removed}`], ['delete', removed]]) {
    await sql.raw(`create function role_assignment_counts_${name}() returns trigger language plpgsql as $$ begin ${upsert(changes!)} return null; end $$`).execute(db);
  }
  await sql`create trigger role_assignment_counts_on_insert after insert on role_assignments referencing new table as new_rows for each statement execute function role_assignment_counts_insert()`.execute(db);
  await sql`create trigger role_assignment_counts_on_update after update on role_assignments referencing old table as old_rows new table as new_rows for each statement execute function role_assignment_counts_update()`.execute(db);
  await sql`create trigger role_assignment_counts_on_delete after delete on role_assignments referencing old table as old_rows for each statement execute function role_assignment_counts_delete()`.execute(db);
  await sql`create function role_assignment_counts_clear() returns trigger language plpgsql as $$ begin delete from role_assignment_counts; return null; end $$`.execute(db);
  await sql`create trigger role_assignment_counts_on_truncate after truncate on role_assignments for each statement execute function role_assignment_counts_clear()`.execute(db);

  await sql`insert into role_assignment_counts (enterprise_number, application_id, role_code, unit_id, status, n)
    select enterprise_number, application_id, role_code, unit_id, status, count(*) from role_assignments
     group by enterprise_number, application_id, role_code, unit_id, status`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger role_assignment_counts_on_truncate on role_assignments`.execute(db);
  await sql`drop trigger role_assignment_counts_on_delete on role_assignments`.execute(db);
  await sql`drop trigger role_assignment_counts_on_update on role_assignments`.execute(db);
  await sql`drop trigger role_assignment_counts_on_insert on role_assignments`.execute(db);
  await sql`drop function role_assignment_counts_clear, role_assignment_counts_delete, role_assignment_counts_insert, role_assignment_counts_update`.execute(db);
  await sql`drop table role_assignment_counts`.execute(db);
}
