import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, ForbiddenError, InputError } from '../../platform/errors';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { loadDemoRegisters } from '../../registries/demo';
import { requestAssignments } from '../service';
import { acceptanceOf, acceptInvitation, invitationByToken } from './accept';
import { draftFromTemplate } from './draft';
import { addDays, hashToken } from './model';
import {
  createInvitation,
  deleteTemplate,
  invitationScope,
  invitationsOf,
  openInvitationCount,
  templatesOf,
  withdrawInvitation,
} from './service';
import { guideInvitation, invitationWorld, TODAY, ZEPHYR } from './test-fixture';

let t: TestApp;
let world: Awaited<ReturnType<typeof invitationWorld>>;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  world = await invitationWorld(t);
});
afterAll(() => t.close());

const invitationCount = async () => (await t.ctx.db.selectFrom('invitations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n;
const tokenOf = (link: string) => link.split('/invitations/')[1]!;

describe('who may invite to what', () => {
  it('offers the principal every role of Zéphyr, and a domain access manager only the roles of their domain', async () => {
    const pieter = await invitationScope(t.ctx, world.pieter, 'fr');
    expect(pieter.map((e) => e.number)).toEqual([ZEPHYR]);
    const keys = pieter[0]!.roles.map((r) => r.key);
    expect(keys).toContain(`${ZEPHYR}/espace-personnel-wallon/redacteur`);
    expect(keys).toContain(`${ZEPHYR}/intervat/declarant`);
    const sophie = await invitationScope(t.ctx, world.sophie, 'fr');
    expect(new Set(sophie[0]!.roles.map((r) => r.application.domainId))).toEqual(new Set(['finances']));
  });

  it('offers nothing to a person without a mandate', async () => {
    expect(await invitationScope(t.ctx, world.naima, 'fr')).toEqual([]);
  });
});

describe('creating an invitation', () => {
  it('stores only the hash of the link, e-mails the listed person in the page language, and records the audit event', async () => {
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation(), { lang: 'nl' });
    const token = tokenOf(created.link);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await t.ctx.db.selectFrom('invitations').selectAll().where('id', '=', created.invitation.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token);
    const mail = await t.ctx.db.selectFrom('outbox_messages').select(['template', 'lang', 'body_text']).where('recipient', '=', 'cdc@ewbs.be').execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ template: 'access.invitation', lang: 'nl' });
    expect(mail[0]!.body_text).toContain(created.link);
    expect(mail[0]!.body_text).toContain('eGov');
    const audit = await t.ctx.db.selectFrom('audit_events').select(['actor', 'target']).where('action', '=', 'invitation.created').execute();
    expect(audit).toContainEqual({ actor: `person:${world.pieter.nrn}`, target: `invitation:${created.invitation.id}` });
  });

  it.each([
    ['an expiry over one year', { expiresOn: addDays(TODAY, 366) }, 'expiresOn', 'access.invitations.errors.expiry_too_far'],
    ['an expiry in the past', { expiresOn: addDays(TODAY, -1) }, 'expiresOn', 'access.invitations.errors.expiry_past'],
    ['an end before the start', { validFrom: addDays(TODAY, 10), validUntil: addDays(TODAY, 5) }, 'validUntil', 'access.errors.end_before_start'],
    ['a start in the past', { validFrom: addDays(TODAY, -3) }, 'validFrom', 'access.errors.start_in_past'],
    ['no role', { roles: [] }, 'roles', 'access.invitations.errors.roles_required'],
    ['an unknown role', { roles: [{ enterpriseNumber: ZEPHYR, unitId: null, applicationId: 'espace-personnel-wallon', roleCode: 'pirate' }] }, 'roles', 'access.errors.role_unknown'],
    ['a role that needs an end, unlimited', { roles: [{ enterpriseNumber: ZEPHYR, unitId: null, applicationId: 'intervat', roleCode: 'declarant' }] }, 'validUntil', 'access.errors.end_required'],
    ['a role that needs a unit, without one', { roles: [{ enterpriseNumber: ZEPHYR, unitId: null, applicationId: 'dienstencheques', roleCode: 'raadpleger' }] }, 'units', 'access.invitations.errors.unit_required'],
    ['a person without e-mail address', { persons: [{ familyName: 'Ducoeur', givenName: 'Chloé', email: 'not-an-address' }] }, 'persons', 'access.invitations.errors.person_incomplete'],
    ['a template without a name', { template: { name: ' ', description: 'x' } }, 'templateName', 'access.invitations.errors.template_name_required'],
  ] as const)('refuses %s and stores nothing', async (_name, change, field, code) => {
    const before = await invitationCount();
    const attempt = createInvitation(t.ctx, world.pieter, guideInvitation(change as never), { lang: 'fr' });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(attempt).rejects.toMatchObject({ field, code });
    expect(await invitationCount()).toBe(before);
  });

  it('refuses a role of a domain the actor does not manage', async () => {
    const before = await invitationCount();
    await expect(createInvitation(t.ctx, world.sophie, guideInvitation(), { lang: 'fr' })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createInvitation(t.ctx, world.naima, guideInvitation(), { lang: 'fr' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await invitationCount()).toBe(before);
  });

  it('accepts a role scoped to a unit of the enterprise, and refuses a unit of another kind or enterprise', async () => {
    const ok = guideInvitation({ roles: [{ enterpriseNumber: ZEPHYR, unitId: world.own.id, applicationId: 'dienstencheques', roleCode: 'raadpleger' }], persons: [] });
    await expect(createInvitation(t.ctx, world.pieter, ok, { lang: 'fr' })).resolves.toBeDefined();
    const wrong = guideInvitation({ roles: [{ enterpriseNumber: ZEPHYR, unitId: '00000000-0000-4000-8000-000000000000', applicationId: 'dienstencheques', roleCode: 'raadpleger' }] });
    await expect(createInvitation(t.ctx, world.pieter, wrong, { lang: 'fr' })).rejects.toMatchObject({ field: 'units', code: 'access.errors.unit_mismatch' });
  });
});

describe('accepting an invitation', () => {
  it('creates pending requests for each person who accepts, until the link is withdrawn', async () => {
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [] }), { lang: 'fr' });
    const token = tokenOf(created.link);
    const public1 = await invitationByToken(t.ctx, token, 'fr');
    expect(public1).toMatchObject({ state: 'open', inviter: 'Pieter Claes' });

    for (const person of [world.naima, world.lucas]) {
      const outcomes = await acceptInvitation(t.ctx, person, token, { contactEmail: 'encoder@zephyr.be' });
      expect(outcomes).toHaveLength(1);
      expect(outcomes[0]).toMatchObject({ decided: false, request: { status: 'pending', via: 'invitation', invitationId: created.invitation.id } });
      expect(outcomes[0]!.assignment).toMatchObject({ status: 'requested', personId: person.personId, contactEmail: 'encoder@zephyr.be', validFrom: TODAY, validUntil: null });
    }
    await expect(acceptInvitation(t.ctx, world.naima, token, { contactEmail: 'encoder@zephyr.be' })).rejects.toMatchObject({ code: 'access.invitations.errors.already_accepted' });
    expect(await acceptanceOf(t.ctx, created.invitation.id, world.naima.personId)).toHaveLength(1);
    const mine = (await invitationsOf(t.ctx, world.pieter)).find((i) => i.id === created.invitation.id)!;
    expect(mine).toMatchObject({ state: 'open', acceptances: 2 });

    await withdrawInvitation(t.ctx, world.pieter, created.invitation.id);
    expect((await invitationByToken(t.ctx, token, 'fr'))!.state).toBe('withdrawn');
    const other = await (await import('./test-fixture')).actor(t, '95112731871');
    await expect(acceptInvitation(t.ctx, other, token, { contactEmail: 'lisa@zephyr.be' })).rejects.toMatchObject({ code: 'access.invitations.errors.closed', status: 409 });
    await expect(withdrawInvitation(t.ctx, world.pieter, created.invitation.id)).rejects.toMatchObject({ code: 'access.invitations.errors.not_open' });
  });

  it('refuses, in the transaction that records it, an acceptance whose invitation was withdrawn after it was checked', async () => {
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [] }), { lang: 'fr' });
    const role = (await t.ctx.db.selectFrom('invitation_roles').selectAll().where('invitation_id', '=', created.invitation.id).executeTakeFirstOrThrow());
    await withdrawInvitation(t.ctx, world.pieter, created.invitation.id);
    // What acceptInvitation sends once its checks passed: the withdrawal came in between.
    const accepting = requestAssignments(
      t.ctx,
      world.naima,
      [{ personId: world.naima.personId, enterpriseNumber: role.enterprise_number, unitId: role.unit_id, applicationId: role.application_id, roleCode: role.role_code, validFrom: TODAY, validUntil: null, contactEmail: 'naima@zephyr.be' }],
      { via: 'invitation', invitationId: created.invitation.id },
    );
    await expect(accepting).rejects.toMatchObject({ code: 'access.invitations.errors.closed', status: 409 });
    expect(await acceptanceOf(t.ctx, created.invitation.id, world.naima.personId)).toHaveLength(0);
  });

  it('refuses an expired link, and treats an unknown or malformed one alike', async () => {
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [], expiresOn: addDays(TODAY, 1), roles: [{ enterpriseNumber: ZEPHYR, unitId: null, applicationId: 'espace-personnel-wallon', roleCode: 'editeur' }] }), { lang: 'fr' });
    const token = tokenOf(created.link);
    t.ctx.clock.advance(3 * 86_400_000);
    try {
      expect((await invitationByToken(t.ctx, token, 'fr'))!.state).toBe('expired');
      await expect(acceptInvitation(t.ctx, world.lucas, token, { contactEmail: 'lucas@zephyr.be' })).rejects.toBeInstanceOf(AppError);
      await expect(acceptInvitation(t.ctx, world.lucas, token, { contactEmail: 'lucas@zephyr.be' })).rejects.toMatchObject({ code: 'access.invitations.errors.closed' });
    } finally {
      t.ctx.clock.set('2026-11-24T09:00:00Z');
    }
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    expect(await invitationByToken(t.ctx, flipped, 'fr')).toBeUndefined();
    expect(await invitationByToken(t.ctx, 'short', 'fr')).toBeUndefined();
    await expect(acceptInvitation(t.ctx, world.lucas, flipped, { contactEmail: 'lucas@zephyr.be' })).rejects.toMatchObject({ status: 404 });
  });

  it('counts the open invitations of their author, for the home page', async () => {
    const before = await openInvitationCount(t.ctx, world.pieter);
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [] }), { lang: 'fr' });
    expect(await openInvitationCount(t.ctx, world.pieter)).toBe(before + 1);
    await withdrawInvitation(t.ctx, world.pieter, created.invitation.id);
    expect(await openInvitationCount(t.ctx, world.pieter)).toBe(before);
    expect(await openInvitationCount(t.ctx, world.sophie)).toBe(0);
  });

  it('only the author may withdraw an invitation', async () => {
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [] }), { lang: 'fr' });
    await expect(withdrawInvitation(t.ctx, world.sophie, created.invitation.id)).rejects.toMatchObject({ status: 404 });
    await expect(withdrawInvitation(t.ctx, world.pieter, 'not-a-uuid')).rejects.toMatchObject({ status: 404 });
  });
});

describe('templates', () => {
  it('saves the wizard content with the invitation, reads it back through its schema, and deletes it', async () => {
    const roles = [
      { enterpriseNumber: ZEPHYR, unitId: null, applicationId: 'intervat', roleCode: 'declarant' },
      { enterpriseNumber: ZEPHYR, unitId: world.own.id, applicationId: 'dienstencheques', roleCode: 'beheerder' },
    ];
    const created = await createInvitation(
      t.ctx,
      world.pieter,
      guideInvitation({ roles, validUntil: addDays(TODAY, 90), persons: [], template: { name: 'Comptabilité', description: 'Déclarants TVA' } }),
      { lang: 'fr' },
    );
    expect(created.templateId).not.toBeNull();
    await expect(
      createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [], template: { name: 'COMPTABILITÉ', description: 'again' } }), { lang: 'fr' }),
    ).rejects.toMatchObject({ field: 'templateName', code: 'access.invitations.errors.template_name_taken' });

    const [template] = await templatesOf(t.ctx, world.pieter);
    expect(template).toMatchObject({ name: 'Comptabilité', description: 'Déclarants TVA' });
    expect(template!.content).toMatchObject({ enterprises: [ZEPHYR], roles: [`${ZEPHYR}/intervat/declarant`, `${ZEPHYR}/dienstencheques/beheerder`], unlimited: false });
    const draft = draftFromTemplate(template!.content!, TODAY);
    expect(draft.properties).toMatchObject({ validFrom: TODAY, validUntil: addDays(TODAY, 90), units: [`${ZEPHYR}/dienstencheques/beheerder|${world.own.id}`] });
    expect(draft.details).toMatchObject({ message: 'Bienvenue dans l’équipe.' });
    expect(await templatesOf(t.ctx, world.sophie)).toEqual([]);

    await t.ctx.db.insertInto('invitation_templates').values({ owner_id: world.pieter.personId, name: 'Abîmé', content: JSON.stringify({ version: 99 }), created_at: new Date(), updated_at: new Date() }).execute();
    expect((await templatesOf(t.ctx, world.pieter)).find((x) => x.name === 'Abîmé')!.content).toBeNull();

    await expect(deleteTemplate(t.ctx, world.sophie, template!.id)).rejects.toMatchObject({ status: 404 });
    await deleteTemplate(t.ctx, world.pieter, template!.id);
    expect((await templatesOf(t.ctx, world.pieter)).map((x) => x.name)).toEqual(['Abîmé']);
  });
});
