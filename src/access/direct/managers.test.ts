import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { encodeWizardState } from '../../platform/views/wizard-state';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { directFixture, TODAY, ZEPHYR } from './test-fixture';

let t: TestApp;
let f: Awaited<ReturnType<typeof directFixture>>;
const P = DEMO.persons;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await directFixture(t);
});
afterAll(() => t.close());

async function identified(nrn: string) {
  const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
  await signIn(t, browser, nrn, 'eid');
  return browser;
}
const assignments = () => t.ctx.db.selectFrom('role_assignments').select(['person_id', 'application_id', 'role_code', 'unit_id', 'status', 'contact_email']).orderBy('created_at').execute();
const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'body_text']).where('recipient', '=', to).orderBy('id').execute();
const audit = (action: string) => t.ctx.db.selectFrom('audit_events').select(['actor', 'details']).where('action', '=', action).orderBy('seq').execute();

describe('adding an application to several users of a capacity (social security)', () => {
  const path = () => `/access/enterprises/${ZEPHYR}/capacities/${f.social.id}`;

  it('lets the local manager add MyHandicap to two users of her capacity at once', async () => {
    const isabelle = await identified(P.localManager);
    const list = await isabelle.get(`/access/enterprises/${ZEPHYR}/capacities`);
    expect(list.body).toContain('Action sociale');
    expect(list.body).not.toContain('Aide familiale');
    let page = await isabelle.get(path());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Benali');
    expect(page.body).toContain('Maes');
    expect(page.body).not.toContain('Schmitz');
    expect(page.body).toContain('MyHandicap – ');
    expect(page.body).not.toContain('Espace Personnel Wallon');
    page = await isabelle.post(path(), { _action: 'check', validFrom: TODAY });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Sélectionnez au moins un utilisateur.');
    const form = { p: [f.persons.naima.personId, f.persons.lucas.personId], role: ['myhandicap/agent'], validFrom: TODAY, validUntil: '' };
    page = await isabelle.post(path(), { ...form, _action: 'check' });
    expect(page.body).toContain('Ajout d’application(s) à un groupe d’utilisateurs');
    expect(await assignments()).toEqual([]);
    page = await isabelle.post(path(), { ...form, _action: 'confirm' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Les applications que vous avez sélectionnées ont été ajoutées aux utilisateurs que vous avez sélectionnés (2 attribution(s) de rôle).');
    const made = await assignments();
    expect(made.map((a) => [a.application_id, a.role_code, a.unit_id, a.status])).toEqual([
      ['myhandicap', 'agent', f.social.id, 'active'],
      ['myhandicap', 'agent', f.social.id, 'active'],
    ]);
    expect((await outbox('naima@zephyr.be')).some((m) => m.template === 'access.granted')).toBe(true);
    // Again: nothing changes for who already holds it.
    page = await isabelle.post(path(), { ...form, _action: 'confirm' });
    expect(page.body).toContain('Déjà attribuée');
    expect(await assignments()).toHaveLength(2);
  });

  it('a local manager cannot do it for another capacity’s users', async () => {
    const isabelle = await identified(P.localManager);
    await isabelle.get(path());
    const family = `/access/enterprises/${ZEPHYR}/capacities/${f.family.id}`;
    expect((await isabelle.get(family)).statusCode).toBe(403);
    const before = (await assignments()).length;
    let page = await isabelle.post(family, { p: [f.persons.lisa.personId], role: ['myhandicap/agent'], validFrom: TODAY, _action: 'confirm' });
    expect(page.statusCode).toBe(403);
    // Nor slip another capacity's user into her own.
    page = await isabelle.post(path(), { p: [f.persons.lisa.personId], role: ['myhandicap/agent'], validFrom: TODAY, _action: 'confirm' });
    expect(page.statusCode).toBe(403);
    expect(await assignments()).toHaveLength(before);
    expect((await isabelle.get(`/access/enterprises/${ZEPHYR}/capacities/${f.own.id}`)).statusCode).toBe(404);
    expect((await isabelle.get(`/access/enterprises/${ZEPHYR}/capacities/not-a-unit`)).statusCode).toBe(404);
  });
});

describe('administrators of role assignment per application', () => {
  const base = `/access/enterprises/${ZEPHYR}/administrators`;
  const form = { application: 'espace-personnel-wallon', nrn: '95.11.27-318.71', email: 'lisa.admin@zephyr.be', validFrom: TODAY, validUntil: '' };

  it('the principal access manager designates one, checked against the register, told by e-mail naming the application, audited', async () => {
    const pieter = await identified(P.principalAccessManager);
    let page = await pieter.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="intervat">');
    page = await pieter.post(base, { ...form, nrn: '99010100118', _action: 'check' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Le registre national ne connaît aucune personne en vie portant ce numéro.');
    page = await pieter.post(base, { ...form, validUntil: '2026-11-01', _action: 'check' });
    expect(page.statusCode).toBe(400);
    page = await pieter.post(base, { ...form, _action: 'check' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lisa');
    expect(page.body).toContain('Schmitz');
    page = await pieter.post(base, { ...form, nrn: '95112731871', _action: 'confirm' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`${base}?done=designated`);
    page = await pieter.get(page.headers.location as string);
    expect(page.body).toContain('L’administrateur a été désigné');
    expect(page.body).toMatch(/Espace Personnel Wallon<\/th><td>Lisa Schmitz/);
    const [mail] = await outbox('lisa.admin@zephyr.be');
    expect(mail?.template).toBe('organisations.mandate_designated');
    // In Lisa's language (German, from the register): the application by its name, not its id.
    expect(mail?.body_text).toContain('Verwalter der Rollenzuweisungen — Wallonischer Persönlicher Bereich');
    const [event] = await audit('mandate.designated').then((events) => events.filter((e) => (e.details as { kind?: string }).kind === 'application_administrator'));
    expect(event?.details).toMatchObject({ application: 'espace-personnel-wallon', domain: 'walloon_region', person: P.encoders[2] });
    const managers = await pieter.get(`/organisations/${ZEPHYR}/managers`);
    expect(managers.body).toContain('Administrateur des attributions de rôles — Espace Personnel Wallon');
  });

  it('an application administrator then manages that application’s assignments only', async () => {
    const lisa = await identified(P.encoders[2]);
    const persons = { persons: [{ nrn: P.encoders[3], familyName: 'Renard', givenName: 'Thomas', email: 'thomas@zephyr.be' }] };
    const draft = (key: string) =>
      encodeWizardState({ enterprise: { enterprise: ZEPHYR }, roles: { roles: [key], units: [] }, persons, properties: { validFrom: TODAY, validUntil: '', unlimited: 'yes' } });
    let page = await lisa.get('/access/assign');
    expect(page.statusCode).toBe(200);
    page = await lisa.post('/access/assign', { _wizard: draft(`${ZEPHYR}/intervat/comptable`), _step: 'overview', _action: 'confirm' });
    expect(page.statusCode).toBe(403);
    page = await lisa.post('/access/assign', { _wizard: draft(`${ZEPHYR}/espace-personnel-wallon/relecteur`), _step: 'overview', _action: 'confirm' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Opération réussie');
    expect((await assignments()).some((a) => a.person_id === f.persons.thomas.personId && a.role_code === 'relecteur' && a.status === 'active')).toBe(true);
    // Managing administrators is not hers.
    expect((await lisa.get(base)).statusCode).toBe(403);
  });

  it('a domain access manager handles the administrators of its own domain’s applications only', async () => {
    const jan = await identified(P.accessManagers[1]);
    let page = await jan.get(base);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<option value="mon-aviq">');
    expect(page.body).not.toContain('<option value="intervat">');
    expect(page.body).toContain('Lisa Schmitz');
    page = await jan.post(base, { ...form, application: 'intervat', nrn: P.encoders[3], _action: 'confirm' });
    expect(page.statusCode).toBe(403);
    const sophie = await identified(P.accessManagers[0]);
    page = await sophie.get(base);
    expect(page.body).not.toContain('Lisa Schmitz');
    expect((await identified(P.localManager).then((b) => b.get(base))).statusCode).toBe(403);
  });

  it('the principal access manager revokes one, who is told by e-mail; audited', async () => {
    const pieter = await identified(P.principalAccessManager);
    const page = await pieter.get(base);
    const link = /href="([^"]+\/revoke)"/.exec(page.body)?.[1];
    expect(link).toBeDefined();
    const confirm = await pieter.get(link!);
    expect(confirm.body).toContain('ne gérera plus les attributions de rôles de Espace Personnel Wallon');
    const done = await pieter.post(link!, {});
    expect(done.statusCode).toBe(303);
    expect((await pieter.get(done.headers.location as string)).body).toContain('L’administrateur a été révoqué');
    const mails = await outbox('lisa.admin@zephyr.be');
    expect(mails.map((m) => m.template)).toEqual(['organisations.mandate_designated', 'organisations.mandate_revoked']);
    expect(mails[1]?.body_text).toContain('Wallonischer Persönlicher Bereich');
    expect(await audit('mandate.revoked')).toHaveLength(1);
    // Lisa no longer manages anything.
    expect((await identified(P.encoders[2]).then((b) => b.get('/access/assign'))).statusCode).toBe(403);
    // This page revokes administrators only, not other mandates.
    const sophieMandate = (await t.ctx.db.selectFrom('mandates').select('id').where('kind', '=', 'domain_access_manager').executeTakeFirstOrThrow()).id;
    expect((await pieter.get(`${base}/${sophieMandate}/revoke`)).statusCode).toBe(404);
  });
});
