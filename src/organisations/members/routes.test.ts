import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { addMembership, createUnit } from './service';
import { zephyr, ZEPHYR } from './test-fixture';

let t: TestApp;
let z: Awaited<ReturnType<typeof zephyr>>;
const P = DEMO.persons;
const base = `/organisations/${ZEPHYR}`;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  z = await zephyr(t);
});
afterAll(() => t.close());

async function identified(nrn: string, lang = 'fr', key: 'eid' | 'password' = 'eid') {
  const browser = new TestBrowser(t.app, { 'accept-language': lang });
  const { person } = await signIn(t, browser, nrn, key);
  return Object.assign(browser, { personId: person.id });
}
const count = async () => (await t.ctx.db.selectFrom('memberships').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

describe('adding a person by national register number', () => {
  it('needs the high level', async () => {
    const browser = await identified(P.principalAccessManager, 'fr', 'password');
    const page = await browser.get(`${base}/persons`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('loa=high');
  });

  it('refuses a form posted without its CSRF token, and changes nothing', async () => {
    const browser = await identified(P.principalAccessManager);
    const page = await browser.post(`${base}/persons/new`, { _action: 'add', nrn: P.encoders[2], unit: '', category: 'temporary', workEmail: 'lisa@zephyr.be', startDate: '2026-11-24', reason: 'x' });
    expect(page.statusCode).toBe(403);
    expect(await count()).toBe(0);
  });

  it('refuses a bad national number in the person’s language, and changes nothing', async () => {
    const browser = await identified(P.principalAccessManager, 'nl');
    await browser.get(`${base}/persons/new`);
    const page = await browser.post(`${base}/persons/new`, { _action: 'lookup', nrn: '85.02.11-137.72' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toMatch(/lang="nl"/);
    expect(page.body).toContain('aria-invalid="true"');
    expect(page.body).toContain('controlecijfers');
    expect(await count()).toBe(0);
  });

  it('shows the identity from the register, then adds the person with the working relationship', async () => {
    const browser = await identified(P.principalAccessManager);
    await browser.get(`${base}/persons/new`);
    let page = await browser.post(`${base}/persons/new`, { _action: 'lookup', nrn: '01.06.15-172.52' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Benali');
    expect(page.body).toContain('15/06/2001');
    page = await browser.post(`${base}/persons/new`, { _action: 'add', nrn: '01061517252', unit: z.own.id, category: '', workEmail: 'nope', startDate: '2026-11-24', reason: '' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choisissez la catégorie de la relation de travail.');
    expect(await count()).toBe(0);
    page = await browser.post(`${base}/persons/new`, { _action: 'add', nrn: '01061517252', unit: z.own.id, category: 'temporary', workEmail: 'naima@zephyr.be', workPhone: '0470 12 34 56', startDate: '2026-11-24', endDate: '', reason: 'Encodage' });
    expect(page.statusCode).toBe(303);
    page = await browser.get(page.headers.location as string);
    expect(page.body).toContain('La personne a été ajoutée');
    expect(page.body).toContain('Intérimaire');
    page = await browser.post(`${base}/persons/new`, { _action: 'add', nrn: '01061517252', unit: z.own.id, category: 'temporary', workEmail: 'naima@zephyr.be', startDate: '2026-11-24', reason: 'Encore' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('a déjà une relation de travail en cours');
  });

  it('a local manager cannot add a user to another unit, nor see one', async () => {
    const other = await addMembership(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, nrn: P.encoders[1], unitId: z.other.id, category: 'external', workEmail: 'lucas@zephyr.be', workPhone: null, startDate: '2026-11-24', endDate: null, reason: 'Externe' });
    const browser = await identified(P.localManager);
    await browser.get(`${base}/persons/new`);
    const page = await browser.post(`${base}/persons/new`, { _action: 'add', nrn: P.encoders[2], unit: z.other.id, category: 'temporary', workEmail: 'lisa@zephyr.be', startDate: '2026-11-24', reason: 'x' });
    expect(page.statusCode).toBe(403);
    const list = await browser.get(`${base}/persons`);
    expect(list.body).toContain('Benali');
    expect(list.body).not.toContain('Maes');
    expect((await browser.get(`${base}/persons/${other.personId}`)).statusCode).toBe(404);
    expect((await browser.get(`${base}/memberships/${other.id}/end`)).statusCode).toBe(404);
  });
});

describe('the persons list', () => {
  it('pages by 10, filters and sorts', async () => {
    for (const nrn of [P.encoders[2], P.encoders[3], P.bisPerson, P.citizen, P.auditor, P.formerDirector, P.cpasChair, P.germanSpeakingManager, P.bisPersonUnknownBirthDate]) {
      await addMembership(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, nrn, unitId: null, category: 'permanent_employee', workEmail: `${nrn}@zephyr.be`, workPhone: null, startDate: '2026-11-24', endDate: null, reason: 'Équipe' });
    }
    const browser = await identified(P.principalAccessManager);
    const first = await browser.get(`${base}/persons`);
    expect(first.body).toContain('14 résultats');
    expect(first.body.match(/name="p"/g)).toHaveLength(10);
    const second = await browser.get(`${base}/persons?page=2`);
    expect(second.body.match(/name="p"/g)).toHaveLength(4);
    const managers = await browser.get(`${base}/persons?type=manager`);
    expect(managers.body).toContain('Lambert');
    expect(managers.body).not.toContain('Benali');
    const inUnit = await browser.get(`${base}/persons?unit=${z.other.id}`);
    expect(inUnit.body).toContain('1 résultat');
    const desc = await browser.get(`${base}/persons?sort=name&dir=desc`);
    expect(desc.body.indexOf('Wouters')).toBeLessThan(desc.body.indexOf('Benali') === -1 ? Infinity : desc.body.indexOf('Benali'));
    const bad = await browser.get(`${base}/persons?type=<script>&status=x&unit=1&page=abc&type=user`);
    expect(bad.statusCode).toBe(200);
    for (const url of [`${base}/persons/${'x'.repeat(60)}`, `${base}/persons/not-a-person`, `${base}/memberships/${'9'.repeat(36)}/end`, '/organisations/0000000000/persons', `${base}/persons/compare?p=${'y'.repeat(300)}`]) {
      expect([200, 404]).toContain((await browser.get(url)).statusCode);
    }
  });

  it('exports the filtered list as CSV, with a BOM and formulas escaped', async () => {
    const unit = await createUnit(t.ctx, z.pieter, ZEPHYR, { kind: 'sub_entity', name: '=HYPERLINK("http://evil")', number: '' });
    await addMembership(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, nrn: P.coPrincipalAccessManager, unitId: unit.id, category: 'intern', workEmail: 'chloe@zephyr.be', workPhone: null, startDate: '2026-11-24', endDate: null, reason: 'Stage' });
    const browser = await identified(P.principalAccessManager);
    const csv = await browser.get(`${base}/persons.csv?unit=${unit.id}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="persons-${ZEPHYR}.csv"`);
    expect(csv.body.startsWith('\uFEFF"Nom";"Prénoms"')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"Dewulf"');
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const all = await browser.get(`${base}/persons.csv`);
    expect(all.body.trim().split('\r\n')).toHaveLength(16);
  });

  it('compares two persons side by side, and ends a membership with a reason', async () => {
    const browser = await identified(P.principalAccessManager);
    const list = await browser.get(`${base}/persons?q=benali`);
    const naima = /name="p" value="([^"]+)"/.exec(list.body)![1]!;
    const lucas = /name="p" value="([^"]+)"/.exec((await browser.get(`${base}/persons?q=maes`)).body)![1]!;
    const compare = await browser.get(`${base}/persons/compare?p=${naima}&p=${lucas}`);
    expect(compare.body).toContain('Naïma Benali');
    expect(compare.body).toContain('Lucas Maes');
    const details = await browser.get(`${base}/persons/${naima}`);
    const endHref = /href="([^"]+\/end)"/.exec(details.body)![1]!;
    await browser.get(endHref);
    let page = await browser.post(endHref, { reason: '' });
    expect(page.statusCode).toBe(400);
    page = await browser.post(endHref, { reason: 'Fin de mission' });
    expect(page.statusCode).toBe(303);
    page = await browser.get(page.headers.location as string);
    expect(page.body).toContain('La relation de travail a pris fin.');
    expect(page.body).toContain('Fin de mission');
  });

  it('ends the relationships of several selected persons at once, with one reason; not those the actor may not see', async () => {
    const browser = await identified(P.principalAccessManager);
    const idOf = async (q: string) => /name="p" value="([^"]+)"/.exec((await browser.get(`${base}/persons?q=${q}`)).body)![1]!;
    const [lisa, thomas] = [await idOf('schmitz'), await idOf('renard')];
    const open = async () =>
      (await t.ctx.db.selectFrom('memberships').select('person_id').where('person_id', 'in', [lisa, thomas]).where('ended_at', 'is', null).execute()).length;
    expect(await open()).toBe(2);
    expect((await browser.get(`${base}/persons`)).body).toContain(`formaction="${base}/persons/end"`);

    // Isabelle manages one establishment unit: these two are not hers to end, nor to see.
    const isabelle = await identified(P.localManager);
    expect((await isabelle.get(`${base}/persons/end?p=${lisa}&p=${thomas}`)).body).not.toContain('Schmitz');
    const refused = await isabelle.post(`${base}/persons/end`, { p: [lisa, thomas], reason: 'Départ' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).not.toContain('Schmitz');
    expect(await open()).toBe(2);

    const confirm = await browser.get(`${base}/persons/end?p=${lisa}&p=${thomas}`);
    expect(confirm.body).toContain('Lisa Schmitz');
    expect(confirm.body).toContain('Thomas Renard');
    expect((await browser.post(`${base}/persons/end`, { p: [lisa, thomas], reason: '' })).statusCode).toBe(400);
    expect(await open()).toBe(2);
    const done = await browser.post(`${base}/persons/end`, { p: [lisa, thomas], reason: 'Départ' });
    expect(done.statusCode).toBe(303);
    expect((await browser.get(done.headers.location as string)).body).toContain('Les relations de travail des personnes sélectionnées ont pris fin.');
    expect(await open()).toBe(0);
    // Nothing left to end: the page says so instead of a form.
    expect((await browser.get(`${base}/persons/end?p=${lisa}`)).body).toContain('Sélectionnez dans la liste au moins une personne dont une relation de travail est en cours.');
  });
});

describe('the enterprise chooser', () => {
  it('lists the 14 enterprises of a legal representative on two pages, searchable, each with its home', async () => {
    const browser = await identified(P.legalRepresentative);
    const first = await browser.get('/organisations');
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('14 résultats');
    expect(first.body).toContain('rel="next"');
    const second = await browser.get('/organisations?page=2');
    expect(second.body.match(/<th scope="row">/g)).toHaveLength(4);
    const search = await browser.get('/organisations?q=zephyr');
    expect(search.body).toContain('Ateliers Zéphyr');
    expect(search.body).toContain('1 résultat');
    const home = await browser.get(base);
    expect(home.body).toContain('Changer d’entreprise');
    expect(home.body).toContain(`${base}/managers`);
    expect(home.body).toContain('<a href="/access">Ma gestion des rôles eGov</a>');
  });

  it('shows a manager the enterprises of their mandates, and refuses the home of another', async () => {
    const browser = await identified(P.localManager);
    const list = await browser.get('/organisations');
    expect(list.body).toContain('Ateliers Zéphyr');
    expect(list.body).toContain('Gestionnaire local');
    expect((await browser.get(`/organisations/${DEMO.enterprises.germanSpeaking}`)).statusCode).toBe(404);
  });
});
