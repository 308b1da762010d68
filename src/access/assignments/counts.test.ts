import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { loadDemoRegisters } from '../../registries/demo';
import { requestChange } from '../service';
import { simplifiedOverview } from './service';
import { assignmentsFixture, ZEPHYR } from './test-fixture';

/*
 * The counters the simplified overview and the overview's count read are
 * kept by triggers on role_assignments: after any statement, they must say
 * exactly what a GROUP BY over the assignments says.
 */

let t: TestApp;
let f: Awaited<ReturnType<typeof assignmentsFixture>>;

beforeEach(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await assignmentsFixture(t);
});
afterEach(async () => t.close());

const key = (r: { enterprise_number: string; application_id: string; role_code: string; unit_id: string | null; status: string }) =>
  `${r.enterprise_number} ${r.application_id} ${r.role_code} ${r.unit_id ?? '-'} ${r.status}`;

async function counters(): Promise<Record<string, number>> {
  const rows = await t.ctx.db.selectFrom('role_assignment_counts').selectAll().where('n', '<>', sql<string>`0`).execute();
  return Object.fromEntries(rows.map((r) => [key(r), Number(r.n)]));
}

async function groupBy(): Promise<Record<string, number>> {
  const rows = await t.ctx.db
    .selectFrom('role_assignments')
    .select(['enterprise_number', 'application_id', 'role_code', 'unit_id', 'status', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(['enterprise_number', 'application_id', 'role_code', 'unit_id', 'status'])
    .execute();
  return Object.fromEntries(rows.map((r) => [key(r), Number(r.n)]));
}

describe('the assignment counters', () => {
  it('follow inserts, changes of status through the service, bulk updates and deletes', async () => {
    expect(await counters()).toEqual(await groupBy());
    expect(Object.values(await counters()).reduce((a, b) => a + b, 0)).toBe(4);

    await requestChange(t.ctx, f.pieter, f.assignments.comptable.id, { kind: 'stop' });
    expect(await counters()).toEqual(await groupBy());

    // A statement of many rows, some of them on the same counter, one with a unit.
    await sql`insert into role_assignments (person_id, enterprise_number, unit_id, application_id, role_code, status, valid_from, created_at, updated_at)
      select person_id, enterprise_number, unit_id, application_id, role_code, s, valid_from, now(), now()
        from role_assignments cross join unnest(array['expired', 'expired', 'archived']) s`.execute(t.ctx.db);
    expect(await counters()).toEqual(await groupBy());

    // A change of dates only leaves the counters as they were; a change of status moves them.
    await sql`update role_assignments set valid_until = '2027-01-01'`.execute(t.ctx.db);
    await sql`update role_assignments set status = 'archived' where status = 'expired'`.execute(t.ctx.db);
    expect(await counters()).toEqual(await groupBy());

    await sql`delete from assignment_history where assignment_id in (select id from role_assignments where status = 'archived')`.execute(t.ctx.db);
    await sql`delete from assignment_requests where assignment_id in (select id from role_assignments where status = 'archived')`.execute(t.ctx.db);
    await sql`delete from role_assignments where status = 'archived'`.execute(t.ctx.db);
    expect(await counters()).toEqual(await groupBy());
  });

  it('count what two transactions write at the same moment on the same counter', async () => {
    const copy = (trx: typeof t.ctx.db) =>
      sql`insert into role_assignments (person_id, enterprise_number, unit_id, application_id, role_code, status, valid_from, created_at, updated_at)
        select person_id, enterprise_number, unit_id, application_id, role_code, 'expired', valid_from, now(), now() from role_assignments where status = 'active'`.execute(trx);
    await Promise.all([t.ctx.db.transaction().execute(copy), t.ctx.db.transaction().execute(copy)]);
    expect(await counters()).toEqual(await groupBy());
  });

  it('are what the simplified overview shows, within the manager’s scope', async () => {
    await requestChange(t.ctx, f.pieter, f.assignments.redacteur.id, { kind: 'stop' });
    const all = await simplifiedOverview(t.ctx, f.pieter, ZEPHYR, 'fr', {});
    expect(all.roles.map((r) => [r.roleCode, r.byStatus.map((s) => `${s.status}:${s.count}`).join(' ')])).toEqual(
      expect.arrayContaining([
        ['redacteur', 'stopped:1'],
        ['comptable', 'active:1'],
        ['declarant', 'active:2'],
      ]),
    );
    expect(all.roles).toHaveLength(3);
    // Jan manages walloon_region only: Espace Personnel Wallon, stopped.
    const jan = await simplifiedOverview(t.ctx, f.jan, ZEPHYR, 'fr', {});
    expect(jan.roles.map((r) => [r.roleCode, r.total])).toEqual([['redacteur', 1]]);
  });
});
