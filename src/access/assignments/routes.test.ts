import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { personForIdentification } from '../../identity/service';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { requestChange } from '../service';
import { exportAssignments } from './service';
import { assignmentsFixture, ZEPHYR } from './test-fixture';

const P = DEMO.persons;
let t: TestApp;
let f: Awaited<ReturnType<typeof assignmentsFixture>>;

beforeEach(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await assignmentsFixture(t);
});
afterEach(async () => t.close());

async function as(nrn: string) {
  const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
  await signIn(t, browser, nrn);
  return browser;
}

const overview = `/access/enterprises/${ZEPHYR}/assignments`;
const rowsOf = (body: string) => (body.match(/href="\/access\/assignments\/[0-9a-f-]{36}"/g) ?? []).length;
const outbox = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'subject', 'body_text']).where('recipient', '=', to).orderBy('id').execute();

describe('the enterprises and the overview', () => {
  it('a manager of one enterprise goes straight to its overview', async () => {
    const browser = await as(P.principalAccessManager);
    const response = await browser.get('/access/manage');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(overview);
  });

  it('a person without any mandate sees an empty chooser, and is refused the overview', async () => {
    const browser = await as(P.encoders[0]);
    const chooser = await browser.get('/access/manage');
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain('Vous ne gérez les attributions de rôles d’aucune entreprise.');
    expect((await browser.get(overview)).statusCode).toBe(403);
  });

  it('the principal sees every assignment with role, person and e-mail, dates, "Illimité", status and unit', async () => {
    const browser = await as(P.principalAccessManager);
    const response = await browser.get(overview);
    expect(response.statusCode).toBe(200);
    expect(rowsOf(response.body)).toBe(4);
    for (const text of ['Rôle', 'Utilisateur', 'Date de début', 'Date de fin', 'Statut', 'Propriétés du rôle', 'Détails', 'Rédacteur', 'Naïma Benali', 'naima@zephyr.be', '24/11/2026', 'Illimité', 'Actif(s)/active(s)', 'Action sociale (01)']) {
      expect(response.body).toContain(text);
    }
  });

  it('a finances access manager does not see the walloon_region assignments', async () => {
    const browser = await as(P.accessManagers[0]);
    const response = await browser.get(overview);
    expect(response.statusCode).toBe(200);
    expect(rowsOf(response.body)).toBe(1);
    expect(response.body).toContain('Lucas Maes');
    expect(response.body).not.toContain('Naïma Benali');
    expect((await browser.get(`/access/assignments/${f.assignments.redacteur.id}`)).statusCode).toBe(403);
    const csv = await browser.get(`${overview}.csv`);
    expect(csv.body).toContain('Maes');
    expect(csv.body).not.toContain('Benali');
  });

  it('a local manager sees only the social-security assignments of its unit', async () => {
    const browser = await as(P.localManager);
    const response = await browser.get(overview);
    expect(rowsOf(response.body)).toBe(1);
    expect(response.body).toContain('Lisa Schmitz');
    expect(response.body).not.toContain('Thomas Renard');
    expect(response.body).not.toContain('Lucas Maes');
    expect((await browser.get(`/access/assignments/${f.assignments.declarantFamily.id}`)).statusCode).toBe(403);
    expect((await browser.get(`/access/assignments/${f.assignments.declarantSocial.id}`)).statusCode).toBe(200);
  });

  it('searches by person or role, filters by status and application, sorts and pages by ten', async () => {
    const browser = await as(P.principalAccessManager);
    expect(rowsOf((await browser.get(`${overview}?q=naima`)).body)).toBe(1);
    // Every word in the name, in any order, case and accents ignored; wildcards are only characters.
    expect(rowsOf((await browser.get(`${overview}?q=BENALI+Na%C3%AFma`)).body)).toBe(1);
    expect(rowsOf((await browser.get(`${overview}?q=benali+maes`)).body)).toBe(0);
    expect(rowsOf((await browser.get(`${overview}?q=%25a%25`)).body)).toBe(0);
    expect(rowsOf((await browser.get(`${overview}?q=d%C3%A9clarant`)).body)).toBe(2);
    expect(rowsOf((await browser.get(`${overview}?application=dimona`)).body)).toBe(2);
    expect(rowsOf((await browser.get(`${overview}?status=stopped`)).body)).toBe(0);
    const byPerson = (await browser.get(`${overview}?sort=person&dir=asc`)).body;
    expect(byPerson.indexOf('Naïma Benali')).toBeLessThan(byPerson.indexOf('Thomas Renard'));
    const reversed = (await browser.get(`${overview}?sort=person&dir=desc`)).body;
    expect(reversed.indexOf('Naïma Benali')).toBeGreaterThan(reversed.indexOf('Thomas Renard'));
    // Nonsense in the query string is ignored, never a 500.
    expect((await browser.get(`${overview}?status=nope&sort=evil&page=-3&application=%27%3B`)).statusCode).toBe(200);
    // Twelve more for Naïma: two pages.
    const naima = f.persons.naima;
    for (let i = 0; i < 12; i++) {
      await t.ctx.db
        .insertInto('role_assignments')
        .values({ person_id: naima.personId, enterprise_number: ZEPHYR, unit_id: null, application_id: 'mon-aviq', role_code: 'consultation', status: 'expired', valid_from: '2020-01-01', valid_until: '2020-12-31', contact_email: null, membership_id: null, created_at: new Date(Date.UTC(2020, 0, i + 1)), updated_at: new Date() })
        .execute();
    }
    const first = await browser.get(overview);
    expect(first.body).toContain('16 résultats');
    expect(rowsOf(first.body)).toBe(10);
    expect(rowsOf((await browser.get(`${overview}?page=2`)).body)).toBe(6);
    expect(rowsOf((await browser.get(`${overview}?page=99`)).body)).toBe(6);
  });

  it('the simplified overview counts each role by status and links to its persons', async () => {
    const browser = await as(P.principalAccessManager);
    const response = await browser.get(`${overview}?view=simple`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatch(/Déclarant[\s\S]*Actif\(s\)\/active\(s\) : 2/);
    expect(response.body).toContain(`${overview}?application=dimona&amp;role=declarant`);
  });

  it('an unknown enterprise or assignment is 404', async () => {
    const browser = await as(P.principalAccessManager);
    expect((await browser.get('/access/enterprises/0123456789/assignments')).statusCode).toBe(404);
    expect((await browser.get('/access/enterprises/abc/assignments')).statusCode).toBe(404);
    expect((await browser.get('/access/assignments/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await browser.get('/access/assignments/not-an-id')).statusCode).toBe(404);
  });

  it('the pages need the high level: a low session is sent to identify', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, P.principalAccessManager, 'password');
    const response = await browser.get(overview);
    expect(response.statusCode).not.toBe(200);
  });
});

describe('the details and their actions', () => {
  it('shows the role with its descriptions, the person, the enterprise, the actions and the history', async () => {
    const browser = await as(P.principalAccessManager);
    const response = await browser.get(`/access/assignments/${f.assignments.redacteur.id}`);
    expect(response.statusCode).toBe(200);
    for (const text of ['Rédacteur', 'Brève description', 'Longue description', 'Ateliers Zéphyr', '0723.641.873', 'Illimité', 'Modifier la date d’expiration', 'Arrêter', 'Désactiver temporairement', 'Historique de l’attribution de rôle', 'Attribution de rôle octroyée', 'Automatique', 'Pieter Claes']) {
      expect(response.body).toContain(text);
    }
    expect(response.body).toMatch(/24\/11\/2026 - 10:00:00/);
  });

  it('stops after a confirmation: history, e-mail of suspension, and "Recommencer" offered', async () => {
    const browser = await as(P.principalAccessManager);
    const id = f.assignments.redacteur.id;
    const confirm = await browser.get(`/access/assignments/${id}/stop`);
    expect(confirm.body).toContain('Êtes-vous sûr de vouloir arrêter le rôle Rédacteur');
    const stopped = await browser.post(`/access/assignments/${id}/stop`, {});
    expect(stopped.statusCode).toBe(303);
    const details = await browser.get(stopped.headers.location as string);
    expect(details.body).toContain('Opération réussie');
    expect(details.body).toContain('Une demande a été envoyée afin de suspendre cette attribution de rôle.');
    expect(details.body).toContain('Suspendu(e)');
    expect(details.body).toContain('Suspension demandée');
    expect(details.body).toContain('Suspension approuvée');
    expect(details.body).toContain('Recommencer');
    expect(details.body).not.toContain('Désactiver temporairement</button>');
    const mails = await outbox('naima@zephyr.be');
    expect(mails.at(-1)!.template).toBe('access.changed');
    expect(mails.at(-1)!.body_text).toContain('suspendu');
    // Stopping again is refused with a message, not a 500.
    const again = await browser.post(`/access/assignments/${id}/stop`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('pas possible');
  });

  it('changes the expiry date, and refuses a past date, an end before the start and an empty date', async () => {
    const browser = await as(P.principalAccessManager);
    const id = f.assignments.comptable.id;
    await browser.get(`/access/assignments/${id}/expiry`);
    const past = await browser.post(`/access/assignments/${id}/expiry`, { end: 'date', validUntil: '2026-11-01' });
    expect(past.statusCode).toBe(400);
    expect(past.body).toContain('error-summary');
    expect(past.body).toContain('La date de fin ne peut pas être dans le passé.');
    // An assignment that starts later: an end before its start is refused.
    const later = await t.ctx.db.updateTable('role_assignments').set({ valid_from: '2027-03-01', status: 'scheduled' }).where('id', '=', id).returning('id').executeTakeFirstOrThrow();
    const beforeStart = await browser.post(`/access/assignments/${later.id}/expiry`, { end: 'date', validUntil: '2027-01-31' });
    expect(beforeStart.statusCode).toBe(400);
    expect(beforeStart.body).toContain('La date de fin ne peut pas précéder la date de début.');
    const empty = await browser.post(`/access/assignments/${id}/expiry`, { end: 'date', validUntil: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Indiquez la nouvelle date de fin.');
    const nothing = await browser.post(`/access/assignments/${id}/expiry`, {});
    expect(nothing.statusCode).toBe(400);
    const ok = await browser.post(`/access/assignments/${id}/expiry`, { end: 'date', validUntil: '31/12/2027' });
    expect(ok.statusCode).toBe(303);
    const details = await browser.get(ok.headers.location as string);
    expect(details.body).toContain('31/12/2027');
    expect(details.body).toContain('Modification de l’expiration approuvée');
    expect(details.body).toContain('Date de fin : 31/12/2027');
    const unlimited = await browser.post(`/access/assignments/${id}/expiry`, { end: 'unlimited', validUntil: '' });
    expect(unlimited.statusCode).toBe(303);
    expect((await t.ctx.db.selectFrom('role_assignments').select('valid_until').where('id', '=', id).executeTakeFirstOrThrow()).valid_until).toBeNull();
  });

  it('deactivates temporarily and reactivates', async () => {
    const browser = await as(P.principalAccessManager);
    const id = f.assignments.comptable.id;
    await browser.get(`/access/assignments/${id}`);
    const off = await browser.post(`/access/assignments/${id}/deactivate`, {});
    expect(off.statusCode).toBe(303);
    const deactivated = await browser.get(off.headers.location as string);
    expect(deactivated.body).toContain('Désactivé(e) temporairement');
    expect(deactivated.body).toContain('Réactiver');
    const on = await browser.post(`/access/assignments/${id}/reactivate`, {});
    expect(on.statusCode).toBe(303);
    const active = await browser.get(on.headers.location as string);
    expect(active.body).toContain('Actif(s)/active(s)');
    // Reactivating an active one is refused.
    expect((await browser.post(`/access/assignments/${id}/reactivate`, {})).statusCode).toBe(409);
  });

  it('restarts a stopped assignment with a new end date', async () => {
    const browser = await as(P.principalAccessManager);
    const id = f.assignments.comptable.id;
    await requestChange(t.ctx, f.pieter, id, { kind: 'stop' });
    await browser.get(`/access/assignments/${id}/restart`);
    const restarted = await browser.post(`/access/assignments/${id}/restart`, { end: 'date', validUntil: '2027-06-30' });
    expect(restarted.statusCode).toBe(303);
    const details = await browser.get(restarted.headers.location as string);
    expect(details.body).toContain('Actif(s)/active(s)');
    expect(details.body).toContain('30/06/2027');
    expect(details.body).toContain('Reprise approuvée');
    expect(details.body).toContain('Désactiver temporairement');
  });

  it('shows a pending request instead of the actions', async () => {
    // Naïma asks to change her own right: it waits for a manager.
    const naima = await personForIdentification(t.ctx, P.encoders[0]);
    await requestChange(t.ctx, { personId: naima.id, nrn: naima.nrn }, f.assignments.redacteur.id, { kind: 'change_validity', validUntil: '2027-01-31' });
    const browser = await as(P.principalAccessManager);
    const details = await browser.get(`/access/assignments/${f.assignments.redacteur.id}`);
    expect(details.body).toContain('Une demande attend une décision');
    expect(details.body).not.toContain(`/access/assignments/${f.assignments.redacteur.id}/stop"`);
  });

  it('refuses the actions on an assignment out of scope, with 403', async () => {
    const browser = await as(P.accessManagers[0]);
    await browser.get(overview);
    const id = f.assignments.redacteur.id;
    expect((await browser.get(`/access/assignments/${id}/stop`)).statusCode).toBe(403);
    expect((await browser.post(`/access/assignments/${id}/stop`, {})).statusCode).toBe(403);
    expect((await browser.post(`/access/assignments/${id}/deactivate`, {})).statusCode).toBe(403);
    expect((await browser.post(`/access/assignments/${id}/expiry`, { end: 'date', validUntil: '2020-01-01' })).statusCode).toBe(403);
    expect((await t.ctx.db.selectFrom('role_assignments').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('active');
  });
});

describe('stopping several at once', () => {
  it('stops the selection after a confirmation, and says which could not be stopped', async () => {
    const browser = await as(P.principalAccessManager);
    const { redacteur, comptable, declarantSocial } = f.assignments;
    await requestChange(t.ctx, f.pieter, comptable.id, { kind: 'stop' });
    const confirm = await browser.get(`${overview}/stop?a=${redacteur.id}&a=${comptable.id}&a=${declarantSocial.id}&a=nonsense`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Êtes-vous sûr de vouloir arrêter ces 3 attributions de rôles');
    const result = await browser.post(`${overview}/stop`, { a: [redacteur.id, comptable.id, declarantSocial.id] });
    expect(result.statusCode).toBe(200);
    expect(result.body).toContain('Attributions de rôles arrêtées : 2');
    expect(result.body).toContain('Attributions de rôles non arrêtées : 1');
    expect(result.body).toMatch(/Lucas Maes[\s\S]*pas possible/);
    const statuses = await t.ctx.db.selectFrom('role_assignments').select(['id', 'status']).where('id', 'in', [redacteur.id, declarantSocial.id]).execute();
    expect(statuses.map((s) => s.status)).toEqual(['stopped', 'stopped']);
  });

  it('leaves out what the manager may not manage', async () => {
    const browser = await as(P.localManager);
    await browser.get(overview);
    const result = await browser.post(`${overview}/stop`, { a: [f.assignments.declarantFamily.id, f.assignments.declarantSocial.id] });
    expect(result.body).toContain('Attributions de rôles arrêtées : 1');
    const family = await t.ctx.db.selectFrom('role_assignments').select('status').where('id', '=', f.assignments.declarantFamily.id).executeTakeFirstOrThrow();
    expect(family.status).toBe('active');
  });
});

describe('the CSV export', () => {
  it('streams every assignment in scope, every state, with a BOM, the page language and escaped cells', async () => {
    const browser = await as(P.principalAccessManager);
    await requestChange(t.ctx, f.pieter, f.assignments.comptable.id, { kind: 'stop' });
    await t.ctx.db.updateTable('persons').set({ family_name: '=HYPERLINK("x")' }).where('id', '=', f.persons.thomas.personId).execute();
    const csv = await browser.get(`${overview}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="role-assignments-${ZEPHYR}.csv"`);
    expect(csv.headers['content-length']).toBeUndefined();
    expect(csv.headers['transfer-encoding']).toBe('chunked');
    expect(csv.body.startsWith('\uFEFF"Rôle";"Application";"Nom";"Prénoms";"Numéro de registre national";"E-mail";"Date de début";"Date de fin";"Statut";"Propriétés du rôle"\r\n')).toBe(true);
    const lines = csv.body.trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(csv.body).toContain('"Rédacteur de dossiers";"Espace Personnel Wallon";"Benali";"Naïma";"01.06.15-172.52";"naima@zephyr.be";"24/11/2026";"Illimité";"Actif(s)/active(s)";""');
    expect(csv.body).toContain('"Suspendu(e)"');
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv.body).toContain('"Action sociale (01)"');
    const english = new TestBrowser(t.app, { 'accept-language': 'en' });
    await signIn(t, english, P.principalAccessManager);
    expect((await english.get(`${overview}.csv`)).body).toContain('"Role";"Application";"Family name"');
  });

  it('reads the rows from a cursor, in pieces, as the reader takes them', async () => {
    const { stream } = await exportAssignments(t.ctx, f.pieter, ZEPHYR, 'fr', (await import('../../platform/i18n/translate')).translator('fr'));
    const pieces: Buffer[] = [];
    await pipeline(
      stream,
      new Writable({
        highWaterMark: 1,
        write(chunk: Buffer, _enc, done) {
          pieces.push(chunk);
          setImmediate(done);
        },
      }),
    );
    expect(Buffer.concat(pieces).toString('utf8').trim().split('\r\n')).toHaveLength(5);
  });

  it('is refused to a person who manages nothing in the enterprise', async () => {
    const browser = await as(P.encoders[1]);
    expect((await browser.get(`${overview}.csv`)).statusCode).toBe(403);
  });
});
