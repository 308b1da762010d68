import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { decideRequest, requestById } from '../service';
import { selfRequest, tasksFixture } from './test-fixture';

let t: TestApp;
let f: Awaited<ReturnType<typeof tasksFixture>>;
const P = DEMO.persons;
const REASON_REQUIRED = 'Indiquez la raison du refus.';

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await tasksFixture(t);
});
afterAll(() => t.close());

/** Every request still pending is cancelled and every right archived between tests, so each starts from an empty task list. */
beforeEach(async () => {
  await t.ctx.db.updateTable('assignment_requests').set({ status: 'cancelled', decided_at: new Date() }).where('status', '=', 'pending').execute();
  await t.ctx.db.updateTable('role_assignments').set({ status: 'archived' }).where('status', '<>', 'archived').execute();
});

async function identified(nrn: string, lang = 'fr', key: 'eid' | 'password' = 'eid') {
  const browser = new TestBrowser(t.app, { 'accept-language': lang });
  await signIn(t, browser, nrn, key);
  return browser;
}

const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'subject', 'body_text']).where('recipient', '=', to).orderBy('id').execute();
const status = async (requestId: string) => (await requestById(t.ctx, requestId))!.status;

describe('the open tasks list', () => {
  it('needs the high level', async () => {
    const browser = await identified(P.principalAccessManager, 'fr', 'password');
    const page = await browser.get('/access/tasks');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toContain('loa=high');
  });

  it('shows the principal the requests he may decide, with the request kind and role', async () => {
    await selfRequest(t, f.naima);
    const page = await (await identified(P.principalAccessManager)).get('/access/tasks');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Aperçu des tâches en suspens (1)');
    expect(page.body).toContain('Naïma Benali');
    expect(page.body).toContain('Attribuer : Rédacteur de dossiers');
    expect(page.body).toContain('0723.641.873');
    expect(page.body).toContain('24/11/2026');
    expect(page.body).toContain('Illimité');
    expect(page.body).toContain('Visualiser et évaluer les demandes sélectionnées');
  });

  it('does not show a request to a manager of another domain, nor to a person who manages nothing', async () => {
    await selfRequest(t, f.naima);
    const sophie = await (await identified(P.accessManagers[0])).get('/access/tasks');
    expect(sophie.body).toContain('Aperçu des tâches en suspens (0)');
    expect(sophie.body).not.toContain('Naïma Benali');
    const emma = await (await identified(P.citizen)).get('/access/tasks');
    expect(emma.statusCode).toBe(200);
    expect(emma.body).toContain('Aucune demande n’attend votre décision.');
  });

  it('shows the finance manager a request of her domain only', async () => {
    await selfRequest(t, f.naima);
    await selfRequest(t, f.lucas, { applicationId: 'intervat', roleCode: 'comptable' });
    const page = await (await identified(P.accessManagers[0])).get('/access/tasks');
    expect(page.body).toContain('Aperçu des tâches en suspens (1)');
    expect(page.body).toContain('Lucas Maes');
    expect(page.body).not.toContain('Naïma Benali');
  });

  it('pages ten requests at a time, oldest first, and searches by person, role and enterprise, accents ignored', async () => {
    for (const who of [f.naima, f.lucas]) {
      for (const roleCode of ['relecteur', 'redacteur', 'editeur', 'gestionnaire', 'proprietaire']) {
        await selfRequest(t, who, { roleCode });
        t.ctx.clock.advance(1000);
      }
    }
    await selfRequest(t, f.naima, { applicationId: 'mon-aviq', roleCode: 'consultation' });
    await selfRequest(t, f.naima, { applicationId: 'mon-aviq', roleCode: 'gestion-signaletique' });
    const browser = await identified(P.principalAccessManager);
    const first = await browser.get('/access/tasks');
    expect(first.body).toContain('Aperçu des tâches en suspens (12)');
    expect(first.body.match(/name="ids"/g)).toHaveLength(10);
    const second = await browser.get('/access/tasks?page=2');
    expect(second.body.match(/name="ids"/g)).toHaveLength(2);
    expect(second.body).toContain('Attribuer : Consultation du signalétique');
    const byName = await browser.get('/access/tasks?q=MAES');
    expect(byName.body.match(/name="ids"/g)).toHaveLength(5);
    expect(byName.body).not.toContain('Naïma Benali');
    const byAccent = await browser.get('/access/tasks?q=naima+relecteur');
    expect(byAccent.body.match(/name="ids"/g)).toHaveLength(1);
    const byEnterprise = await browser.get('/access/tasks?q=z%C3%A9phyr');
    expect(byEnterprise.body.match(/name="ids"/g)).toHaveLength(10);
    const byNumber = await browser.get('/access/tasks?q=0723.641');
    expect(byNumber.body).toContain('12 résultats');
    const none = await browser.get('/access/tasks?q=%25_%5C');
    expect(none.statusCode).toBe(200);
    expect(none.body).not.toContain('name="ids"');
  });
});

describe('reviewing requests one at a time', () => {
  it('sends back to the list when nothing is selected', async () => {
    const browser = await identified(P.principalAccessManager);
    const page = await browser.get('/access/tasks/review');
    expect(page.statusCode).toBe(303);
    expect((await browser.get(page.headers.location as string)).body).toContain('Sélectionnez au moins une demande à évaluer.');
  });

  it('shows the request as the guide does, then skips to the next one', async () => {
    const a = await selfRequest(t, f.naima, { message: 'Je prépare les dossiers de subsides.' });
    const b = await selfRequest(t, f.lucas);
    const browser = await identified(P.principalAccessManager);
    const page = await browser.get(`/access/tasks/review?ids=${a.request.id}&ids=${b.request.id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Demande : Rédacteur de dossiers par Naïma Benali');
    expect(page.body).toContain('Détails de la demande');
    expect(page.body).toContain(`${f.naima.nrn}@example.be`);
    expect(page.body).toContain('Je prépare les dossiers de subsides.');
    expect(page.body).toContain('Rédacteur de dossiers (Créer, lire, modifier et supprimer les dossiers.)');
    expect(page.body).toContain('24/11/2026 - Illimité');
    expect(page.body).toContain('Passer (demande suivante)');
    const skip = /href="([^"]+)"[^>]*>Passer/.exec(page.body)![1]!.replace(/&amp;/g, '&');
    const next = await browser.get(skip);
    expect(next.body).toContain('Demande : Rédacteur de dossiers par Lucas Maes');
    expect(await status(a.request.id)).toBe('pending');
  });

  it('approves: the right is granted, the requester and the manager get their e-mails, and the list says so after the last one', async () => {
    const a = await selfRequest(t, f.naima);
    const b = await selfRequest(t, f.lucas);
    const browser = await identified(P.principalAccessManager);
    await browser.get(`/access/tasks/review?ids=${a.request.id},${b.request.id}`);
    const first = await browser.post('/access/tasks/review', { ids: `${a.request.id},${b.request.id}`, _action: 'approve' });
    expect(first.statusCode).toBe(303);
    const next = await browser.get(first.headers.location as string);
    expect(next.body).toContain('La demande a été approuvée.');
    expect(next.body).toContain('par Lucas Maes');
    const last = await browser.post('/access/tasks/review', { ids: b.request.id, _action: 'approve' });
    expect(last.headers.location).toBe('/access/tasks?done=finished');
    const list = await browser.get('/access/tasks?done=finished');
    expect(list.body).toContain('Vous avez évalué toutes les demandes sélectionnées.');
    expect(list.body).toContain('Aperçu des tâches en suspens (0)');
    expect(await status(a.request.id)).toBe('approved');
    const granted = await outbox(`${f.naima.nrn}@example.be`);
    expect(granted.map((m) => m.template)).toContain('access.granted');
    expect(granted.find((m) => m.template === 'access.granted')!.subject).toBe('Votre attribution de rôle Rédacteur de dossiers est octroyée');
    // The confirmation goes where the "task waiting" e-mail went: the principal's mandate contact address.
    expect((await outbox('direction@zephyr.be')).filter((m) => m.template === 'access.decision_confirmed')).toHaveLength(2);
  });

  it('refuses a rejection without a reason, and changes nothing', async () => {
    const a = await selfRequest(t, f.naima);
    const browser = await identified(P.principalAccessManager);
    const screen = await browser.get(`/access/tasks/review/reject?ids=${a.request.id}`);
    expect(screen.statusCode).toBe(200);
    expect(screen.body).toContain('Raison du refus');
    const page = await browser.post('/access/tasks/review/reject', { ids: a.request.id, reason: '   ' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('aria-invalid="true"');
    expect(page.body).toContain(REASON_REQUIRED);
    expect(await status(a.request.id)).toBe('pending');
  });

  it('rejects with a reason that the requester receives', async () => {
    const a = await selfRequest(t, f.naima);
    const browser = await identified(P.principalAccessManager);
    await browser.get(`/access/tasks/review/reject?ids=${a.request.id}`);
    const page = await browser.post('/access/tasks/review/reject', { ids: a.request.id, reason: 'Rôle réservé aux comptables.' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/access/tasks?done=finished');
    const request = (await requestById(t.ctx, a.request.id))!;
    expect(request.status).toBe('rejected');
    expect(request.decisionReason).toBe('Rôle réservé aux comptables.');
    const mails = await outbox(`${f.naima.nrn}@example.be`);
    expect(mails.find((m) => m.template === 'access.rejected')!.body_text).toContain('Rôle réservé aux comptables.');
  });

  it('refuses a decision posted without its CSRF token, and changes nothing', async () => {
    const a = await selfRequest(t, f.naima);
    const browser = await identified(P.principalAccessManager);
    const page = await browser.post('/access/tasks/review', { ids: a.request.id, _action: 'approve' });
    expect(page.statusCode).toBe(403);
    expect(await status(a.request.id)).toBe('pending');
  });

  it('answers 403 to a person who may not decide, on the review and on the decision', async () => {
    const a = await selfRequest(t, f.naima);
    for (const nrn of [P.citizen, P.accessManagers[0], P.encoders[1]]) {
      const browser = await identified(nrn);
      await browser.get('/access');
      expect((await browser.get(`/access/tasks/review?ids=${a.request.id}`)).statusCode).toBe(403);
      expect((await browser.get(`/access/tasks/review/reject?ids=${a.request.id}`)).statusCode).toBe(403);
      expect((await browser.post('/access/tasks/review', { ids: a.request.id, _action: 'approve' })).statusCode).toBe(403);
      expect((await browser.post('/access/tasks/review/reject', { ids: a.request.id, reason: 'Non' })).statusCode).toBe(403);
    }
    expect(await status(a.request.id)).toBe('pending');
  });

  it('answers 404 to an unknown request', async () => {
    const browser = await identified(P.principalAccessManager);
    expect((await browser.get('/access/tasks/review?ids=6f1c1e4e-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('tells the manager clearly when another manager decided the request meanwhile', async () => {
    const a = await selfRequest(t, f.naima);
    const browser = await identified(P.principalAccessManager);
    await browser.get(`/access/tasks/review?ids=${a.request.id}`);
    await decideRequest(t.ctx, f.chloe, a.request.id, { decision: 'reject', reason: 'Déjà traité' });
    const page = await browser.post('/access/tasks/review', { ids: a.request.id, _action: 'approve' });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Quelqu’un d’autre a déjà pris une décision sur cette demande');
    expect(await status(a.request.id)).toBe('rejected');
    const again = await browser.get(`/access/tasks/review?ids=${a.request.id}`);
    expect(again.body).toContain('Quelqu’un d’autre a déjà pris une décision sur cette demande');
    expect(again.body).not.toContain('>Approuver<');
  });

  it('lets exactly one of two managers deciding at the same moment win; the other gets the message', async () => {
    const a = await selfRequest(t, f.naima);
    const pieter = await identified(P.principalAccessManager);
    const chloe = await identified(P.coPrincipalAccessManager);
    await Promise.all([pieter.get(`/access/tasks/review?ids=${a.request.id}`), chloe.get(`/access/tasks/review/reject?ids=${a.request.id}`)]);
    const [approve, reject] = await Promise.all([
      pieter.post('/access/tasks/review', { ids: a.request.id, _action: 'approve' }),
      chloe.post('/access/tasks/review/reject', { ids: a.request.id, reason: 'Pas nécessaire' }),
    ]);
    expect([approve.statusCode, reject.statusCode].sort()).toEqual([303, 409]);
    const loser = approve.statusCode === 409 ? approve : reject;
    expect(loser.body).toContain('Quelqu’un d’autre a déjà pris une décision sur cette demande');
    expect(await status(a.request.id)).toBe(approve.statusCode === 303 ? 'approved' : 'rejected');
    const history = await t.ctx.db.selectFrom('assignment_history').select('action').where('assignment_id', '=', a.assignment.id).execute();
    expect(history.filter((h) => h.action === 'assign.approved' || h.action === 'assign.rejected')).toHaveLength(1);
  });
});

describe('the decided requests', () => {
  it('lists the approved and rejected requests, the latest decision first, with its date and who took it; open ones stay out', async () => {
    // Later than every decision of the tests above: these two come first.
    t.ctx.clock.advance(3_600_000);
    const approved = await selfRequest(t, f.naima, { roleCode: 'gestionnaire' });
    const rejected = await selfRequest(t, f.lucas, { roleCode: 'proprietaire' });
    await selfRequest(t, f.naima, { roleCode: 'relecteur' });
    await decideRequest(t.ctx, f.pieter, approved.request.id, { decision: 'approve' });
    t.ctx.clock.advance(60_000);
    await decideRequest(t.ctx, f.chloe, rejected.request.id, { decision: 'reject', reason: 'Pas dans cette équipe' });

    const browser = await identified(P.principalAccessManager);
    const page = await browser.get('/access/tasks/decided');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<a href="/access/tasks/decided" aria-current="page">Demandes traitées</a>');
    const rows = page.body.slice(page.body.indexOf('<tbody'), page.body.indexOf('</tbody>')).split('</tr>');
    expect(rows[0]).toContain('Lucas Maes');
    expect(rows[0]).toContain('Propriétaire de l');
    expect(rows[0]).toContain('Rejetée le 24/11/2026 par Chloé Dewulf');
    expect(rows[1]).toContain('Naïma Benali');
    expect(rows[1]).toContain('Approuvée le 24/11/2026 par Pieter Claes');
    expect(page.body).not.toContain('Attribuer : Relecteur');
    expect(page.body).not.toContain('name="ids"');
    expect((await browser.get('/access/tasks/decided?q=maes')).body).not.toContain('Naïma Benali');
    // The open list keeps the one still pending.
    expect((await browser.get('/access/tasks')).body).toContain('Aperçu des tâches en suspens (1)');

    // Sophie manages the finances domain: not Espace Personnel Wallon.
    const sophie = await (await identified(P.accessManagers[0])).get('/access/tasks/decided');
    expect(sophie.statusCode).toBe(200);
    expect(sophie.body).not.toContain('Gestionnaire de l');
    expect(sophie.body).not.toContain('Propriétaire de l');
    expect((await (await identified(P.principalAccessManager, 'fr', 'password')).get('/access/tasks/decided')).statusCode).toBe(303);
  });
});
