import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addMembership, endMembership } from '../organisations/members/service';
import { actor, zephyr, ZEPHYR } from '../organisations/members/test-fixture';
import { AppError, ForbiddenError, InputError } from '../platform/errors';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { decideRequest, historyOf, requestAssignments, requestChange, runAssignmentSchedule, type NewAssignmentInput } from './service';

const P = DEMO.persons;
let t: TestApp;
let z: Awaited<ReturnType<typeof zephyr>>;

// One database for the file (loading the registers is slow): each test uses its own persons, roles and addresses.
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  z = await zephyr(t);
});
afterAll(() => t.close());
afterEach(() => t.ctx.clock.set('2026-11-24T09:00:00Z'));

const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'subject']).where('recipient', '=', to).orderBy('id').execute();
const actions = async (id: string) => (await historyOf(t.ctx, id)).reverse().map((h) => `${h.actorId ? 'person' : 'automatic'}:${h.action}`);

const persons = [...P.encoders, P.bisPerson, P.citizen, P.auditor, P.formerDirector, P.accessManagers[1], P.coPrincipalAccessManager];
const epwRoles = ['relecteur', 'redacteur', 'editeur', 'gestionnaire', 'proprietaire'];
let used = 0;
let usedIntervat = 0;

/**
 * A person and a right nobody else in this file holds: an Espace Personnel
 * Wallon role (walloon_region: only the principal manages it), or with
 * `finances` Intervat's comptable role (Sophie manages finances too).
 */
async function fresh(domain: 'walloon_region' | 'finances' = 'walloon_region') {
  const n = domain === 'finances' ? usedIntervat++ : used++;
  const nrn = domain === 'finances' ? persons[persons.length - 1 - n]! : persons[Math.floor(n / epwRoles.length)]!;
  const who = await actor(t, nrn);
  const email = `${domain}-${n}@example.be`;
  const input = (over: Partial<NewAssignmentInput> = {}): NewAssignmentInput => ({
    personId: who.personId,
    enterpriseNumber: ZEPHYR,
    unitId: null,
    applicationId: domain === 'finances' ? 'intervat' : 'espace-personnel-wallon',
    roleCode: domain === 'finances' ? 'comptable' : epwRoles[n % epwRoles.length]!,
    validFrom: '2026-11-24',
    validUntil: null,
    contactEmail: email,
    ...over,
  });
  return { who, email, input };
}

describe('new role assignments', () => {
  it('a principal access manager assigns a role directly: active at once, with the guide’s history and an e-mail', async () => {
    const f = await fresh();
    const [outcome] = await requestAssignments(t.ctx, z.pieter, [f.input()], { via: 'manager' });
    expect(outcome!.decided).toBe(true);
    expect(outcome!.assignment.status).toBe('active');
    expect(await actions(outcome!.assignment.id)).toEqual(['person:assign.requested', 'person:assign.approved', 'automatic:granted']);
    expect((await outbox(f.email)).map((m) => m.template)).toEqual(['access.granted']);
  });

  it('a start date ahead schedules the right, and the scheduled job starts it on that day', async () => {
    const f = await fresh();
    const [outcome] = await requestAssignments(t.ctx, z.pieter, [f.input({ validFrom: '2026-12-01' })], { via: 'manager' });
    expect(outcome!.assignment.status).toBe('scheduled');
    t.ctx.clock.set('2026-11-30T22:59:00Z');
    expect((await runAssignmentSchedule(t.ctx)).started).toBe(0);
    t.ctx.clock.set('2026-11-30T23:30:00Z'); // 1 December in Brussels
    expect((await runAssignmentSchedule(t.ctx)).started).toBe(1);
    expect((await actions(outcome!.assignment.id)).at(-1)).toBe('automatic:started');
  });

  it('a person’s own request waits for a manager, who is told by e-mail', async () => {
    const f = await fresh();
    const before = (await outbox('direction@zephyr.be')).length;
    const [outcome] = await requestAssignments(t.ctx, f.who, [f.input()], { via: 'self' });
    expect(outcome!.decided).toBe(false);
    expect(outcome!.assignment.status).toBe('requested');
    expect((await outbox(f.email)).map((m) => m.template)).toEqual(['access.request_received']);
    expect((await outbox('direction@zephyr.be')).slice(before).map((m) => m.template)).toEqual(['access.task_waiting']);
  });

  it('a person may not request a role for someone else, nor a manager of another domain assign it', async () => {
    const [a, b] = [await fresh('finances'), await fresh()];
    await expect(requestAssignments(t.ctx, a.who, [b.input()], { via: 'self' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(requestAssignments(t.ctx, z.sophie, [b.input()], { via: 'manager' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('refuses a second live assignment of the same role, an unknown role, a unit where none or another is needed, and a bad period', async () => {
    const f = await fresh();
    await requestAssignments(t.ctx, z.pieter, [f.input()], { via: 'manager' });
    const refused = async (input: NewAssignmentInput) => requestAssignments(t.ctx, z.pieter, [input], { via: 'manager' }).then(() => null, (e: AppError) => e.code);
    expect(await refused(f.input())).toBe('access.errors.already_assigned');
    expect(await refused(f.input({ roleCode: 'nope' }))).toBe('access.errors.role_unknown');
    const voucher = { applicationId: 'dienstencheques', roleCode: 'raadpleger' };
    expect(await refused(f.input(voucher))).toBe('access.errors.unit_required');
    expect(await refused(f.input({ ...voucher, unitId: z.own.id }))).toBeNull();
    expect(await refused(f.input({ unitId: z.own.id }))).toBe('access.errors.unit_not_allowed');
    expect(await refused(f.input({ validFrom: '2026-11-23' }))).toBe('access.errors.start_in_past');
    expect(await refused(f.input({ validFrom: '2026-12-10', validUntil: '2026-12-09' }))).toBe('access.errors.end_before_start');
  });

  it('one refused right in a batch leaves nothing behind', async () => {
    const [a, b] = [await fresh(), await fresh()];
    const count = async () => (await t.ctx.db.selectFrom('role_assignments').select('id').execute()).length;
    const before = await count();
    await expect(requestAssignments(t.ctx, z.pieter, [a.input(), b.input({ roleCode: 'nope' })], { via: 'manager' })).rejects.toBeInstanceOf(InputError);
    expect(await count()).toBe(before);
  });
});

describe('decisions', () => {
  async function pending() {
    const f = await fresh('finances');
    const [outcome] = await requestAssignments(t.ctx, f.who, [f.input()], { via: 'self' });
    return { ...f, ...outcome! };
  }

  it('a manager of the domain approves; the requester is told', async () => {
    const p = await pending();
    const done = await decideRequest(t.ctx, z.sophie, p.request.id, { decision: 'approve' });
    expect(done.assignment.status).toBe('active');
    expect(await actions(p.assignment.id)).toEqual(['person:assign.requested', 'person:assign.approved', 'automatic:granted']);
    expect((await outbox(p.email)).map((m) => m.template)).toEqual(['access.request_received', 'access.granted']);
  });

  it('a rejection needs a reason and tells the requester why', async () => {
    const p = await pending();
    await expect(decideRequest(t.ctx, z.sophie, p.request.id, { decision: 'reject', reason: '  ' })).rejects.toMatchObject({ code: 'access.errors.reason_required' });
    const done = await decideRequest(t.ctx, z.sophie, p.request.id, { decision: 'reject', reason: 'Pas de comptabilité chez nous' });
    expect(done.assignment.status).toBe('rejected');
    expect((await outbox(p.email)).map((m) => m.template)).toEqual(['access.request_received', 'access.rejected']);
  });

  it('someone who may not decide is refused', async () => {
    const p = await pending();
    await expect(decideRequest(t.ctx, z.isabelle, p.request.id, { decision: 'approve' })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('two managers deciding the same request at the same moment: exactly one decision, the other is told', async () => {
    const p = await pending();
    const results = await Promise.allSettled([
      decideRequest(t.ctx, z.pieter, p.request.id, { decision: 'approve' }),
      decideRequest(t.ctx, z.sophie, p.request.id, { decision: 'reject', reason: 'Non' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const loser = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(loser.reason).toMatchObject({ code: 'access.errors.already_decided', status: 409 });
    const decisions = (await actions(p.assignment.id)).filter((a) => a.endsWith('.approved') || a.endsWith('.rejected'));
    expect(decisions).toHaveLength(1);
  });
});

describe('changes to a right', () => {
  async function active(over: Partial<NewAssignmentInput> = {}) {
    const f = await fresh();
    const [outcome] = await requestAssignments(t.ctx, z.pieter, [f.input(over)], { via: 'manager' });
    return { ...f, assignment: outcome!.assignment };
  }

  it('a manager stops a right: suspended, the guide’s history, an e-mail; then restarts it', async () => {
    const a = await active();
    const stopped = await requestChange(t.ctx, z.pieter, a.assignment.id, { kind: 'stop' });
    expect(stopped.assignment.status).toBe('stopped');
    expect((await actions(a.assignment.id)).slice(-2)).toEqual(['person:stop.requested', 'person:stop.approved']);
    expect((await outbox(a.email)).map((m) => m.template)).toEqual(['access.granted', 'access.changed']);
    // As the guide's e-mail: the role, its validity, the enterprise and who approved.
    const [mail] = await t.ctx.db.selectFrom('outbox_messages').select('body_text').where('recipient', '=', a.email).where('template', '=', 'access.changed').execute();
    // In the person's language (whichever `fresh` gave): the values are the same in all four.
    expect(mail!.body_text).toContain('24/11/2026 - ');
    expect(mail!.body_text).toContain('(0723.641.873)');
    expect(mail!.body_text).toContain('Pieter Claes');
    expect((await requestChange(t.ctx, z.pieter, a.assignment.id, { kind: 'restart' })).assignment.status).toBe('active');
  });

  it('deactivates temporarily and reactivates; refuses what the state does not allow', async () => {
    const a = await active();
    expect((await requestChange(t.ctx, z.pieter, a.assignment.id, { kind: 'deactivate' })).assignment.status).toBe('deactivated');
    await expect(requestChange(t.ctx, z.pieter, a.assignment.id, { kind: 'deactivate' })).rejects.toMatchObject({ code: 'access.errors.not_possible' });
    expect((await requestChange(t.ctx, z.pieter, a.assignment.id, { kind: 'reactivate' })).assignment.status).toBe('active');
  });

  it('changes the expiry, refusing a date in the past', async () => {
    const a = await active();
    await expect(requestChange(t.ctx, z.pieter, a.assignment.id, { kind: 'change_validity', validUntil: '2026-11-01' })).rejects.toMatchObject({ code: 'access.errors.end_in_past' });
    expect((await requestChange(t.ctx, z.pieter, a.assignment.id, { kind: 'change_validity', validUntil: '2026-12-31' })).assignment.validUntil).toBe('2026-12-31');
  });

  it('a person stops their own right at once, but their other requests wait; strangers are refused', async () => {
    const a = await active();
    const stranger = await fresh('finances');
    await expect(requestChange(t.ctx, stranger.who, a.assignment.id, { kind: 'stop' })).rejects.toBeInstanceOf(ForbiddenError);
    const waiting = await requestChange(t.ctx, a.who, a.assignment.id, { kind: 'change_validity', validUntil: '2027-06-30' });
    expect(waiting.decided).toBe(false);
    await expect(requestChange(t.ctx, a.who, a.assignment.id, { kind: 'stop' })).rejects.toMatchObject({ code: 'access.errors.request_pending' });
    await decideRequest(t.ctx, z.pieter, waiting.request.id, { decision: 'reject', reason: 'Non' });
    expect((await requestChange(t.ctx, a.who, a.assignment.id, { kind: 'stop' })).assignment.status).toBe('stopped');
  });

  it('the scheduled job ends a right after its end date and cancels its pending request', async () => {
    const a = await active({ validUntil: '2026-11-30' });
    await requestChange(t.ctx, a.who, a.assignment.id, { kind: 'deactivate' });
    t.ctx.clock.set('2026-12-01T12:00:00Z');
    expect((await runAssignmentSchedule(t.ctx)).expired).toBeGreaterThanOrEqual(1);
    expect((await actions(a.assignment.id)).slice(-2)).toEqual(['automatic:deactivate.cancelled', 'automatic:expired']);
    expect((await runAssignmentSchedule(t.ctx)).expired).toBe(0);
  });
});

describe('rights held through a membership', () => {
  it('end with it, in the same transaction', async () => {
    const f = await fresh();
    const person = await t.ctx.db.selectFrom('persons').select('nrn').where('id', '=', f.who.personId).executeTakeFirstOrThrow();
    const membership = await addMembership(t.ctx, z.pieter, {
      enterpriseNumber: ZEPHYR,
      nrn: person.nrn,
      unitId: null,
      category: 'permanent_employee',
      workEmail: f.email,
      workPhone: null,
      startDate: '2026-11-24',
      endDate: null,
      reason: 'Encodage',
    });
    const [outcome] = await requestAssignments(t.ctx, z.pieter, [f.input()], { via: 'manager' });
    expect(outcome!.assignment.membershipId).toBe(membership.id);
    await endMembership(t.ctx, z.pieter, ZEPHYR, membership.id, 'Départ');
    const after = await t.ctx.db.selectFrom('role_assignments').select('status').where('id', '=', outcome!.assignment.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('stopped');
    expect((await actions(outcome!.assignment.id)).at(-1)).toBe('person:stopped_with_membership');
  });
});
