import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogOf } from '../access/catalog/service';
import { decideRequest } from '../access/service';
import { EPW, rolesInTwoEnterprises, ZEPHYR } from '../access/api/test-fixture';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';
import { REPORT_LIMIT } from './model';

let t: TestApp;
let f: Awaited<ReturnType<typeof rolesInTwoEnterprises>>;
let catalogSize: number;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await rolesInTwoEnterprises(t);
  catalogSize = (await catalogOf(t.ctx)).applications.length;
});
afterAll(() => t?.close());

async function browserOf(nrn: string, key: Parameters<typeof signIn>[3] = 'eid') {
  const b = new TestBrowser(t.app, { 'accept-language': 'fr' });
  await signIn(t, b, nrn, key);
  return b;
}
/** The names of the applications a page lists. */
const listed = (html: string) => [...html.matchAll(/<h2 class="app-card__name">([^<]+)<\/h2>/g)].map((m) => m[1]);

describe('the portal’s applications', () => {
  it('asks for an identification first, and comes back to /apps', async () => {
    const response = await new TestBrowser(t.app).get('/apps');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login?return=%2Fapps&loa=low');
  });

  it('shows a person without roles the citizen applications only, with the count of all of them', async () => {
    const b = await browserOf(DEMO.persons.citizen, 'password');
    const page = await b.get('/apps');
    expect(page.statusCode).toBe(200);
    expect(listed(page.body)).toEqual(['MyHandicap pour les citoyens']);
    expect(page.body).toContain('Citoyens');
    expect(page.body).toContain('href="https://myhandicap.socialsecurity.example/"');
    expect(page.body).toContain('Accéder à l’application');
    expect(page.body).toContain(`Afficher toutes les applications (${catalogSize})`);
    // A password session is below the application's level: the page says the application will ask for more.
    expect(page.body).toContain('Cette application exige le niveau de sécurité substantiel');
    expect(page.body).not.toContain('Gérer les demandes d’accès aux applications');
  });

  it('lists an application the person holds an active role for, with its description and category', async () => {
    const b = await browserOf(DEMO.persons.encoders[0]!);
    const page = await b.get('/apps');
    expect(listed(page.body)).toEqual(['Espace Personnel Wallon', 'MyHandicap pour les citoyens']);
    expect(page.body).toContain('href="http://localhost:3001/"');
    // An eID session reaches every level: no step-up note.
    expect(page.body).not.toContain('Cette application exige');
  });

  it('shows all applications page by page, and searches them by name or description on the server', async () => {
    const b = await browserOf(DEMO.persons.citizen);
    const first = await b.get('/apps?all=1');
    expect(first.body).toContain(`Toutes les applications : ${catalogSize}.`);
    expect(listed(first.body)).toHaveLength(Math.min(10, catalogSize));
    expect(first.body).toContain('Demander l’accès');
    const second = await b.get('/apps?all=1&page=2');
    expect(listed(second.body)).toHaveLength(catalogSize - 10);

    const aviq = await b.get(`/apps?all=1&q=${encodeURIComponent('signalétiques')}`);
    expect(listed(aviq.body)).toEqual(['Mon AVIQ']);
    const none = await b.get('/apps?all=1&q=zzzz');
    expect(listed(none.body)).toEqual([]);
    expect(none.body).toContain('Aucune application ne correspond à « zzzz ».');
    // Search within one's own applications.
    expect(listed((await b.get('/apps?q=aviq')).body)).toEqual([]);
  });

  it('shows the managers’ links to role management to a person with a current mandate only', async () => {
    const page = await (await browserOf(DEMO.persons.principalAccessManager)).get('/apps');
    expect(page.body).toContain('href="/access/request"');
    expect(page.body).toContain('Gérer les demandes d’accès aux applications');
    expect(page.body).toContain('href="/access/tasks"');
    expect(page.body).toContain('href="/access/manage"');
    const naima = await (await browserOf(DEMO.persons.encoders[0]!)).get('/apps');
    expect(naima.body).not.toContain('href="/access/tasks"');
  });
});

describe('requesting access from the portal', () => {
  it('sends a session below the high level to step up, back to the form', async () => {
    const b = await browserOf(DEMO.persons.encoders[1]!, 'password');
    const response = await b.get('/apps/mon-aviq/request');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/login?${new URLSearchParams({ return: '/apps/mon-aviq/request', loa: 'high' })}`);
  });

  it('has nothing to request for a citizen application or an unknown one', async () => {
    const b = await browserOf(DEMO.persons.encoders[1]!);
    expect((await b.get('/apps/myhandicap-citoyen/request')).statusCode).toBe(404);
    expect((await b.get('/apps/nope/request')).statusCode).toBe(404);
    expect((await b.get('/apps/nope/report')).statusCode).toBe(404);
  });

  it('creates a pending self-request that a manager approves; the application then appears in the person’s list', async () => {
    const b = await browserOf(DEMO.persons.encoders[1]!);
    const step1 = await b.get('/apps/mon-aviq/request');
    expect(step1.statusCode).toBe(200);
    expect(step1.body).toContain('Numéro d’entreprise');
    const refused = await b.get('/apps/mon-aviq/request?enterprise=other&number=123');
    expect(refused.statusCode).toBe(400);
    const step2 = await b.get(`/apps/mon-aviq/request?enterprise=other&number=${ZEPHYR}`);
    expect(step2.statusCode).toBe(200);
    expect(step2.body).toContain('Gestionnaire du signalétique');

    const noRole = await b.post('/apps/mon-aviq/request', { enterprise: ZEPHYR, role: '', contactEmail: 'lucas@example.be' });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.body).toContain('Choisissez un rôle.');

    const sent = await b.post('/apps/mon-aviq/request', { enterprise: ZEPHYR, role: 'consultation', contactEmail: 'lucas@example.be', message: 'Pour le signalétique.' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/apps/mon-aviq/requested?state=requested');
    const done = await b.get(sent.headers.location!);
    expect(done.body).toContain('attend la décision d’un gestionnaire d’accès');

    const request = await t.ctx.db
      .selectFrom('assignment_requests as r')
      .innerJoin('role_assignments as a', 'a.id', 'r.assignment_id')
      .select(['r.id', 'r.status', 'r.via', 'a.application_id', 'a.role_code', 'a.enterprise_number', 'a.person_id'])
      .where('a.person_id', '=', f.lucas.personId)
      .where('a.application_id', '=', 'mon-aviq')
      .executeTakeFirstOrThrow();
    expect(request).toMatchObject({ status: 'pending', via: 'self', role_code: 'consultation', enterprise_number: ZEPHYR });
    expect(listed((await b.get('/apps')).body)).not.toContain('Mon AVIQ');
    expect((await b.get('/apps?all=1&q=aviq')).body).toContain('Accès demandé : en attente');

    await decideRequest(t.ctx, f.pieter, request.id, { decision: 'approve' });
    expect(listed((await b.get('/apps')).body)).toContain('Mon AVIQ');
  });

  it('refuses a request without the form’s CSRF token', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/apps/mon-aviq/request', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `enterprise=${ZEPHYR}&role=consultation` });
    expect(response.statusCode).toBe(403);
  });
});

describe('reporting a problem with an application', () => {
  const reports = () => t.ctx.db.selectFrom('portal_problem_reports').selectAll().where('person_id', '=', f.naima.personId).execute();

  it('records the report, e-mails the application’s support contact and acknowledges it, audited', async () => {
    const b = await browserOf(DEMO.persons.encoders[0]!);
    const form = await b.get(`/apps/${EPW}/report`);
    expect(form.statusCode).toBe(200);
    const empty = await b.post(`/apps/${EPW}/report`, { subject: '', description: '', contactEmail: 'not-an-address' });
    expect(empty.statusCode).toBe(400);
    expect(await reports()).toHaveLength(0);

    const sent = await b.post(`/apps/${EPW}/report`, { subject: 'Signature impossible', description: 'Le bouton <Signer> ne répond pas.', contactEmail: 'naima@example.be' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/apps/${EPW}/report/sent`);
    expect((await b.get(sent.headers.location!)).body).toContain('a été envoyé à son support');
    const [report] = await reports();
    expect(report).toMatchObject({ application_id: EPW, subject: 'Signature impossible', contact_email: 'naima@example.be', sent_to: 'support@espace-wallon.example' });

    const support = await t.ctx.db.selectFrom('outbox_messages').select(['template', 'body_text', 'body_html']).where('recipient', '=', 'support@espace-wallon.example').executeTakeFirstOrThrow();
    expect(support.template).toBe('portal.problem_report');
    expect(support.body_text).toContain('Le bouton <Signer> ne répond pas.');
    expect(support.body_html).toContain('Le bouton &lt;Signer> ne répond pas.');
    expect(support.body_html).not.toContain('<Signer>');
    const ack = await t.ctx.db.selectFrom('outbox_messages').select('template').where('recipient', '=', 'naima@example.be').execute();
    expect(ack.map((m) => m.template)).toEqual(['portal.problem_report_received']);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['actor', 'target']).where('action', '=', 'portal.problem_reported').execute();
    expect(audit).toEqual([{ actor: `person:${DEMO.persons.encoders[0]}`, target: `application:${EPW}` }]);
  });

  it(`accepts at most ${REPORT_LIMIT} reports an hour from one person`, async () => {
    const b = await browserOf(DEMO.persons.encoders[0]!);
    await b.get(`/apps/${EPW}/report`);
    const already = (await reports()).length;
    for (let i = already; i < REPORT_LIMIT; i++) expect((await b.post(`/apps/${EPW}/report`, { subject: `Problème ${i}`, description: 'Encore.' })).statusCode).toBe(303);
    const refused = await b.post(`/apps/${EPW}/report`, { subject: 'Un de trop', description: 'Encore.' });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Vous avez envoyé 5 signalements au cours de la dernière heure.');
    expect(await reports()).toHaveLength(REPORT_LIMIT);
    t.ctx.clock.advance(61 * 60 * 1000);
    const later = await browserOf(DEMO.persons.encoders[0]!);
    await later.get(`/apps/${EPW}/report`);
    expect((await later.post(`/apps/${EPW}/report`, { subject: 'Une heure après', description: 'Encore.' })).statusCode).toBe(303);
  });
});
