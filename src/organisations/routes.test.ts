import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';

let t: TestApp;
const P = DEMO.persons;
const ZEPHYR = DEMO.enterprises.main;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
});
afterAll(() => t.close());

const wizardState = (body: string) => /name="_wizard" value="([^"]*)"/.exec(body)?.[1] ?? '';
const count = async (table: 'enterprises' | 'mandates') => (await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

async function identified(nrn: string, lang = 'fr', key: 'eid' | 'itsme' | 'password' = 'eid') {
  const browser = new TestBrowser(t.app, { 'accept-language': lang });
  await signIn(t, browser, nrn, key);
  return browser;
}

describe('registering an enterprise', () => {
  it('sends a person identified below the high level to identify with eID or itsme', async () => {
    const browser = await identified(P.legalRepresentative, 'fr', 'password');
    const page = await browser.get('/organisations/register');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?return=%2Forganisations%2Fregister&loa=high');
    const anonymous = await new TestBrowser(t.app).get(`/organisations/${ZEPHYR}/managers`);
    expect(anonymous.statusCode).toBe(303);
  });

  it('refuses an invalid number in the person’s language, and changes nothing', async () => {
    const browser = await identified(P.legalRepresentative, 'nl');
    await browser.get('/organisations/register');
    const page = await browser.post('/organisations/register', { _step: 'enterprise', _action: 'next', enterpriseNumber: '0723.641.874' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Dit ondernemingsnummer is niet geldig: de controlecijfers kloppen niet.');
    expect(page.body).toContain('aria-invalid="true"');
    expect(page.body).toMatch(/lang="nl"/);
    expect(await count('enterprises')).toBe(0);
  });

  it('refuses a person who does not represent the enterprise, with the reason', async () => {
    for (const [nrn, number] of [
      [P.auditor, ZEPHYR],
      [P.formerDirector, ZEPHYR],
      [P.legalRepresentative, DEMO.enterprises.formerlyRepresented],
    ] as const) {
      const browser = await identified(nrn);
      await browser.get('/organisations/register');
      const page = await browser.post('/organisations/register', { _step: 'enterprise', _action: 'next', enterpriseNumber: number });
      expect(page.statusCode).toBe(400);
      expect(page.body).toContain('ne vous reconnaît pas de fonction légale actuelle');
    }
    const unknown = await identified(P.legalRepresentative);
    await unknown.get('/organisations/register');
    const page = await unknown.post('/organisations/register', { _step: 'enterprise', _action: 'next', enterpriseNumber: '0999.999.999' });
    expect(page.statusCode).toBe(400);
    expect(await count('enterprises')).toBe(0);
  });

  it('walks the guide: enterprise, principal (another person, looked up), “Oui, je confirme”, designated', async () => {
    const browser = await identified(P.legalRepresentative);
    await browser.get('/organisations/register');
    let page = await browser.post('/organisations/register', { _step: 'enterprise', _action: 'next', enterpriseNumber: '0723 641 873' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ateliers Zéphyr');
    expect(page.body).toContain('0723.641.873');
    expect(page.body).toContain('adresse générale');
    let state = wizardState(page.body);

    page = await browser.post('/organisations/register', { _wizard: state, _step: 'principal', _action: 'lookup', who: 'other', nrn: '85.02.11-137.71', email: '', phone: '' });
    expect(page.body).toContain('Registre national : Pieter Claes');

    page = await browser.post('/organisations/register', { _wizard: state, _step: 'principal', _action: 'next', who: 'other', nrn: '85021113771', email: 'pas-une-adresse', phone: 'abc' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Indiquez une adresse e-mail de la forme');
    expect(page.body).toContain('Indiquez un numéro de téléphone');

    page = await browser.post('/organisations/register', { _wizard: state, _step: 'principal', _action: 'next', who: 'other', nrn: '85021113771', email: 'Direction@Zephyr.be', phone: '02 740 79 92', expected: '' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Conditions d’activation');
    expect(page.body).toContain('Pieter');
    expect(page.body).toContain('+3227407992');
    state = wizardState(page.body);

    page = await browser.post('/organisations/register', { _wizard: state, _step: 'overview', _action: 'confirm' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Cochez « Oui, je confirme »');
    expect(await count('mandates')).toBe(0);

    page = await browser.post('/organisations/register', { _wizard: state, _step: 'overview', _action: 'confirm', declaration: 'yes' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/organisations/${ZEPHYR}/registered`);
    page = await browser.get(page.headers.location!);
    expect(page.body).toContain('Gestionnaire d’Accès Principal désigné !');
    expect(page.body).toContain('direction@zephyr.be');
    expect(page.body).toContain(`href="/organisations/${ZEPHYR}/managers"`);
    const mail = await t.ctx.db.selectFrom('outbox_messages').select(['template', 'lang']).where('recipient', '=', 'direction@zephyr.be').execute();
    expect(mail.map((m) => m.template)).toEqual(['organisations.principal_designated']);
  });
});

describe('the managers of an enterprise', () => {
  it('the principal designates an access manager for a domain, after seeing the name from the register', async () => {
    const browser = await identified(P.principalAccessManager);
    let page = await browser.get(`/organisations/${ZEPHYR}/managers`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Pieter Claes');
    page = await browser.get(`/organisations/${ZEPHYR}/managers/new`);
    // The domains offered are the catalog's, named by it.
    expect(page.body).toMatch(/<option value="federal_personnel"[^>]*>Personnel fédéral<\/option>/);
    const form = { kind: 'domain_access_manager', domain: 'finances', nrn: '90.09.03-246.65', email: 'sophie@zephyr.be', validFrom: '2026-11-24', validUntil: '' };
    page = await browser.post(`/organisations/${ZEPHYR}/managers/new`, { ...form, domain: '', _action: 'check' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choisissez le domaine');
    page = await browser.post(`/organisations/${ZEPHYR}/managers/new`, { ...form, _action: 'check' });
    expect(page.body).toContain('Sophie Lambert');
    expect(await count('mandates')).toBe(1);
    page = await browser.post(`/organisations/${ZEPHYR}/managers/new`, { ...form, nrn: '90090324665', _action: 'confirm' });
    expect(page.statusCode).toBe(303);
    page = await browser.get(page.headers.location!);
    expect(page.body).toContain('Le gestionnaire a été désigné');
    expect(page.body).toMatch(/Gestionnaire d’Accès — Finances/);
  });

  it('an access manager cannot designate, and a stranger cannot even see the managers', async () => {
    const sophie = await identified(P.accessManagers[0]!);
    const page = await sophie.get(`/organisations/${ZEPHYR}/managers`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('/managers/new');
    expect((await sophie.get(`/organisations/${ZEPHYR}/managers/new`)).statusCode).toBe(404);
    const emma = await identified(P.citizen);
    expect((await emma.get(`/organisations/${ZEPHYR}/managers`)).statusCode).toBe(403);
    expect((await emma.get('/organisations/not-a-number/managers')).statusCode).toBe(404);
  });

  it('the principal revokes a mandate after confirming', async () => {
    const browser = await identified(P.principalAccessManager);
    const page = await browser.get(`/organisations/${ZEPHYR}/managers`);
    const revoke = /href="(\/organisations\/\d+\/managers\/[0-9a-f-]+\/revoke)"/.exec(page.body)![1]!;
    const confirm = await browser.get(revoke);
    expect(confirm.body).toContain('Révoquer ce mandat ?');
    const done = await browser.post(revoke, {});
    expect(done.statusCode).toBe(303);
    expect((await browser.get(done.headers.location!)).body).toContain('Le mandat a été révoqué');
    const outsider = await identified(P.citizen);
    await outsider.get('/organisations/register');
    expect((await outsider.post(revoke, {})).statusCode).toBe(404);
  });
});
