import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJobs } from '../jobs';
import { actor, zephyr, ZEPHYR } from '../organisations/members/test-fixture';
import { today } from '../organisations/model';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { historyOf, requestAssignments, requestChange, runAssignmentSchedule, type NewAssignmentInput } from './service';

// The scheduled job 'role-assignments.schedule' (src/jobs.ts): starts, ends, expires — "Automatique" in the history.
let t: TestApp;
let z: Awaited<ReturnType<typeof zephyr>>;
const DAY = 86_400_000;
const EPW = 'espace-personnel-wallon';

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  z = await zephyr(t);
});
afterAll(() => t?.close());

const dayPlus = (days: number) => today(new Date(t.ctx.clock.now().getTime() + days * DAY));
const statusOf = async (id: string) => (await t.ctx.db.selectFrom('role_assignments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;
const mails = (to: string, template: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'body_text']).where('recipient', '=', to).where('template', '=', template).execute();

async function assign(nrn: string, roleCode: string, validFrom: string, validUntil: string | null, contactEmail: string) {
  const person = await actor(t, nrn);
  const input: NewAssignmentInput = { personId: person.personId, enterpriseNumber: ZEPHYR, unitId: null, applicationId: EPW, roleCode, validFrom, validUntil, contactEmail };
  const [outcome] = await requestAssignments(t.ctx, z.pieter, [input], { via: 'manager' });
  return { person, assignment: outcome!.assignment };
}

describe('the role assignments schedule', () => {
  it('is one of the scheduled jobs, run hourly', () => {
    expect(scheduledJobs(t.ctx).find((j) => j.name === 'role-assignments.schedule')).toMatchObject({ everyMs: 3_600_000 });
  });

  it('starts a scheduled assignment on its start date, with an "Automatique" history line and an e-mail', async () => {
    const { assignment } = await assign(DEMO.persons.encoders[0], 'relecteur', dayPlus(2), null, 'naima@zephyr.example');
    expect(assignment.status).toBe('scheduled');
    const before = (await mails('naima@zephyr.example', 'access.granted')).length;

    t.ctx.clock.advance(1 * DAY);
    await runAssignmentSchedule(t.ctx);
    expect(await statusOf(assignment.id)).toBe('scheduled');

    t.ctx.clock.advance(1 * DAY);
    expect((await runAssignmentSchedule(t.ctx)).started).toBeGreaterThanOrEqual(1);
    expect(await statusOf(assignment.id)).toBe('active');
    const [last] = await historyOf(t.ctx, assignment.id);
    expect(last).toMatchObject({ action: 'started', actorId: null });
    expect((await mails('naima@zephyr.example', 'access.granted')).length).toBe(before + 1);
  });

  it('expires an active assignment after its end date and cancels its pending request', async () => {
    const { person, assignment } = await assign(DEMO.persons.encoders[1], 'editeur', dayPlus(0), dayPlus(1), 'lucas@zephyr.example');
    expect(assignment.status).toBe('active');
    // Lucas asks for a longer right himself: a request waiting for a manager.
    const asked = await requestChange(t.ctx, person, assignment.id, { kind: 'change_validity', validUntil: dayPlus(30) });
    expect(asked.decided).toBe(false);

    t.ctx.clock.advance(1 * DAY);
    await runAssignmentSchedule(t.ctx);
    expect(await statusOf(assignment.id)).toBe('active'); // the end date is inclusive

    t.ctx.clock.advance(1 * DAY);
    await runAssignmentSchedule(t.ctx);
    expect(await statusOf(assignment.id)).toBe('expired');
    const request = await t.ctx.db.selectFrom('assignment_requests').select(['status', 'decided_by']).where('id', '=', asked.request.id).executeTakeFirstOrThrow();
    expect(request).toEqual({ status: 'cancelled', decided_by: null });
    const actions = (await historyOf(t.ctx, assignment.id)).map((h) => [h.action, h.actorId]);
    expect(actions.slice(0, 2)).toEqual([
      ['expired', null],
      ['change_validity.cancelled', null],
    ]);
    expect((await mails('lucas@zephyr.example', 'access.changed')).length).toBeGreaterThanOrEqual(1);
  });

  it('expires an open invitation once its expiry has passed, and only then', async () => {
    const now = t.ctx.clock.now();
    const invitation = await t.ctx.db
      .insertInto('invitations')
      .values({ token_hash: createHash('sha256').update(randomBytes(32)).digest('hex'), created_by: z.pieter.personId, created_at: now, expires_at: new Date(now.getTime() + DAY), valid_from: dayPlus(0), valid_until: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await runAssignmentSchedule(t.ctx);
    const open = await t.ctx.db.selectFrom('invitations').select(['status']).where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(open.status).toBe('open');
    t.ctx.clock.advance(DAY + 1000);
    expect((await runAssignmentSchedule(t.ctx)).invitations).toBeGreaterThanOrEqual(1);
    const expired = await t.ctx.db.selectFrom('invitations').select(['status', 'closed_at']).where('id', '=', invitation.id).executeTakeFirstOrThrow();
    expect(expired.status).toBe('expired');
    expect(expired.closed_at).not.toBeNull();
  });

  it('moves each row exactly once when two nodes run the job at the same moment', async () => {
    const start = dayPlus(1);
    const roles = ['relecteur', 'redacteur', 'editeur', 'gestionnaire', 'proprietaire'];
    const ids: string[] = [];
    for (const nrn of [DEMO.persons.encoders[2], DEMO.persons.encoders[3], DEMO.persons.accessManagers[1], DEMO.persons.coPrincipalAccessManager]) {
      for (const role of roles) ids.push((await assign(nrn, role, start, null, `${nrn}@zephyr.example`)).assignment.id);
    }
    t.ctx.clock.advance(DAY);
    const [a, b] = await Promise.all([runAssignmentSchedule(t.ctx), runAssignmentSchedule(t.ctx)]);
    expect(a.started + b.started).toBe(ids.length);
    const lines = await t.ctx.db.selectFrom('assignment_history').select(['assignment_id']).where('assignment_id', 'in', ids).where('action', '=', 'started').execute();
    expect(lines.length).toBe(ids.length);
    expect(new Set(lines.map((l) => l.assignment_id)).size).toBe(ids.length);
    for (const id of ids) expect(await statusOf(id)).toBe('active');
  });
});
