import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../platform/errors';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { parseListQuery } from '../../platform/views/pagination';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { mandatesOfEnterprise } from '../service';
import { personsPage, SORT_KEYS } from './list';
import { addMembership, createUnit, endExpiredMemberships, endMembership, onMembershipEnded, type NewMembershipInput } from './service';
import { actor, zephyr, ZEPHYR } from './test-fixture';

let t: TestApp;
let z: Awaited<ReturnType<typeof zephyr>>;
const P = DEMO.persons;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  z = await zephyr(t);
});
afterAll(() => t.close());

const relation = (nrn: string, unitId: string | null, extra: Partial<NewMembershipInput> = {}): NewMembershipInput => ({
  enterpriseNumber: ZEPHYR,
  nrn,
  unitId,
  category: 'permanent_employee',
  workEmail: `${nrn}@zephyr.be`,
  workPhone: null,
  startDate: '2026-11-24',
  endDate: null,
  reason: 'Encodage des formulaires',
  ...extra,
});
const count = async () => (await t.ctx.db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
const audit = (action: string) => t.ctx.db.selectFrom('audit_events').select(['actor', 'details']).where('action', '=', action).orderBy('seq').execute();
const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'subject']).where('recipient', '=', to).orderBy('id').execute();
const query = (q = '') => parseListQuery({ q }, { sortKeys: SORT_KEYS, defaultSort: 'name' });

describe('adding a person to an enterprise', () => {
  it('a local manager cannot add a user to another unit or to the enterprise as a whole, and nothing changes', async () => {
    const before = await count();
    await expect(addMembership(t.ctx, z.isabelle, relation(P.encoders[0], z.other.id))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(addMembership(t.ctx, z.isabelle, relation(P.encoders[0], null))).rejects.toBeInstanceOf(ForbiddenError);
    expect(await count()).toBe(before);
  });

  it('a local manager adds a user to her own unit, audited and e-mailed', async () => {
    const m = await addMembership(t.ctx, z.isabelle, relation(P.encoders[0], z.own.id));
    expect(m.unitId).toBe(z.own.id);
    expect((await audit('membership.added')).at(-1)).toMatchObject({ actor: `person:${P.localManager}`, details: { membershipId: m.id, person: P.encoders[0] } });
    expect(await outbox(`${P.encoders[0]}@zephyr.be`)).toEqual([expect.objectContaining({ template: 'members.membership_added' })]);
  });

  it('an access manager of the enterprise adds a user to any unit or to the enterprise as a whole', async () => {
    await addMembership(t.ctx, z.sophie, relation(P.encoders[1], z.other.id));
    await addMembership(t.ctx, z.sophie, relation(P.encoders[2], null));
    const page = await personsPage(t.ctx, z.sophie, ZEPHYR, 'fr', query(), {});
    expect(page.all.map((r) => r.nrn)).toEqual(expect.arrayContaining([P.encoders[0], P.encoders[1], P.encoders[2]]));
  });

  it('refuses a second open membership of the same person in the same unit, and nothing changes', async () => {
    const before = await count();
    await expect(addMembership(t.ctx, z.pieter, relation(P.encoders[0], z.own.id))).rejects.toMatchObject({ code: 'members.errors.already_member', field: 'nrn' });
    expect(await count()).toBe(before);
  });

  it('refuses a unit of another enterprise and an end date before the start', async () => {
    await expect(addMembership(t.ctx, z.pieter, relation(P.encoders[3], '00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({ field: 'unit' });
    await expect(addMembership(t.ctx, z.pieter, relation(P.encoders[3], null, { startDate: '2026-12-10', endDate: '2026-12-01' }))).rejects.toMatchObject({ field: 'endDate' });
  });
});

describe('the persons a manager sees', () => {
  it('a local manager sees the users of her unit only, and no manager', async () => {
    const page = await personsPage(t.ctx, z.isabelle, ZEPHYR, 'fr', query(), {});
    expect(page.all.map((r) => r.nrn)).toEqual([P.encoders[0]]);
  });

  it('the principal sees managers and users, and the filters narrow the list', async () => {
    const all = await personsPage(t.ctx, z.pieter, ZEPHYR, 'fr', query(), {});
    expect(all.all.find((r) => r.nrn === P.accessManagers[0])?.type).toBe('manager');
    const managers = await personsPage(t.ctx, z.pieter, ZEPHYR, 'fr', query(), { type: 'manager' });
    expect(managers.all.every((r) => r.type === 'manager')).toBe(true);
    const inUnit = await personsPage(t.ctx, z.pieter, ZEPHYR, 'fr', query(), { unit: z.other.id });
    expect(inUnit.all.map((r) => r.nrn)).toEqual([P.encoders[1]]);
    const byNumber = await personsPage(t.ctx, z.pieter, ZEPHYR, 'fr', query('01.06.15'), {});
    expect(byNumber.all.map((r) => r.nrn)).toEqual([P.encoders[0]]);
    const byName = await personsPage(t.ctx, z.pieter, ZEPHYR, 'fr', query('naima'), {});
    expect(byName.all.map((r) => r.nrn)).toEqual([P.encoders[0]]);
  });
});

describe('ending a membership', () => {
  it('a local manager cannot end a membership in another unit', async () => {
    const page = await personsPage(t.ctx, z.pieter, ZEPHYR, 'fr', query(), { unit: z.other.id });
    const m = page.all[0]!.memberships[0]!;
    await expect(endMembership(t.ctx, z.isabelle, ZEPHYR, m.id, 'Départ')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('ends what is held through it: audited, e-mailed, the local-manager mandate revoked, the hook called', async () => {
    const isabelleMembership = await addMembership(t.ctx, z.pieter, relation(P.localManager, z.own.id, { workEmail: 'isabelle.work@zephyr.be' }));
    const seen: string[] = [];
    const off = onMembershipEnded(async (_trx, event) => void seen.push(event.membership.id));
    await endMembership(t.ctx, z.pieter, ZEPHYR, isabelleMembership.id, 'Fin de contrat');
    off();
    expect(seen).toEqual([isabelleMembership.id]);
    const ended = (await audit('membership.ended')).at(-1)!;
    expect(ended).toMatchObject({ actor: `person:${P.principalAccessManager}`, details: { membershipId: isabelleMembership.id, reason: 'Fin de contrat' } });
    expect((ended.details as { revokedMandates: string[] }).revokedMandates).toHaveLength(1);
    expect((await outbox('isabelle.work@zephyr.be')).map((m) => m.template)).toEqual(['members.membership_added', 'members.membership_ended']);
    const mandates = await mandatesOfEnterprise(t.ctx, ZEPHYR);
    expect(mandates.find((m) => m.kind === 'local_manager')?.revokedAt).not.toBeNull();
    await expect(endMembership(t.ctx, z.pieter, ZEPHYR, isabelleMembership.id, 'Encore')).rejects.toMatchObject({ code: 'members.errors.already_ended' });
  });

  it('the scheduled job ends memberships whose end date has passed, as “automatic”, once even when run twice at once', async () => {
    const m = await addMembership(t.ctx, z.pieter, relation(P.encoders[3], null, { endDate: '2026-11-30' }));
    expect(await endExpiredMemberships(t.ctx)).toEqual({ ended: 0 });
    t.ctx.clock.set('2026-12-01T08:00:00Z');
    const results = await Promise.all([endExpiredMemberships(t.ctx), endExpiredMemberships(t.ctx)]);
    expect(results[0].ended + results[1].ended).toBe(1);
    const last = (await audit('membership.ended')).at(-1)!;
    expect(last).toMatchObject({ actor: 'automatic', details: { membershipId: m.id, reason: 'end_date_passed' } });
    t.ctx.clock.set('2026-11-24T09:00:00Z');
  });
});

describe('units', () => {
  it('the principal adds a capacity; a local manager may not; a duplicate name is refused', async () => {
    const unit = await createUnit(t.ctx, z.pieter, ZEPHYR, { kind: 'capacity', name: 'Action Sociale', number: '123' });
    expect(unit).toMatchObject({ kind: 'capacity', name: 'Action Sociale', number: '123' });
    expect((await audit('unit.created')).at(-1)).toMatchObject({ actor: `person:${P.principalAccessManager}` });
    await expect(createUnit(t.ctx, z.pieter, ZEPHYR, { kind: 'capacity', name: 'action sociale', number: '' })).rejects.toMatchObject({ field: 'name' });
    const someone = await actor(t, P.encoders[0]);
    await expect(createUnit(t.ctx, someone, ZEPHYR, { kind: 'sub_entity', name: 'Atelier', number: '' })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
