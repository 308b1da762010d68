import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { createUnit } from './members/service';
import { actor } from './members/test-fixture';
import { today } from './model';
import { designatePrincipal, type Unit } from './service';

/*
 * Social-security access management over HTTP: the principal of the CPAS
 * designates a local manager per capacity, the entity access responsible
 * designates a co-local manager, and a local manager manages the users of
 * their capacity only. The enterprise bar links only to what one may open.
 */

let t: TestApp;
const P = DEMO.persons;
const CPAS = DEMO.enterprises.cpas;
const ZEPHYR = DEMO.enterprises.main;
const base = `/organisations/${CPAS}`;
let social: Unit;
let communal: Unit;
let from: string;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  const marc = await actor(t, P.cpasChair);
  await designatePrincipal(t.ctx, marc, { enterpriseNumber: CPAS, nrn: P.cpasChair, email: 'direction@cpas-val-fleuri.be', phone: '+3227407992', expectedPrincipalId: null });
  social = await createUnit(t.ctx, marc, CPAS, { kind: 'capacity', name: 'Action sociale', number: '212685564-01' });
  communal = await createUnit(t.ctx, marc, CPAS, { kind: 'capacity', name: 'Services communaux', number: '212685564-02' });
  const helene = await actor(t, P.legalRepresentative);
  await designatePrincipal(t.ctx, helene, { enterpriseNumber: ZEPHYR, nrn: P.principalAccessManager, email: 'direction@zephyr.be', phone: '+3227407992', expectedPrincipalId: null });
  from = today(t.ctx.clock.now());
});
afterAll(() => t.close());

async function identified(nrn: string, lang = 'fr') {
  const browser = new TestBrowser(t.app, { 'accept-language': lang });
  await signIn(t, browser, nrn, 'eid');
  return browser;
}
const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'body_text']).where('recipient', '=', to).orderBy('id').execute();
const audit = (action: string) => t.ctx.db.selectFrom('audit_events').select(['details']).where('action', '=', action).orderBy('seq').execute();
const sectionLinks = (body: string) => [...body.matchAll(/class="enterprise-bar__sections">([\s\S]*?)<\/ul>/g)].flatMap((m) => [...m[1]!.matchAll(/href="([^"]+)"/g)].map((h) => h[1]));

async function designate(browser: TestBrowser, form: Record<string, string>) {
  await browser.get(`${base}/managers/new`);
  const check = await browser.post(`${base}/managers/new`, { ...form, _action: 'check' });
  if (check.statusCode !== 200) return check;
  return browser.post(`${base}/managers/new`, { ...form, _action: 'confirm' });
}

describe('local managers per capacity', () => {
  it('the principal is offered the local manager kind and the capacities of the enterprise', async () => {
    const marc = await identified(P.cpasChair);
    const page = await marc.get(`${base}/managers/new`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="entity_access_responsible"');
    expect(page.body).toContain('value="local_manager"');
    expect(page.body).toContain('Action sociale (Qualité)');
    expect(page.body).toContain('Services communaux (Qualité)');
  });

  it('a local manager needs a unit of this enterprise', async () => {
    const marc = await identified(P.cpasChair);
    const form = { kind: 'local_manager', unitId: '', nrn: P.localManager, email: 'isabelle@cpas-val-fleuri.be', validFrom: from, validUntil: '' };
    let page = await designate(marc, form);
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choisissez une unité de cette entreprise.');
    page = await designate(marc, { ...form, unitId: '00000000-0000-4000-8000-000000000000' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choisissez une unité de cette entreprise.');
    expect(await outbox('isabelle@cpas-val-fleuri.be')).toEqual([]);
  });

  it('the principal designates a local manager of a capacity, who is told by e-mail; audited', async () => {
    const marc = await identified(P.cpasChair);
    await marc.get(`${base}/managers/new`);
    const form = { kind: 'local_manager', unitId: social.id, nrn: P.localManager, email: 'isabelle@cpas-val-fleuri.be', validFrom: from, validUntil: '' };
    const check = await marc.post(`${base}/managers/new`, { ...form, _action: 'check' });
    expect(check.body).toContain('Isabelle');
    expect(check.body).toContain('Gestionnaire local — Action sociale');
    const done = await marc.post(`${base}/managers/new`, { ...form, _action: 'confirm' });
    expect(done.statusCode).toBe(303);
    const list = await marc.get(done.headers.location!);
    expect(list.body).toContain('Le gestionnaire a été désigné');
    expect(list.body).toContain('Gestionnaire local — Action sociale');
    const mails = await outbox('isabelle@cpas-val-fleuri.be');
    expect(mails.map((m) => m.template)).toEqual(['organisations.mandate_designated']);
    expect(mails[0]!.body_text).toContain('Action sociale');
    expect((await audit('mandate.designated')).some((e) => (e.details as { unitId?: string }).unitId === social.id)).toBe(true);
  });

  it('the entity access responsible designates a co-local manager of the same capacity', async () => {
    const marc = await identified(P.cpasChair);
    let page = await designate(marc, { kind: 'entity_access_responsible', unitId: '', nrn: P.accessManagers[1], email: 'rae@cpas-val-fleuri.be', validFrom: from, validUntil: '' });
    expect(page.statusCode).toBe(303);
    const jan = await identified(P.accessManagers[1]);
    page = await jan.get(`${base}/managers/new`);
    expect(page.body).toContain('value="local_manager"');
    expect(page.body).not.toContain('value="co_principal"');
    page = await designate(jan, { kind: 'local_manager', unitId: social.id, nrn: P.encoders[3], email: 'thomas@cpas-val-fleuri.be', validFrom: from, validUntil: '' });
    expect(page.statusCode).toBe(303);
    const list = await jan.get(`${base}/managers`);
    expect(list.body.match(/Gestionnaire local — Action sociale/g)).toHaveLength(2);
  });

  it('a local manager adds a user to their capacity and is refused for another unit', async () => {
    const isabelle = await identified(P.localManager);
    await isabelle.get(`${base}/persons/new`);
    let page = await isabelle.post(`${base}/persons/new`, { _action: 'lookup', nrn: P.bisPerson });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ferreira');
    expect(page.body).toContain(`value="${social.id}"`);
    expect(page.body).not.toContain(`value="${communal.id}"`);
    const membership = { _action: 'add', nrn: P.bisPerson, category: 'permanent_employee', workEmail: 'ana@cpas-val-fleuri.be', startDate: from, reason: 'Assistante sociale' };
    page = await isabelle.post(`${base}/persons/new`, { ...membership, unit: communal.id });
    expect(page.statusCode).toBe(403);
    page = await isabelle.post(`${base}/persons/new`, { ...membership, unit: '' });
    expect(page.statusCode).toBe(403);
    page = await isabelle.post(`${base}/persons/new`, { ...membership, unit: social.id });
    expect(page.statusCode).toBe(303);
    const list = await isabelle.get(`${base}/persons`);
    expect(list.body).toContain('Ferreira da Silva');
  });
});

describe('the enterprise bar', () => {
  it('a legal representative without a mandate sees no Persons link, which would answer 403', async () => {
    const helene = await identified(P.legalRepresentative);
    for (const path of ['managers', 'units']) {
      const page = await helene.get(`/organisations/${ZEPHYR}/${path}`);
      expect(page.statusCode).toBe(200);
      expect(sectionLinks(page.body)).toEqual([`/organisations/${ZEPHYR}`, `/organisations/${ZEPHYR}/managers`, `/organisations/${ZEPHYR}/units`]);
    }
    expect((await helene.get(`/organisations/${ZEPHYR}/persons`)).statusCode).toBe(403);
  });

  it('a local manager sees the Persons section on every page', async () => {
    const isabelle = await identified(P.localManager);
    for (const path of ['managers', 'units', 'persons', 'persons/new']) {
      const page = await isabelle.get(`${base}/${path}`);
      expect(page.statusCode).toBe(200);
      expect(sectionLinks(page.body)).toContain(`${base}/persons`);
    }
  });
});
