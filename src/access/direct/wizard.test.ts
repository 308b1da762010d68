import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { encodeWizardState } from '../../platform/views/wizard-state';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { requestAssignments } from '../service';
import { assignScope } from './service';
import { directFixture, TODAY, ZEPHYR } from './test-fixture';

let t: TestApp;
let f: Awaited<ReturnType<typeof directFixture>>;
const P = DEMO.persons;
const WALLON = `${ZEPHYR}/espace-personnel-wallon/redacteur`;
const VOUCHERS = `${ZEPHYR}/dienstencheques/beheerder`;
const INTERVAT = `${ZEPHYR}/intervat/comptable`;
/** Valid check digits, unknown to the demo register. */
const UNKNOWN_NRN = '99010100118';

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await directFixture(t);
});
afterAll(() => t.close());

async function identified(nrn: string, key: 'eid' | 'password' = 'eid') {
  const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
  await signIn(t, browser, nrn, key);
  return browser;
}
const stateOf = (body: string) => /name="_wizard" value="([^"]*)"/.exec(body)?.[1] ?? '';
/** The national numbers of the persons chosen so far, read from the wizard's state. */
const chosenIn = (body: string): string[] => (JSON.parse(Buffer.from(stateOf(body), 'base64url').toString('utf8')).persons?.persons ?? []).map((p: { nrn: string }) => p.nrn);
const assignments = () => t.ctx.db.selectFrom('role_assignments').select(['person_id', 'application_id', 'role_code', 'unit_id', 'status', 'valid_until', 'contact_email']).orderBy('created_at').execute();
const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'body_text']).where('recipient', '=', to).orderBy('id').execute();
const audit = (action: string) => t.ctx.db.selectFrom('audit_events').select(['actor', 'details']).where('action', '=', action).orderBy('seq').execute();

describe('the direct assignment wizard', () => {
  it('needs the high level, and someone who manages assignments somewhere', async () => {
    const low = await identified(P.principalAccessManager, 'password');
    const page = await low.get('/access/assign');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('loa=high');
    const citizen = await identified(P.citizen);
    expect((await citizen.get('/access/assign')).statusCode).toBe(403);
  });

  it('walks five steps to two persons, one found among the members and one by national register number, with the Flemish right scoped to an establishment', async () => {
    const b = await identified(P.principalAccessManager);
    let page = await b.get('/access/assign');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Étape 1 : Entreprise');
    page = await b.post('/access/assign', { _wizard: stateOf(page.body), _step: 'enterprise', _action: 'next', enterprise: ZEPHYR });
    expect(page.body).toContain('Quel rôle choisir ?');
    expect(page.body).toContain('Espace Personnel Wallon – Rédacteur de dossiers');
    // The filter of the two-list, without JavaScript.
    const filtered = await b.post('/access/assign', { _wizard: stateOf(page.body), _step: 'roles', _move: 'roles:filter', roles__filter: 'dienst' });
    expect(filtered.body).toContain('Gestionnaire titres-services');
    expect(filtered.body).not.toContain('<option value="' + WALLON);
    // A role that needs an establishment asks for it.
    page = await b.post('/access/assign', { _wizard: stateOf(page.body), _step: 'roles', _action: 'next', roles: [WALLON, VOUCHERS] });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Choisissez l’unité pour Gestionnaire titres-services.');
    expect(page.body).toContain('Unité d’établissement pour Titres-services pour entreprises agréées – Gestionnaire titres-services');
    page = await b.post('/access/assign', { _wizard: stateOf(page.body), _step: 'roles', _action: 'next', roles: [WALLON, VOUCHERS], units: [`${VOUCHERS}|${f.own.id}`] });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Étape 3 : Personnes');

    let state = stateOf(page.body);
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'search' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Complétez au moins un champ de recherche.');
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'search', search_familyName: 'rena' });
    expect(page.body).toContain('1 personne(s) correspondent');
    expect(page.body).toContain('thomas@zephyr.be');
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'pick', pick: P.encoders[3] });
    expect(page.body).toContain('name="person_nrn" value="88051929548"');
    const withThomas = { person_nrn: [P.encoders[3]], person_familyName: ['Renard'], person_givenName: ['Thomas'], person_email: ['thomas@zephyr.be'] };
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'lookup', lookup_nrn: UNKNOWN_NRN, ...withThomas });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Le registre national ne connaît aucune personne en vie portant ce numéro.');
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'lookup', lookup_nrn: '04.03.12-364.89', ...withThomas });
    expect(page.body).toContain('Wouters');
    expect(page.body).toContain('12/03/2004');
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'add_nrn', lookup_nrn: '04.03.12-364.89', ...withThomas });
    expect(page.body).toContain('name="person_nrn" value="04031236489"');
    const both = { person_nrn: [P.encoders[3], P.citizen], person_familyName: ['Renard', 'Wouters'], person_givenName: ['Thomas', 'Emma'] };
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'next', ...both, person_email: ['thomas@zephyr.be', ''] });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Indiquez une adresse e-mail de contact pour Emma Wouters.');
    page = await b.post('/access/assign', { _wizard: state, _step: 'persons', _action: 'next', ...both, person_email: ['thomas@zephyr.be', 'emma@example.be'] });
    expect(page.body).toContain('Étape 4 : Propriétés');

    state = stateOf(page.body);
    page = await b.post('/access/assign', { _wizard: state, _step: 'properties', _action: 'next', validFrom: TODAY, validUntil: '', unlimited: 'yes' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Gestionnaire titres-services demande une date de fin.');
    page = await b.post('/access/assign', { _wizard: state, _step: 'properties', _action: 'next', validFrom: '2026-12-01', validUntil: '2026-11-30' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('La date de fin ne peut pas précéder la date de début.');
    page = await b.post('/access/assign', { _wizard: state, _step: 'properties', _action: 'next', validFrom: TODAY, validUntil: '2027-11-23', reason: 'x'.repeat(501) });
    expect(page.statusCode).toBe(400);
    page = await b.post('/access/assign', { _wizard: state, _step: 'properties', _action: 'next', validFrom: TODAY, validUntil: '2027-11-23', reason: 'Beheerder <dienstencheques>' });
    expect(page.body).toContain('Étape 5 : Aperçu');
    expect(page.body).toContain('Motif : Beheerder &lt;dienstencheques>');
    expect(page.body.match(/value="goto:/g)).toHaveLength(4);
    expect(page.body).toContain('Gestionnaire titres-services – ');
    expect(await assignments()).toEqual([]);

    page = await b.post('/access/assign', { _wizard: stateOf(page.body), _step: 'overview', _action: 'confirm' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Opération réussie');
    expect(page.body).toContain('4 attribution(s) de rôle');
    const made = await assignments();
    expect(made).toHaveLength(4);
    expect(made.every((a) => a.status === 'active' && a.valid_until === '2027-11-23')).toBe(true);
    expect(made.filter((a) => a.application_id === 'dienstencheques').map((a) => a.unit_id)).toEqual([f.own.id, f.own.id]);
    expect((await outbox('emma@example.be')).map((m) => m.template)).toEqual(['access.granted', 'access.granted']);
    expect((await outbox('thomas@zephyr.be')).filter((m) => m.template === 'access.granted')).toHaveLength(2);
    expect((await audit('role_assignment.requested')).length).toBe(4);
    // The reason stays with each assignment, in its history.
    const requested = await t.ctx.db.selectFrom('assignment_history').select('details').where('action', '=', 'assign.requested').execute();
    expect(requested.map((h) => (h.details as { reason?: string }).reason)).toEqual(Array(4).fill('Beheerder <dienstencheques>'));
  });

  it('refuses a role of a domain the actor does not manage, even in a tampered state', async () => {
    const sophie = await identified(P.accessManagers[0]);
    await sophie.get('/access/assign');
    const state = encodeWizardState({ enterprise: { enterprise: ZEPHYR } });
    let page = await sophie.post('/access/assign', { _wizard: state, _step: 'roles', _action: 'next', roles: [WALLON] });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('relève d’un domaine que vous ne gérez pas');
    const complete = encodeWizardState({
      enterprise: { enterprise: ZEPHYR },
      roles: { roles: [WALLON], units: [] },
      persons: { persons: [{ nrn: P.encoders[3], familyName: 'Renard', givenName: 'Thomas', email: 'thomas@zephyr.be' }] },
      properties: { validFrom: TODAY, validUntil: '', unlimited: 'yes' },
    });
    const before = (await assignments()).length;
    page = await sophie.post('/access/assign', { _wizard: complete, _step: 'overview', _action: 'confirm' });
    expect(page.statusCode).toBe(403);
    expect(await assignments()).toHaveLength(before);
    // Her own domain is fine.
    page = await sophie.post('/access/assign', { _wizard: state, _step: 'roles', _action: 'next', roles: [INTERVAT] });
    expect(page.statusCode).toBe(200);
  });

  it('refuses a unit of another enterprise, and an enterprise the actor does not manage', async () => {
    const b = await identified(P.principalAccessManager);
    await b.get('/access/assign');
    const state = encodeWizardState({ enterprise: { enterprise: ZEPHYR } });
    let page = await b.post('/access/assign', { _wizard: state, _step: 'roles', _action: 'next', roles: [VOUCHERS], units: [`${VOUCHERS}|${f.cpasUnit.id}`] });
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('Vous ne pouvez pas attribuer Gestionnaire titres-services pour cette unité.');
    page = await b.post('/access/assign', { _wizard: '', _step: 'enterprise', _action: 'next', enterprise: DEMO.enterprises.cpas });
    expect(page.statusCode).toBe(403);
    page = await b.post('/access/assign', { _wizard: 'not base64 {', _step: 'persons', _action: 'next', person_nrn: 'x'.repeat(500) });
    expect([200, 400]).toContain(page.statusCode);
  });

  it('starts at the roles of an enterprise given in the address', async () => {
    const b = await identified(P.principalAccessManager);
    const page = await b.get(`/access/assign?enterprise=${ZEPHYR}`);
    expect(page.body).toContain('Étape 2 : Rôles');
    expect((await b.get('/access/assign?enterprise=<script>')).statusCode).toBe(200);
  });

  it('goes from a person’s page to the roles, with that person chosen already; a person the actor may not see is left out', async () => {
    const b = await identified(P.principalAccessManager);
    const thomas = f.persons.thomas.personId;
    const details = await b.get(`/organisations/${ZEPHYR}/persons/${thomas}`);
    const href = `/access/assign?enterprise=${ZEPHYR}&amp;person=${thomas}`;
    expect(details.body).toContain(`href="${href}">Attribuer un rôle à cette personne</a>`);
    let page = await b.get(href.replace('&amp;', '&'));
    expect(page.body).toContain('Étape 2 : Rôles');
    expect(chosenIn(page.body)).toEqual([P.encoders[3]]);
    page = await b.post('/access/assign', { _wizard: stateOf(page.body), _step: 'roles', _action: 'next', roles: [WALLON] });
    expect(page.body).toContain('Étape 3 : Personnes');
    expect(page.body).toContain(`name="person_nrn" value="${P.encoders[3]}"`);
    expect(page.body).toContain('thomas@zephyr.be');

    // Isabelle manages the social-security capacity only: Thomas, of the enterprise as a whole, is not hers to choose.
    const isabelle = await identified(P.localManager);
    page = await isabelle.get(`/access/assign?enterprise=${ZEPHYR}&person=${thomas}`);
    expect(page.body).toContain('Étape 2 : Rôles');
    expect(chosenIn(page.body)).toEqual([]);
    // Not a person id: ignored, the wizard starts as without it.
    page = await b.get(`/access/assign?enterprise=${ZEPHYR}&person=<script>`);
    expect(page.body).toContain('Étape 2 : Rôles');
    expect(chosenIn(page.body)).toEqual([]);
  });
});

describe('what the organisations pages show of the rights', () => {
  it('filters the persons list by application', async () => {
    const b = await identified(P.principalAccessManager);
    let page = await b.get(`/organisations/${ZEPHYR}/persons?application=espace-personnel-wallon`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Renard');
    expect(page.body).not.toContain('Benali');
    expect(page.body).toContain('<option value="espace-personnel-wallon" selected');
    page = await b.get(`/organisations/${ZEPHYR}/persons?application=intervat`);
    expect(page.body).not.toContain('Renard');
    page = await b.get(`/organisations/${ZEPHYR}/persons?application=${encodeURIComponent('<x>')}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Renard');
  });

  it('shows a person’s rights on their details: role, application, unit, start, end, status', async () => {
    const b = await identified(P.principalAccessManager);
    const page = await b.get(`/organisations/${ZEPHYR}/persons/${f.persons.thomas.personId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Attributions de rôles de Thomas Renard');
    const rights = page.body.slice(page.body.indexOf('rights-caption'));
    expect(rights).toContain('Rédacteur de dossiers');
    // Each right opens its details, where it can be stopped or given an end, and those open for the principal.
    const details = /href="(\/access\/assignments\/[0-9a-f-]{36})">Rédacteur de dossiers</.exec(rights)?.[1];
    expect(details).toBeDefined();
    expect((await b.get(details!)).statusCode).toBe(200);
    // A local manager's links open too: she sees only the rights of her unit, and may open each.
    const offered = (await assignScope(t.ctx, f.isabelle, 'fr'))[0]!.roles.find((r) => r.units.some((u) => u.id === f.social.id))!;
    await requestAssignments(
      t.ctx,
      f.isabelle,
      [{ personId: f.persons.naima.personId, enterpriseNumber: ZEPHYR, unitId: f.social.id, applicationId: offered.application.id, roleCode: offered.role.code, validFrom: TODAY, validUntil: '2027-06-30' }],
      { via: 'manager' },
    );
    const isabelle = await identified(P.localManager);
    const naima = (await isabelle.get(`/organisations/${ZEPHYR}/persons/${f.persons.naima.personId}`)).body;
    const links = [...naima.matchAll(/href="(\/access\/assignments\/[0-9a-f-]{36})"/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect((await isabelle.get(link)).statusCode).toBe(200);
    expect(rights).toContain('Espace Personnel Wallon');
    expect(rights).toContain('Gestionnaire titres-services');
    expect(rights).toContain(f.own.name);
    expect(rights).toContain('24/11/2026');
    expect(rights).toContain('23/11/2027');
    expect(rights).toContain('Actif(s)/active(s)');
    // Mandates are named from the catalog: Sophie is the access manager of "Finances".
    const sophie = await b.get(`/organisations/${ZEPHYR}/persons/${f.sophie.personId}`);
    expect(sophie.body).toContain('Finances');
    expect(sophie.body).toContain('Aucune attribution de rôle dans cette entreprise.');
  });
});
