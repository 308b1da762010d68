import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { addKey, keysOf } from '../digital-keys/service';
import type { KeyKindName } from '../digital-keys/model';
import type { Session } from '../session';
import { signIn } from '../../platform/testing/session';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
});
afterAll(() => t.close());

async function giveKey(session: Session, kind: KeyKindName, label: string | null = null) {
  return t.ctx.db.transaction().execute((trx) => addKey(trx, t.ctx, session, kind, label));
}

async function outboxFor(to: string) {
  return t.ctx.db.selectFrom('outbox_messages').select(['template', 'subject', 'lang']).where('recipient', '=', to).orderBy('id').execute();
}

async function setEmail(personId: string, email: string | null, language: 'fr' | 'nl' | 'de' | 'en' = 'fr') {
  await t.ctx.db.updateTable('persons').set({ email, language }).where('id', '=', personId).execute();
}

describe('Mes clés numériques', () => {
  it('sends a person who is not identified to the login page and back', async () => {
    const page = await new TestBrowser(t.app).get('/keys');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?return=%2Fkeys&loa=low');
  });

  it('lists every kind of key with its state, dates and the actions the session allows', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const { session } = await signIn(t, browser, DEMO.persons.encoders[0]!, 'eid');
    await giveKey(session, 'totp');
    const page = await browser.get('/keys');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Mes clés numériques</h1>');
    const totp = /id="kind-totp">([\s\S]*?)<\/li><li/.exec(page.body)?.[1] ?? '';
    expect(totp).toContain('ACTIVE');
    expect(totp).toContain('Activée le 24/11/2026');
    expect(totp).toContain('Pas encore utilisée');
    expect(totp).toContain('href="/keys/totp/activate"');
    expect(totp).toContain('Remplacer');
    expect(totp).toMatch(/href="\/keys\/[0-9a-f-]{36}\/deactivate"/);
    expect(page.body).toMatch(/id="kind-sms">[\s\S]*?Non activée[\s\S]*?href="\/keys\/sms\/activate"/);
    expect(page.body).toContain('href="/keys/passkey/activate"');
  });

  it('shows a low session the reason it cannot activate a substantial key, with a link to identify with a stronger one', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    await signIn(t, browser, DEMO.persons.encoders[1]!, 'password');
    const page = await browser.get('/keys');
    expect(page.statusCode).toBe(200);
    const sms = /id="kind-sms">([\s\S]*?)<\/li>/.exec(page.body)?.[1] ?? '';
    expect(sms).not.toContain('/keys/sms/activate');
    expect(sms).toContain('vous devez être identifié(e) avec le niveau de sécurité « substantiel »');
    expect(sms).toContain('href="/login?loa=substantial&amp;return=%2Fkeys"');
    const password = /id="kind-password">([\s\S]*?)<\/li>/.exec(page.body)?.[1] ?? '';
    expect(password).toContain('href="/login?loa=high&amp;return=%2Fkeys"');
  });

  it('a low session cannot activate a substantial key, and nothing is stored', async () => {
    const browser = new TestBrowser(t.app);
    const { session, person } = await signIn(t, browser, DEMO.persons.encoders[2]!, 'password');
    await expect(giveKey(session, 'totp')).rejects.toMatchObject({ code: 'keys.level_too_low', status: 403 });
    expect(await keysOf(t.ctx, person.id)).toEqual([]);
  });

  it('deactivates a key after confirmation, with the success banner, an audit event and an e-mail notice', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const { session, person } = await signIn(t, browser, DEMO.persons.encoders[3]!, 'eid');
    await setEmail(person.id, 'thomas.renard@example.be');
    const keyId = await giveKey(session, 'sms');
    const confirm = await browser.get(`/keys/${keyId}/deactivate`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Voulez-vous vraiment désactiver la clé « code de sécurité via SMS » ?');
    const done = await browser.post(`/keys/${keyId}/deactivate`, {});
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/keys?done=deactivated&kind=sms');
    const page = await browser.get(done.headers.location as string);
    expect(page.body).toContain('Opération réussie !');
    expect(page.body).toContain('La clé « code de sécurité via SMS » est désactivée.');
    expect((await keysOf(t.ctx, person.id)).map((k) => k.status)).toEqual(['deactivated']);
    expect((await outboxFor('thomas.renard@example.be')).map((m) => m.template)).toEqual(['keys.changed', 'keys.changed']);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['action', 'details']).where('actor', '=', `person:${person.nrn}`).where('action', 'like', 'key.%').orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['key.activated', 'key.deactivated']);
  });

  it('refuses a deactivation without the form’s CSRF token', async () => {
    const browser = new TestBrowser(t.app);
    const { session, person } = await signIn(t, browser, DEMO.persons.accessManagers[0]!, 'eid');
    const keyId = await giveKey(session, 'email');
    const forged = await browser.post(`/keys/${keyId}/deactivate`, { _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect((await keysOf(t.ctx, person.id)).map((k) => k.status)).toEqual(['active']);
  });

  it('another person’s key cannot be deactivated, nor even shown', async () => {
    const owner = new TestBrowser(t.app);
    const { session, person } = await signIn(t, owner, DEMO.persons.accessManagers[1]!, 'eid');
    const keyId = await giveKey(session, 'passkey', 'Laptop');
    const intruder = new TestBrowser(t.app);
    await signIn(t, intruder, DEMO.persons.auditor, 'eid');
    await intruder.get('/keys');
    expect((await intruder.get(`/keys/${keyId}/deactivate`)).statusCode).toBe(404);
    const attempt = await intruder.post(`/keys/${keyId}/deactivate`, {});
    expect(attempt.statusCode).toBe(404);
    expect((await keysOf(t.ctx, person.id)).map((k) => k.status)).toEqual(['active']);
  });

  it('answers a malformed key id with “not found”, not an error', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, DEMO.persons.auditor, 'eid');
    await browser.get('/keys');
    expect((await browser.get('/keys/not-a-uuid/deactivate')).statusCode).toBe(404);
    expect((await browser.post('/keys/not-a-uuid/deactivate', {})).statusCode).toBe(404);
  });
});

describe('Mon profil', () => {
  it('shows the name and national number from the register, and the e-mail and language as editable fields', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    await signIn(t, browser, DEMO.persons.citizen, 'itsme');
    const page = await browser.get('/keys/profile');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Emma Wouters');
    expect(page.body).toContain('04.03.12-364.89');
    expect(page.body).not.toMatch(/name="(nrn|name|givenName|familyName)"/);
    expect(page.body).toContain('name="email"');
    expect(page.body).toMatch(/name="language" value="nl"/);
  });

  it('refuses a bad e-mail address with a translated message and changes nothing', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'nl' });
    const { person } = await signIn(t, browser, DEMO.persons.localManager, 'eid');
    await setEmail(person.id, 'isabelle@example.be', 'fr');
    await browser.get('/keys/profile');
    const sent = await browser.post('/keys/profile', { email: 'not an address', language: 'de' });
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('Er is een probleem');
    expect(sent.body).toContain('value="not an address"');
    const stored = await t.ctx.db.selectFrom('persons').select(['email', 'language']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ email: 'isabelle@example.be', language: 'fr' });
    expect(await outboxFor('isabelle@example.be')).toEqual([]);
  });

  it('refuses a language that is not one of nl, fr, de, en', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    await signIn(t, browser, DEMO.persons.cpasChair, 'eid');
    await browser.get('/keys/profile');
    const sent = await browser.post('/keys/profile', { email: 'marc@example.be', language: 'es' });
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('Choice of language is not valid.');
  });

  it('saves the e-mail address and language, audits it, tells the old and new address, and switches the interface language', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const { person } = await signIn(t, browser, DEMO.persons.coPrincipalAccessManager, 'eid');
    await setEmail(person.id, 'chloe@old.example.be', 'fr');
    await browser.get('/keys/profile');
    const sent = await browser.post('/keys/profile', { email: ' Chloe.Dewulf@Example.BE ', language: 'nl' });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe('/lang/nl?next=%2Fkeys%2Fprofile%3Fdone%3Dsaved');
    const switched = await browser.get(sent.headers.location as string);
    expect(switched.headers.location).toBe('/keys/profile?done=saved');
    const page = await browser.get('/keys/profile?done=saved');
    expect(page.body).toContain('<html lang="nl"');
    expect(page.body).toContain('Uw profiel is opgeslagen.');
    const stored = await t.ctx.db.selectFrom('persons').select(['email', 'language']).where('id', '=', person.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ email: 'chloe.dewulf@example.be', language: 'nl' });
    expect(await outboxFor('chloe@old.example.be')).toEqual([{ template: 'profile.email_changed', subject: 'Uw e-mailadres werd gewijzigd', lang: 'nl' }]);
    expect((await outboxFor('chloe.dewulf@example.be')).map((m) => m.template)).toEqual(['profile.email_changed']);
    const audit = await t.ctx.db.selectFrom('audit_events').select(['details']).where('action', '=', 'profile.updated').where('actor', '=', `person:${person.nrn}`).execute();
    expect(audit.map((a) => a.details)).toEqual([{ changed: ['email', 'language'], language: 'nl' }]);
  });

  it('says so when nothing changed, and records nothing', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    const { person } = await signIn(t, browser, DEMO.persons.formerDirector, 'eid');
    await setEmail(person.id, 'georges@example.be', 'en');
    await browser.get('/keys/profile');
    const sent = await browser.post('/keys/profile', { email: 'georges@example.be', language: 'en' });
    expect(sent.headers.location).toBe('/keys/profile?done=unchanged');
    const audit = await t.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'profile.updated').where('actor', '=', `person:${person.nrn}`).execute();
    expect(audit).toEqual([]);
  });
});
