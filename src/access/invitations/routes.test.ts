import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { encodeWizardState } from '../../platform/views/wizard-state';
import { addDays, latestExpiry } from './model';
import { createInvitation } from './service';
import { guideInvitation, invitationWorld, TODAY, ZEPHYR } from './test-fixture';

let t: TestApp;
let world: Awaited<ReturnType<typeof invitationWorld>>;
const P = DEMO.persons;
const REDACTEUR = `${ZEPHYR}/espace-personnel-wallon/redacteur`;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  world = await invitationWorld(t);
});
afterAll(() => t.close());

const hidden = (body: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(body)?.[1] ?? '';
const invitations = async () => Number((await t.ctx.db.selectFrom('invitations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
const decode = (html: string) => html.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'");

async function identified(nrn: string, key: 'eid' | 'password' = 'eid', lang = 'fr') {
  const browser = new TestBrowser(t.app, { 'accept-language': lang });
  await signIn(t, browser, nrn, key);
  return browser;
}

/** Posts the current wizard step with the state of the page last shown. */
async function step(browser: TestBrowser, last: { body: string }, form: Record<string, string | string[]>) {
  return browser.post('/access/invitations/new', { _wizard: hidden(last.body, '_wizard'), _step: hidden(last.body, '_step'), ...form });
}

describe('the invitation wizard', () => {
  it('sends a person below the high level to identify, and refuses one who manages nothing', async () => {
    const low = await identified(P.principalAccessManager, 'password');
    const page = await low.get('/access/invitations/new');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?return=%2Faccess%2Finvitations%2Fnew&loa=high');
    expect((await new TestBrowser(t.app).post('/access/invitations/new', {})).statusCode).toBe(403);
    const naima = await identified(P.encoders[0]);
    expect((await naima.get('/access/invitations/new')).statusCode).toBe(403);
  });

  it('walks the six steps with “Modifier”, adds and removes persons without JavaScript, and shows the link once', async () => {
    const browser = await identified(P.principalAccessManager);
    let page = await browser.get('/access/invitations/new');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="_csrf"');
    expect(page.body).toContain('Étape 1 : Entreprises');
    page = await step(browser, page, { _action: 'next', enterprises: ZEPHYR });
    expect(page.body).toContain('Valeurs possibles');
    expect(page.body).toContain('Quel rôle choisir ?');
    expect(page.body).toContain('role-label__description');
    // The filter and a move post the form and come back to the same step.
    page = await step(browser, page, { _move: `roles-${ZEPHYR}:filter`, [`roles-${ZEPHYR}__filter`]: 'Wallon' });
    expect(page.body).toContain('Espace Personnel Wallon – Rédacteur de dossiers');
    const available = /data-two-list-available[^>]*>(.*?)<\/select>/s.exec(page.body)![1]!;
    expect(available).toContain('Rédacteur de dossiers');
    expect(available).not.toContain('Intervat');
    page = await step(browser, page, { _move: `roles-${ZEPHYR}:add`, [`roles-${ZEPHYR}__available`]: REDACTEUR });
    expect(page.body).toContain(`name="roles-${ZEPHYR}" value="${REDACTEUR}"`);
    page = await step(browser, page, { _action: 'next', [`roles-${ZEPHYR}`]: REDACTEUR });
    expect(page.body).toContain('Étape 3 : Propriétés de rôle');
    expect(page.body).toContain(`value="${TODAY}"`);
    page = await step(browser, page, { _action: 'next', validFrom: TODAY, validUntil: '' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Indiquez une date de fin, ou cochez Illimité.');
    page = await step(browser, page, { _action: 'next', validFrom: TODAY, unlimited: 'yes' });
    expect(page.body).toContain('Étape 4 : Personnes');
    page = await step(browser, page, { _action: 'person_add', new_familyName: 'Ducoeur', new_givenName: 'Chloé', new_email: 'cdc@ewbs.be' });
    page = await step(browser, page, { _action: 'person_add', familyName: 'Ducoeur', givenName: 'Chloé', email: 'cdc@ewbs.be', new_familyName: 'Faux', new_givenName: 'Ami', new_email: 'faux@ewbs.be' });
    expect(page.body).toContain('value="faux@ewbs.be"');
    page = await step(browser, page, { _action: 'person_remove:1', familyName: ['Ducoeur', 'Faux'], givenName: ['Chloé', 'Ami'], email: ['cdc@ewbs.be', 'faux@ewbs.be'] });
    expect(page.body).not.toContain('faux@ewbs.be');
    page = await step(browser, page, { _action: 'next', familyName: 'Ducoeur', givenName: 'Chloé', email: 'cdc@ewbs.be' });
    expect(page.body).toContain('Étape 5 : Détail de l’invitation');
    expect(page.body).toContain(`value="${latestExpiry(TODAY)}"`);
    page = await step(browser, page, { _action: 'next', message: 'Bienvenue', expiresOn: addDays(TODAY, 366) });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Une invitation est valable un an au maximum');
    page = await step(browser, page, { _action: 'next', message: 'Bienvenue', expiresOn: addDays(TODAY, 60) });
    expect(page.body).toContain('Étape 6 : Aperçu');
    expect(page.body).toContain('cdc@ewbs.be');
    // "Modifier" on step 2, then forward again: the later steps are kept.
    page = await step(browser, page, { _action: 'goto:roles' });
    expect(page.body).toContain('Étape 2 : Rôles');
    page = await step(browser, page, { _action: 'next', [`roles-${ZEPHYR}`]: [REDACTEUR, `${ZEPHYR}/espace-personnel-wallon/relecteur`] });
    expect(page.body).toContain('Étape 3');
    for (let i = 0; i < 3; i += 1) page = await step(browser, page, { _action: 'next', ...(i === 0 ? { validFrom: TODAY, unlimited: 'yes' } : i === 1 ? { familyName: 'Ducoeur', givenName: 'Chloé', email: 'cdc@ewbs.be' } : { message: 'Bienvenue', expiresOn: addDays(TODAY, 60) }) });
    expect(page.body).toContain('Relecteur');
    const before = await invitations();
    page = await step(browser, page, { _action: 'confirm' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Opération réussie');
    expect(page.body).toContain('affiché qu’une seule fois');
    const link = /id="invitation-link"[^>]*value="([^"]+)"/.exec(page.body)?.[1] ?? /value="([^"]+\/invitations\/[A-Za-z0-9_-]{43})"/.exec(page.body)?.[1];
    expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{43}$/);
    expect(await invitations()).toBe(before + 1);
    const roles = await t.ctx.db.selectFrom('invitation_roles').select('role_code').orderBy('role_code').execute();
    expect(roles.map((r) => r.role_code)).toEqual(expect.arrayContaining(['redacteur', 'relecteur']));
  });

  it('never trusts the hidden state: a forged role of another domain is refused at the end, and nothing is created', async () => {
    const browser = await identified(P.accessManagers[0]);
    const page = await browser.get('/access/invitations/new');
    const forged = encodeWizardState({
      enterprises: { enterprises: [ZEPHYR] },
      roles: { roles: [REDACTEUR] },
      properties: { validFrom: TODAY, validUntil: '', unlimited: 'yes', units: [] },
      persons: { persons: [] },
      details: { message: '', expiresOn: addDays(TODAY, 10), saveTemplate: '', templateName: '', templateDescription: '' },
    });
    const before = await invitations();
    const done = await browser.post('/access/invitations/new', { _wizard: forged, _step: 'overview', _action: 'confirm' });
    expect(done.statusCode).toBe(400);
    expect(done.body).toContain('Vous ne pouvez pas gérer cette attribution de rôle.');
    expect(await invitations()).toBe(before);
    const noCsrf = await t.app.inject({ method: 'POST', url: '/access/invitations/new', headers: { cookie: page.headers['set-cookie']?.toString() ?? '' }, payload: {} });
    expect([401, 403]).toContain(noCsrf.statusCode);
  });

  it('starts a new invitation from a template, filled in, and deletes the template', async () => {
    await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [], template: { name: 'Encodeurs', description: 'Rédacteurs du formulaire' } }), { lang: 'fr' });
    const browser = await identified(P.principalAccessManager);
    const list = await browser.get('/access/invitations/templates');
    expect(list.body).toContain('Encodeurs');
    const id = /\/access\/invitations\/new\?template=([0-9a-f-]{36})/.exec(list.body)![1]!;
    let page = await browser.get(`/access/invitations/new?template=${id}`);
    expect(page.body).toMatch(new RegExp(`value="${ZEPHYR}"[^>]*checked|checked[^>]*value="${ZEPHYR}"`));
    page = await step(browser, page, { _action: 'next', enterprises: ZEPHYR });
    expect(page.body).toContain(`name="roles-${ZEPHYR}" value="${REDACTEUR}"`);
    expect((await browser.get('/access/invitations/new?template=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    await browser.get('/access/invitations/templates');
    const deleted = await browser.post(`/access/invitations/templates/${id}/delete`, {});
    expect(deleted.statusCode).toBe(303);
    expect((await browser.get('/access/invitations/templates')).body).not.toContain('Rédacteurs du formulaire');
  });
});

describe('managing invitations', () => {
  it('lists the manager’s invitations with their state and acceptances, and withdraws one after confirmation', async () => {
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [] }), { lang: 'fr' });
    const browser = await identified(P.principalAccessManager);
    const list = await browser.get('/access/invitations');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Envoyer une nouvelle invitation');
    expect(list.body).toContain('Ouverte');
    const confirm = await browser.get(`/access/invitations/${created.invitation.id}/withdraw`);
    expect(confirm.body).toContain('name="_csrf"');
    const sophie = await identified(P.accessManagers[0]);
    expect((await sophie.get(`/access/invitations/${created.invitation.id}/withdraw`)).statusCode).toBe(404);
    await sophie.get('/access/invitations');
    expect((await sophie.post(`/access/invitations/${created.invitation.id}/withdraw`, {})).statusCode).toBe(404);
    const done = await browser.post(`/access/invitations/${created.invitation.id}/withdraw`, {});
    expect(done.headers.location).toBe('/access/invitations?done=withdrawn');
    expect((await browser.get('/access/invitations?done=withdrawn')).body).toContain('Retirée');
    expect((await browser.get('/access/invitations/not-a-uuid/withdraw')).statusCode).toBe(404);
    expect((await browser.get(`/access/invitations/${'x'.repeat(60)}/withdraw`)).statusCode).toBe(404);
  });
});

describe('the public link', () => {
  it('shows the invitation to anyone, asks to identify at the high level, and accepts with a contact address', async () => {
    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [], message: '' }), { lang: 'fr' });
    const path = new URL(created.link).pathname;
    const anonymous = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const first = await anonymous.get(path);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('Pieter Claes vous invite');
    expect(first.body).toContain('Rédacteur de dossiers');
    expect(decode(first.body)).toContain(`/login?return=${encodeURIComponent(path)}&loa=high`);
    // Without a session there is no form, hence no CSRF token: refused before anything else.
    expect((await anonymous.post(path, { contactEmail: 'x@y.be' })).statusCode).toBe(403);

    const naima = await identified(P.encoders[0]);
    const page = await naima.get(path);
    expect(page.body).toContain('(Aucun message ajouté)');
    expect(page.body).toContain('name="_csrf"');
    const bad = await naima.post(path, { contactEmail: 'pas une adresse' });
    expect(bad.statusCode).toBe(400);
    const ok = await naima.post(path, { contactEmail: 'naima@zephyr.be' });
    expect(ok.statusCode).toBe(303);
    const after = await naima.get(ok.headers.location as string);
    expect(after.body).toContain('L’invitation est acceptée.');
    expect(after.body).toContain('Demandé');
    const again = await naima.get(path);
    expect(again.body).toContain('Vous avez déjà accepté cette invitation.');
    const requests = await t.ctx.db.selectFrom('assignment_requests').select(['status', 'via']).where('invitation_id', '=', created.invitation.id).execute();
    expect(requests).toEqual([{ status: 'pending', via: 'invitation' }]);
    const mails = await t.ctx.db.selectFrom('outbox_messages').select('template').where('recipient', '=', 'naima@zephyr.be').execute();
    expect(mails.map((m) => m.template)).toContain('access.request_received');
  });

  it('says the same for an unknown and a malformed link, and clearly when one expired', async () => {
    const anonymous = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const unknown = await anonymous.get(`/invitations/${'A'.repeat(43)}`);
    const malformed = await anonymous.get('/invitations/abc');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    const h1 = (body: string) => /<h1>([^<]*)<\/h1>/.exec(body)?.[1];
    expect(h1(unknown.body)).toBe(h1(malformed.body));
    expect(h1(unknown.body)).toBe('Ce lien d’invitation ne fonctionne pas');

    const created = await createInvitation(t.ctx, world.pieter, guideInvitation({ persons: [], expiresOn: TODAY }), { lang: 'fr' });
    t.ctx.clock.advance(2 * 86_400_000);
    try {
      const expired = await anonymous.get(new URL(created.link).pathname);
      expect(expired.statusCode).toBe(410);
      expect(expired.body).toContain('Cette invitation a expiré après le 24/11/2026');
    } finally {
      t.ctx.clock.set('2026-11-24T09:00:00Z');
    }
  });

  it('limits how often one address may look links up', async () => {
    const limited = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const statuses: number[] = [];
    for (let i = 0; i < 35; i += 1) statuses.push((await limited.get(`/invitations/${String(i).padStart(43, 'B')}`)).statusCode);
    // The address already looked links up in the tests above: the limit counts those too.
    expect(statuses[0]).toBe(404);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 404).length).toBeLessThanOrEqual(30);
    expect(statuses.at(-1)).toBe(429);
  });
});
