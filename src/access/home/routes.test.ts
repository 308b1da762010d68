import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { assignmentById, decideRequest, pendingRequestOf } from '../service';
import { selfRequest, tasksFixture, ZEPHYR } from '../tasks/test-fixture';

let t: TestApp;
let f: Awaited<ReturnType<typeof tasksFixture>>;
const P = DEMO.persons;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await tasksFixture(t);
});
afterAll(() => t.close());

async function identified(nrn: string, lang = 'fr', key: 'eid' | 'password' = 'eid') {
  const browser = new TestBrowser(t.app, { 'accept-language': lang });
  await signIn(t, browser, nrn, key);
  return browser;
}

const request = (extra: Record<string, string> = {}) => ({
  enterprise: ZEPHYR,
  application: 'espace-personnel-wallon',
  role: 'editeur',
  unit: '',
  validFrom: '2026-11-24',
  validUntil: '',
  contactEmail: 'lucas.maes@zephyr.be',
  message: 'Je signe les dossiers.',
  ...extra,
});
const assignmentsOf = (personId: string) => t.ctx.db.selectFrom('role_assignments').selectAll().where('person_id', '=', personId).execute();

describe('the home of role management', () => {
  it('needs the high level', async () => {
    const page = await (await identified(P.principalAccessManager, 'fr', 'password')).get('/access');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('loa=high');
  });

  it('shows a manager the four sections with the live count of open tasks and every link', async () => {
    const before = await (await identified(P.principalAccessManager)).get('/access');
    const count = Number(/Demandes en attente de votre décision : (\d+)/.exec(before.body)![1]);
    await selfRequest(t, f.naima, { roleCode: 'relecteur' });
    const page = await (await identified(P.principalAccessManager)).get('/access');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Commencer à travailler avec Ma gestion des rôles eGov');
    expect(page.body).toContain(`Demandes en attente de votre décision : ${count + 1}`);
    expect(page.body).toContain(`approuver ou refuser les demandes (${count + 1})`);
    for (const title of ['Mes tâches ouvertes', 'Gérer les attributions de rôles', 'Mes attributions de rôles', 'Gérer les invitations']) expect(page.body).toContain(`>${title}</h2>`);
    for (const href of ['/access/manage', '/access/mine?all=1', '/access/request', '/access/invitations/new', '/access/invitations/templates']) expect(page.body).toContain(`href="${href}"`);
  });

  it('shows a person who manages nothing the sections without the managers’ links, not an error', async () => {
    const page = await (await identified(P.citizen)).get('/access');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(">Gérer les invitations</h2>");
    expect(page.body).toContain('Réservé aux gestionnaires d’accès');
    expect(page.body).not.toContain('href="/access/invitations/new"');
    expect(page.body).not.toContain('Demandes en attente de votre décision');
    expect(page.body).toContain('Attributions de rôles actives : 0');
    expect(page.body).toContain('href="/access/request"');
  });
});

describe('requesting a role oneself', () => {
  it('offers the enterprises where the person is a member, and any other by number', async () => {
    const naima = await (await identified(P.encoders[0])).get('/access/request');
    expect(naima.body).toContain('Ateliers Zéphyr (0723.641.873)');
    expect(naima.body).toContain('Une autre entreprise, par son numéro');
    const emma = await (await identified(P.citizen)).get('/access/request');
    expect(emma.body).not.toContain('Ateliers Zéphyr');
    expect(emma.body).toContain('name="enterprise" value="other"');
  });

  it('refuses a bad or unregistered enterprise number with a clear message', async () => {
    const browser = await identified(P.citizen);
    const bad = await browser.get('/access/request?enterprise=other&number=0723.641.874');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    const unregistered = await browser.get(`/access/request?enterprise=other&number=${DEMO.enterprises.cpas}`);
    expect(unregistered.statusCode).toBe(400);
    expect(unregistered.body).toContain('n’est pas enregistrée');
    const empty = await browser.get('/access/request?enterprise=other&number=');
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choisissez une entreprise ou indiquez son numéro.');
    const nothingChosen = await (await identified(P.encoders[0])).get('/access/request?number=');
    expect(nothingChosen.statusCode).toBe(400);
    expect(nothingChosen.body).toContain('href="#field-enterprise"');
  });

  it('shows the roles of the chosen application with its permission matrix', async () => {
    const browser = await identified(P.encoders[1]);
    const step2 = await browser.get(`/access/request?enterprise=${ZEPHYR}`);
    expect(step2.body).toContain('Espace Personnel Wallon');
    const step3 = await browser.get(`/access/request?enterprise=${ZEPHYR}&application=espace-personnel-wallon`);
    expect(step3.statusCode).toBe(200);
    expect(step3.body).toContain('permission-matrix');
    expect(step3.body).toContain('Editeur de dossiers');
    expect(step3.body).toContain('name="_csrf"');
    const unknown = await browser.get(`/access/request?enterprise=${ZEPHYR}&application=nope`);
    expect(unknown.statusCode).toBe(400);
    const none = await browser.get(`/access/request?enterprise=${ZEPHYR}&application=`);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choisissez une application.');
  });

  it('refuses a form posted without its CSRF token, and changes nothing', async () => {
    const browser = await identified(P.encoders[1]);
    const before = (await assignmentsOf(f.lucas.personId)).length;
    const page = await browser.post('/access/request', request());
    expect(page.statusCode).toBe(403);
    expect(await assignmentsOf(f.lucas.personId)).toHaveLength(before);
  });

  it('refuses a missing role, an end before the start, and a role needing a unit without one, in the form', async () => {
    const browser = await identified(P.encoders[1]);
    await browser.get(`/access/request?enterprise=${ZEPHYR}&application=espace-personnel-wallon`);
    const before = (await assignmentsOf(f.lucas.personId)).length;
    const noRole = await browser.post('/access/request', request({ role: '' }));
    expect(noRole.statusCode).toBe(400);
    expect(noRole.body).toContain('Choisissez un rôle.');
    const order = await browser.post('/access/request', request({ validUntil: '2026-11-20' }));
    expect(order.statusCode).toBe(400);
    expect(order.body).toContain('error-summary');
    const unit = await browser.post('/access/request', request({ application: 'dienstencheques', role: 'raadpleger' }));
    expect(unit.statusCode).toBe(400);
    expect(unit.body).toContain('href="#field-unit"');
    const email = await browser.post('/access/request', request({ contactEmail: 'pas-une-adresse' }));
    expect(email.statusCode).toBe(400);
    expect(await assignmentsOf(f.lucas.personId)).toHaveLength(before);
  });

  it('sends the request to the managers and shows it pending in the person’s assignments', async () => {
    const browser = await identified(P.encoders[1]);
    await browser.get(`/access/request?enterprise=${ZEPHYR}&application=espace-personnel-wallon`);
    const page = await browser.post('/access/request', request());
    expect(page.statusCode).toBe(303);
    const location = page.headers.location as string;
    expect(location).toMatch(/^\/access\/mine\/[0-9a-f-]{36}\?done=requested$/);
    const details = await browser.get(location);
    expect(details.body).toContain('Votre demande a été envoyée.');
    expect(details.body).toContain('Demandé(e)');
    expect(details.body).toContain('Editeur de dossiers');
    const id = location.slice('/access/mine/'.length, location.indexOf('?'));
    const pending = (await pendingRequestOf(t.ctx, id))!;
    expect(pending.via).toBe('self');
    expect(pending.message).toBe('Je signe les dossiers.');
    const mails = await t.ctx.db.selectFrom('outbox_messages').select(['recipient', 'template']).where('template', 'in', ['access.request_received', 'access.task_waiting']).execute();
    expect(mails).toContainEqual({ recipient: 'lucas.maes@zephyr.be', template: 'access.request_received' });
    expect(mails).toContainEqual({ recipient: 'direction@zephyr.be', template: 'access.task_waiting' });
    const again = await browser.post('/access/request', request());
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Lucas Maes');
  });

  it('grants at once a role with automatic approval to a member of the enterprise', async () => {
    const browser = await identified(P.encoders[0]);
    await browser.get(`/access/request?enterprise=${ZEPHYR}&application=persoselfservice`);
    const page = await browser.post('/access/request', request({ application: 'persoselfservice', role: 'agent', contactEmail: 'naima.benali@zephyr.be' }));
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('done=granted');
    const details = await browser.get(page.headers.location as string);
    expect(details.body).toContain('Le rôle vous a été attribué.');
    expect(details.body).toContain('Actif(s)/active(s)');
    expect(details.body).toContain('Automatique');
  });
});

describe('my role assignments', () => {
  it('lists the current ones, and all of them with the rejected ones', async () => {
    const { request: r } = await selfRequest(t, f.lucas, { roleCode: 'gestionnaire' });
    await decideRequest(t.ctx, f.pieter, r.id, { decision: 'reject', reason: 'Non' });
    const { request: r2 } = await selfRequest(t, f.lucas, { roleCode: 'proprietaire' });
    await decideRequest(t.ctx, f.pieter, r2.id, { decision: 'approve' });
    const browser = await identified(P.encoders[1]);
    const current = await browser.get('/access/mine');
    expect(current.statusCode).toBe(200);
    expect(current.body).toContain('Propriétaire de l’espace'.slice(0, 12));
    expect(current.body).not.toContain('Rejeté(e)');
    expect(current.body).toContain('Illimité');
    const all = await browser.get('/access/mine?all=1');
    expect(all.body).toContain('Rejeté(e)');
    expect(all.body).toContain('aria-current="page">Toutes les attributions de rôles');
  });

  it('shows one’s own details with the history, and 404 for someone else’s', async () => {
    const { assignment } = await selfRequest(t, f.lucas, { roleCode: 'relecteur' });
    await decideRequest(t.ctx, f.pieter, (await pendingRequestOf(t.ctx, assignment.id))!.id, { decision: 'approve' });
    const page = await (await identified(P.encoders[1])).get(`/access/mine/${assignment.id}`);
    expect(page.statusCode).toBe(200);
    for (const text of ['Demandé(e)', 'Attribution de rôle approuvée', 'Attribution de rôle octroyée', 'Automatique', 'Pieter Claes', 'Lire les dossiers.']) expect(page.body).toContain(text);
    expect((await (await identified(P.encoders[0])).get(`/access/mine/${assignment.id}`)).statusCode).toBe(404);
    expect((await (await identified(P.encoders[1])).get('/access/mine/not-an-id')).statusCode).toBe(404);
  });

  it('stops one’s own right after a confirmation step', async () => {
    const { assignment } = await selfRequest(t, f.naima, { roleCode: 'gestionnaire' });
    await decideRequest(t.ctx, f.pieter, (await pendingRequestOf(t.ctx, assignment.id))!.id, { decision: 'approve' });
    const browser = await identified(P.encoders[0]);
    const details = await browser.get(`/access/mine/${assignment.id}`);
    expect(details.body).toContain(`href="/access/mine/${assignment.id}/stop"`);
    const confirm = await browser.get(`/access/mine/${assignment.id}/stop`);
    expect(confirm.body).toContain('Confirmer l’arrêt');
    expect((await assignmentById(t.ctx, assignment.id))!.status).toBe('active');
    const done = await browser.post(`/access/mine/${assignment.id}/stop`, {});
    expect(done.statusCode).toBe(303);
    expect((await assignmentById(t.ctx, assignment.id))!.status).toBe('stopped');
    const after = await browser.get(done.headers.location as string);
    expect(after.body).toContain('Votre attribution de rôle a été arrêtée.');
    expect(after.body).toContain('Suspension demandée');
    expect(after.body).toContain('Suspension approuvée');
    expect(after.body).not.toContain(`/access/mine/${assignment.id}/stop"`);
    const twice = await browser.post(`/access/mine/${assignment.id}/stop`, {});
    expect(twice.statusCode).toBe(409);
  });

  it('does not let anyone else stop a person’s right from these pages', async () => {
    const { assignment } = await selfRequest(t, f.naima, { roleCode: 'editeur' });
    const browser = await identified(P.encoders[1]);
    await browser.get('/access/mine');
    expect((await browser.post(`/access/mine/${assignment.id}/stop`, {})).statusCode).toBe(404);
    expect((await assignmentById(t.ctx, assignment.id))!.status).toBe('requested');
  });
});
