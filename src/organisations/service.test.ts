import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personForIdentification } from '../identity/service';
import { AppError, ForbiddenError, InputError } from '../platform/errors';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { createUnit, currentMandatesOf, designateManager, designatePrincipal, mandatesOfEnterprise, revokeManager, type ActorRef } from './service';

let t: TestApp;
const P = DEMO.persons;
const ZEPHYR = DEMO.enterprises.main;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
});
afterAll(() => t.close());

async function actor(nrn: string): Promise<ActorRef> {
  const person = await personForIdentification(t.ctx, nrn);
  return { personId: person.id, nrn: person.nrn };
}

const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'subject', 'lang']).where('recipient', '=', to).orderBy('id').execute();
const audit = (action: string) => t.ctx.db.selectFrom('audit_events').select(['actor', 'target', 'details']).where('action', '=', action).orderBy('seq').execute();

describe('designating the principal access manager', () => {
  it('refuses a person who does not represent the enterprise, and changes nothing', async () => {
    for (const nrn of [P.auditor, P.formerDirector, P.citizen]) {
      const who = await actor(nrn);
      await expect(
        designatePrincipal(t.ctx, who, { enterpriseNumber: ZEPHYR, nrn, email: 'x@example.be', phone: '+3227407992', expectedPrincipalId: null }),
      ).rejects.toMatchObject({ code: 'organisations.errors.not_representative', field: 'enterpriseNumber' });
    }
    expect(await t.ctx.db.selectFrom('enterprises').selectAll().execute()).toEqual([]);
    expect(await t.ctx.db.selectFrom('mandates').selectAll().execute()).toEqual([]);
  });

  it('two concurrent first designations resolve to exactly one principal', async () => {
    const helene = await actor(P.legalRepresentative);
    const attempt = (nrn: string, email: string) =>
      designatePrincipal(t.ctx, helene, { enterpriseNumber: ZEPHYR, nrn, email, phone: '+3227407992', expectedPrincipalId: null });
    const results = await Promise.allSettled([attempt(P.principalAccessManager, 'direction@zephyr.be'), attempt(P.legalRepresentative, 'helene@zephyr.be')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(AppError);
    expect(failed.reason.code).toBe('organisations.errors.principal_changed');
    const live = (await mandatesOfEnterprise(t.ctx, ZEPHYR)).filter((m) => m.kind === 'principal' && m.revokedAt === null);
    expect(live).toHaveLength(1);
    expect(await audit('enterprise.registered')).toHaveLength(1);
  });

  it('lets a legal representative replace the principal; the former one is told by e-mail', async () => {
    const helene = await actor(P.legalRepresentative);
    const before = (await mandatesOfEnterprise(t.ctx, ZEPHYR)).find((m) => m.kind === 'principal' && m.revokedAt === null)!;
    const formerEmail = before.contactEmail!;
    const result = await designatePrincipal(t.ctx, helene, {
      enterpriseNumber: ZEPHYR,
      nrn: P.principalAccessManager,
      email: 'acces@zephyr.be',
      phone: '+32470123402',
      expectedPrincipalId: before.id,
    });
    expect(result.registered).toBe(false);
    expect(result.replaced?.id).toBe(before.id);
    expect(result.replaced?.revokedReason).toBe('replaced');
    expect((await outbox('acces@zephyr.be')).map((m) => m.template)).toEqual(['organisations.principal_designated']);
    if (before.personId !== result.mandate.personId) expect((await outbox(formerEmail)).map((m) => m.template)).toContain('organisations.principal_replaced');
    // A decision on the outdated view changes nothing.
    await expect(
      designatePrincipal(t.ctx, helene, { enterpriseNumber: ZEPHYR, nrn: P.legalRepresentative, email: 'h@zephyr.be', phone: '+32470123401', expectedPrincipalId: before.id }),
    ).rejects.toMatchObject({ code: 'organisations.errors.principal_changed' });
  });

  it('refuses an unknown person as principal', async () => {
    const helene = await actor(P.legalRepresentative);
    await expect(
      designatePrincipal(t.ctx, helene, { enterpriseNumber: ZEPHYR, nrn: '99010100183', email: 'a@b.be', phone: '+3227407992', expectedPrincipalId: null }),
    ).rejects.toBeInstanceOf(InputError);
  });
});

describe('mandates', () => {
  it('the principal designates an access manager for a domain, who may then act in that domain only', async () => {
    const pieter = await actor(P.principalAccessManager);
    const sophie = await actor(P.accessManagers[0]!);
    const mandate = await designateManager(t.ctx, pieter, {
      enterpriseNumber: ZEPHYR,
      kind: 'domain_access_manager',
      domain: 'finances',
      nrn: P.accessManagers[0]!,
      email: 'sophie@zephyr.be',
      validFrom: '2026-11-24',
      validUntil: '2027-11-23',
    });
    expect(mandate).toMatchObject({ kind: 'domain_access_manager', domain: 'finances', validUntil: '2027-11-23' });
    expect((await outbox('sophie@zephyr.be')).map((m) => m.template)).toEqual(['organisations.mandate_designated']);
    expect((await currentMandatesOf(t.ctx, sophie.personId)).map((m) => m.id)).toEqual([mandate.id]);
    // Sophie cannot designate a co-principal, nor an access manager for another domain.
    await expect(
      designateManager(t.ctx, sophie, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'mobility', nrn: P.accessManagers[1]!, email: 'jan@zephyr.be', validFrom: '2026-11-24', validUntil: null }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    // The same mandate twice for an overlapping period is refused.
    await expect(
      designateManager(t.ctx, pieter, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'finances', nrn: P.accessManagers[0]!, email: 's@zephyr.be', validFrom: '2027-01-01', validUntil: null }),
    ).rejects.toMatchObject({ code: 'organisations.errors.already_holds' });
    // Domains are the catalog's: one it does not have is refused.
    await expect(
      designateManager(t.ctx, pieter, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'brussels', nrn: P.accessManagers[1]!, email: 'jan@zephyr.be', validFrom: '2026-11-24', validUntil: null }),
    ).rejects.toMatchObject({ code: 'organisations.errors.domain' });
  });

  it('a co-principal cannot designate co-principals; a mandate cannot start in the past', async () => {
    const pieter = await actor(P.principalAccessManager);
    const chloe = await actor(P.coPrincipalAccessManager);
    await designateManager(t.ctx, pieter, { enterpriseNumber: ZEPHYR, kind: 'co_principal', nrn: P.coPrincipalAccessManager, email: 'chloe@zephyr.be', validFrom: '2026-11-24', validUntil: null });
    await expect(
      designateManager(t.ctx, chloe, { enterpriseNumber: ZEPHYR, kind: 'co_principal', nrn: P.accessManagers[1]!, email: 'jan@zephyr.be', validFrom: '2026-11-24', validUntil: null }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    await expect(
      designateManager(t.ctx, chloe, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'mobility', nrn: P.accessManagers[1]!, email: 'jan@zephyr.be', validFrom: '2026-11-01', validUntil: null }),
    ).rejects.toMatchObject({ code: 'organisations.errors.from_past' });
  });

  it('a local manager is scoped to a unit of the enterprise, and revoking ends what the mandate granted', async () => {
    const pieter = await actor(P.principalAccessManager);
    const unit = await createUnit(t.ctx, { enterpriseNumber: ZEPHYR, kind: 'capacity', number: '101', name: 'Action sociale' });
    const isabelle = await actor(P.localManager);
    const mandate = await designateManager(t.ctx, pieter, { enterpriseNumber: ZEPHYR, kind: 'local_manager', unitId: unit.id, nrn: P.localManager, email: 'isabelle@zephyr.be', validFrom: '2026-11-24', validUntil: null });
    expect((await currentMandatesOf(t.ctx, isabelle.personId)).map((m) => m.unitId)).toEqual([unit.id]);
    await revokeManager(t.ctx, pieter, ZEPHYR, mandate.id);
    expect(await currentMandatesOf(t.ctx, isabelle.personId)).toEqual([]);
    expect((await outbox('isabelle@zephyr.be')).map((m) => m.template)).toEqual(['organisations.mandate_designated', 'organisations.mandate_revoked']);
    expect((await audit('mandate.revoked')).at(-1)).toMatchObject({ actor: `person:${P.principalAccessManager}`, target: `enterprise:${ZEPHYR}` });
  });

  it('nobody revokes the principal: a principal is replaced', async () => {
    const pieter = await actor(P.principalAccessManager);
    const principal = (await mandatesOfEnterprise(t.ctx, ZEPHYR)).find((m) => m.kind === 'principal' && m.revokedAt === null)!;
    await expect(revokeManager(t.ctx, pieter, ZEPHYR, principal.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('an expired mandate grants nothing', async () => {
    const pieter = await actor(P.principalAccessManager);
    const jan = await actor(P.accessManagers[1]!);
    await designateManager(t.ctx, pieter, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'finances', nrn: P.accessManagers[1]!, email: 'jan@zephyr.be', validFrom: '2026-11-24', validUntil: '2026-11-30' });
    t.ctx.clock.advance(10 * 24 * 3600_000);
    try {
      expect(await currentMandatesOf(t.ctx, jan.personId)).toEqual([]);
      await expect(
        designateManager(t.ctx, jan, { enterpriseNumber: ZEPHYR, kind: 'application_administrator', domain: 'finances', application: 'tax-on-web', nrn: P.encoders[0]!, email: 'n@zephyr.be', validFrom: '2026-12-04', validUntil: null }),
      ).rejects.toBeInstanceOf(ForbiddenError);
    } finally {
      t.ctx.clock.set('2026-11-24T09:00:00Z');
    }
  });
});
