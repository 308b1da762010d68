import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveClient } from '../oidc/clients';
import { createTestApp, TestBrowser, type TestApp } from '../platform/testing/app';
import { signIn } from '../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../registries/demo';

let t: TestApp;
const SECRET = 'an-ebox-client-secret-of-at-least-32-characters';
const tokens: Record<string, string> = {};
const citizen = DEMO.persons.citizen;
const other = DEMO.persons.encoders[0]!;

async function clientCredentials(clientId: string, scope: string): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/oidc/token',
    headers: { authorization: `Basic ${Buffer.from(`${clientId}:${SECRET}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ access_token: string }>().access_token;
}

function deposit(body: unknown, token: string | null = tokens.ebox!) {
  // A minute between deposits: the inbox sorts by time.
  t.ctx.clock.advance(60_000);
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return t.app.inject({ method: 'POST', url: '/api/ebox/documents', headers, payload: JSON.stringify(body) });
}

async function browserOf(nrn: string, key: Parameters<typeof signIn>[3] = 'eid') {
  const b = new TestBrowser(t.app, { 'accept-language': 'fr' });
  await signIn(t, b, nrn, key);
  return b;
}

const mail = (to: string) => t.ctx.db.selectFrom('outbox_messages').select(['template', 'subject', 'body_text']).where('recipient', '=', to).orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  await saveClient(t.ctx, { client_id: 'ebox-app', client_name: 'Service des pensions', grant_types: ['client_credentials'], scope: 'ebox', secret: SECRET }, 'cli');
  await saveClient(t.ctx, { client_id: 'api-only', grant_types: ['client_credentials'], scope: 'api', secret: SECRET }, 'cli');
  tokens.ebox = await clientCredentials('ebox-app', 'ebox');
  tokens.api = await clientCredentials('api-only', 'api');
});
afterAll(() => t?.close());

describe('POST /api/ebox/documents', () => {
  it('answers 401 without a token and with an unknown one', async () => {
    const none = await deposit({ recipient: citizen, title: 'x', body: 'y' }, null);
    expect(none.statusCode).toBe(401);
    expect(none.headers['www-authenticate']).toContain('invalid_token');
    expect((await deposit({ recipient: citizen, title: 'x', body: 'y' }, 'a'.repeat(43))).statusCode).toBe(401);
  });

  it('answers 403 to a token without the ebox scope', async () => {
    const response = await deposit({ recipient: citizen, title: 'x', body: 'y' }, tokens.api);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: 'insufficient_scope' });
  });

  it('refuses bad input with 400 and an unknown person with 422, keeping nothing', async () => {
    expect((await deposit({ recipient: '12345678901', title: 'x', body: 'y' })).json()).toMatchObject({ error: 'invalid_request', error_description: 'recipient: not a valid national register number' });
    expect((await deposit({ recipient: citizen, title: '', body: 'y' })).statusCode).toBe(400);
    expect((await deposit({ recipient: citizen, title: 'x', body: 'y', extra: 1 })).statusCode).toBe(400);
    expect((await deposit({ recipient: citizen, title: 'x'.repeat(201), body: 'y' })).statusCode).toBe(400);
    // A well-formed number the national register does not know.
    const unknown = await deposit({ recipient: '90010100123', title: 'x', body: 'y' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json()).toMatchObject({ error: 'unknown_recipient' });
    const count = await t.ctx.db.selectFrom('ebox_documents').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('deposits a document (201), sent by the client, audited', async () => {
    const response = await deposit({ recipient: '04.03.12-364.89', title: 'Attestation de pension', body: 'Votre attestation.' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ recipient: citizen, title: 'Attestation de pension', sender: 'Service des pensions' });
    const audit = await t.ctx.db.selectFrom('audit_events').select(['actor', 'target', 'details']).where('action', '=', 'ebox.document_deposited').execute();
    expect(audit).toEqual([{ actor: 'client:ebox-app', target: `person:${citizen}`, details: { documentId: response.json().id, notified: false } }]);
  });
});

describe('the eBox of a person', () => {
  it('needs at least the substantial level', async () => {
    const low = await browserOf(citizen, 'password');
    const response = await low.get('/ebox');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/login?return=%2Febox&loa=substantial');
  });

  it('keeps documents deposited before activation, without notice, unread in bold', async () => {
    const b = await browserOf(citizen);
    const inbox = await b.get('/ebox');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.body).toContain('Votre eBox n’est pas active');
    expect(inbox.body).toMatch(/<strong class="ebox-unread"><a href="\/ebox\/[0-9a-f-]+">Attestation de pension<\/a>/);
    expect(inbox.body).toContain('Documents non lus : 1');
    const [document] = await t.ctx.db.selectFrom('ebox_documents').select(['notified']).execute();
    expect(document!.notified).toBe(false);
    expect(await t.ctx.db.selectFrom('outbox_messages').select('template').where('template', '=', 'ebox.document').execute()).toEqual([]);
  });

  it('activates with an address confirmed by a link, then notifies each new document at that address', async () => {
    const b = await browserOf(citizen);
    await b.get('/ebox/activate');
    expect((await b.post('/ebox/activate', { email: 'pas-une-adresse' })).statusCode).toBe(400);
    const asked = await b.post('/ebox/activate', { email: 'Lea@Example.be' });
    expect(asked.statusCode).toBe(303);
    expect((await b.get(asked.headers.location!)).body).toContain('Nous avons envoyé un lien de confirmation à lea@example.be.');
    const [activation] = await mail('lea@example.be');
    expect(activation!.template).toBe('ebox.activation');
    const token = /\/ebox\/activate\/confirm\?token=([A-Za-z0-9_-]+)/.exec(activation!.body_text)![1]!;

    // Not active yet: a document deposited now gets no notice.
    await deposit({ recipient: citizen, title: 'Avant confirmation', body: 'Texte.' });
    expect((await mail('lea@example.be')).map((m) => m.template)).toEqual(['ebox.activation']);

    // Someone else, identified, cannot use the link.
    const intruder = await browserOf(other);
    await intruder.get(`/ebox/activate/confirm?token=${token}`);
    expect((await intruder.post('/ebox/activate/confirm', { token })).statusCode).toBe(400);

    const page = await b.get(`/ebox/activate/confirm?token=${token}`);
    expect(page.body).toContain(`value="${token}"`);
    const confirmed = await b.post('/ebox/activate/confirm', { token });
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe('/ebox?activated=1');
    expect((await b.get('/ebox')).body).toContain('Votre eBox est active : nous avertissons lea@example.be');
    // The link works once.
    await b.get(`/ebox/activate/confirm?token=${token}`);
    expect((await b.post('/ebox/activate/confirm', { token })).statusCode).toBe(400);

    const response = await deposit({ recipient: citizen, title: 'Décision', body: 'Contenu confidentiel.', sender: 'ONEM' });
    expect(response.statusCode).toBe(201);
    const notices = (await mail('lea@example.be')).filter((m) => m.template === 'ebox.document');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.body_text).toContain('ONEM vous a envoyé un document dans votre eBox.');
    expect(notices[0]!.body_text).toContain(`/ebox/${response.json().id}`);
    expect(notices[0]!.body_text).not.toContain('Contenu confidentiel');
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('action', 'in', ['ebox.activation_requested', 'ebox.activated']).execute();
    expect(audit.map((a) => a.action)).toEqual(['ebox.activation_requested', 'ebox.activated']);
  });

  it('lists newest first, marks a document read when opened, and keeps the read state', async () => {
    const b = await browserOf(citizen);
    const before = await b.get('/ebox');
    const titles = [...before.body.matchAll(/<a href="\/ebox\/([0-9a-f-]{36})">([^<]+)<\/a>/g)].map((m) => m[2]);
    expect(titles).toEqual(['Décision', 'Avant confirmation', 'Attestation de pension']);
    const id = /<a href="\/ebox\/([0-9a-f-]{36})">Décision<\/a>/.exec(before.body)![1]!;
    const opened = await b.get(`/ebox/${id}`);
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Contenu confidentiel.');
    expect(opened.body).toContain('ONEM');
    const after = await b.get('/ebox');
    expect(after.body).toContain('Documents non lus : 2');
    expect(after.body).not.toMatch(/<strong class="ebox-unread"><a href="\/ebox\/[0-9a-f-]+">Décision/);
    const row = await t.ctx.db.selectFrom('ebox_documents').select('read_at').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.read_at).not.toBeNull();
  });

  it('shows a document to its recipient only (404 otherwise), and 404 for a malformed id', async () => {
    const [document] = await t.ctx.db.selectFrom('ebox_documents').select('id').execute();
    const intruder = await browserOf(other);
    expect((await intruder.get(`/ebox/${document!.id}`)).statusCode).toBe(404);
    expect((await intruder.get('/ebox')).body).toContain('Votre eBox ne contient aucun document.');
    expect((await intruder.get('/ebox/not-a-uuid')).statusCode).toBe(404);
    const row = await t.ctx.db.selectFrom('ebox_documents').select('read_at').where('id', '=', document!.id).executeTakeFirstOrThrow();
    expect(row.read_at).toBeNull();
  });

  it('refuses an activation without the form’s CSRF token', async () => {
    const b = await browserOf(citizen);
    await b.get('/ebox/activate');
    const response = await b.post('/ebox/activate', { _csrf: 'forged', email: 'x@example.be' });
    expect(response.statusCode).toBe(403);
    expect(await mail('x@example.be')).toEqual([]);
  });
});
