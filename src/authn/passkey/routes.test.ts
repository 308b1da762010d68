import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { keysOf } from '../digital-keys/service';
import { signIn } from '../../platform/testing/session';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
});
afterAll(() => t.close());

const challengeIdOf = (body: string) => /name="challengeId" value="([0-9a-f-]{36})"/.exec(body)?.[1] ?? '';
const optionsOf = (body: string) => JSON.parse((/data-options="([^"]*)"/.exec(body)?.[1] ?? '{}').replace(/&quot;/g, '"')) as Record<string, any>;

const forged = JSON.stringify({
  id: 'AAAA',
  rawId: 'AAAA',
  type: 'public-key',
  response: { clientDataJSON: 'e30', authenticatorData: 'AAAA', signature: 'AAAA', userHandle: 'AAAA' },
  clientExtensionResults: {},
});

describe('passkeys over HTTP', () => {
  it('a low session cannot activate a passkey: the page says why and where to identify, and a post is refused', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'fr' });
    const { person } = await signIn(t, browser, DEMO.persons.encoders[0]!, 'password');
    const page = await browser.get('/keys/passkey/activate');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('« substantiel »');
    expect(page.body).toContain('href="/login?loa=substantial&amp;return=%2Fkeys"');
    expect(page.body).not.toContain('data-options');
    const post = await browser.post('/keys/passkey/activate', { challengeId: '00000000-0000-4000-8000-000000000000', credential: forged });
    expect(post.statusCode).toBe(403);
    expect(await keysOf(t.ctx, person.id)).toEqual([]);
  });

  it('offers a substantial session a discoverable passkey with user verification, for this site', async () => {
    const browser = new TestBrowser(t.app);
    await signIn(t, browser, DEMO.persons.encoders[1]!, 'password_totp');
    const page = await browser.get('/keys/passkey/activate');
    expect(page.statusCode).toBe(200);
    const options = optionsOf(page.body);
    expect(options.rp).toEqual({ name: 'Sésame', id: 'localhost' });
    expect(options.authenticatorSelection).toMatchObject({ residentKey: 'required', userVerification: 'required' });
    expect(page.body).toContain('<script src="/assets/passkey.js" defer>');
  });

  it('tells a browser without JavaScript that passkeys need it, and stores nothing', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    const { person } = await signIn(t, browser, DEMO.persons.encoders[2]!, 'eid');
    const page = await browser.get('/keys/passkey/activate');
    const sent = await browser.post('/keys/passkey/activate', { challengeId: challengeIdOf(page.body), credential: '', label: 'Laptop' });
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('Passkeys need JavaScript in your browser.');
    expect(sent.body).toContain('value="Laptop"');
    expect(await keysOf(t.ctx, person.id)).toEqual([]);
  });

  it('refuses an answer that does not verify, and uses a challenge only once', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    const page = await browser.get('/login/passkey');
    expect(optionsOf(page.body)).toMatchObject({ rpId: 'localhost', userVerification: 'required', allowCredentials: [] });
    const challengeId = challengeIdOf(page.body);
    const first = await browser.post('/login/passkey', { challengeId, credential: forged });
    expect(first.statusCode).toBe(401);
    expect(first.body).toContain('This passkey is not known or has been deactivated.');
    const again = await browser.post('/login/passkey', { challengeId, credential: forged });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('This request has expired.');
    expect(again.headers['set-cookie'] ?? '').not.toContain('sesame_session');
  });

  it('refuses an expired challenge', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    const page = await browser.get('/login/passkey');
    t.ctx.clock.advance(6 * 60_000);
    const late = await browser.post('/login/passkey', { challengeId: challengeIdOf(page.body), credential: forged });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('This request has expired.');
  });

  it('answers garbage in the form with a message, not an error', async () => {
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    await browser.get('/login/passkey');
    const sent = await browser.post('/login/passkey', { challengeId: 'nonsense', credential: '{"id":' });
    expect(sent.statusCode).toBe(400);
    expect(sent.body).toContain('The passkey could not be verified.');
    const badChallenge = await browser.post('/login/passkey', { challengeId: 'nonsense', credential: forged });
    expect(badChallenge.statusCode).toBe(400);
    expect(badChallenge.body).toContain('This request has expired.');
  });

  it('audits every failed passkey login and blocks an address after twenty guesses', async () => {
    await t.ctx.db.deleteFrom('auth_throttles').execute();
    const { last } = await t.ctx.db.selectFrom('audit_events').select((eb) => eb.fn.max('seq').as('last')).executeTakeFirstOrThrow();
    const browser = new TestBrowser(t.app, { 'accept-language': 'en' });
    const attempt = async () => browser.post('/login/passkey', { challengeId: challengeIdOf((await browser.get('/login/passkey')).body), credential: forged });
    for (let i = 0; i < 20; i++) expect((await attempt()).statusCode).toBe(401);
    const blocked = await attempt();
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Too many failed attempts.');

    const audited = await t.ctx.db.selectFrom('audit_events').select(['action', 'details']).where('action', 'like', 'authn.attempt.%').where('seq', '>', Number(last ?? 0)).orderBy('seq').execute();
    const passkey = audited.filter((e) => (e.details as { factor?: string }).factor === 'passkey');
    expect(passkey.filter((e) => e.action === 'authn.attempt.failed')).toHaveLength(20);
    expect(passkey.filter((e) => e.action === 'authn.attempt.blocked')).toHaveLength(1);
    expect(passkey[0]!.details).toMatchObject({ address: '127.0.0.1', reason: 'passkey.unknown' });

    // The block ends with its delay (at most 15 minutes).
    t.ctx.clock.advance(15 * 60_000 + 1_000);
    expect((await attempt()).statusCode).toBe(401);
    await t.ctx.db.deleteFrom('auth_throttles').execute();
  });
});
