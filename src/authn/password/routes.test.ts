import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { DEMO_KEYS, loadDemoKeys } from './demo';
import { latestSession, totpNow, typePassword } from './testing';

let t: TestApp;
let addresses = 0;
/** Each test from its own client address, so that address counters of one test do not block another. */
const browser = () => new TestBrowser(t.app, { 'accept-language': 'en', 'x-forwarded-for': `198.51.100.${++addresses}` });
const [emma, pieter] = DEMO_KEYS;

beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: 'true' });
  await loadDemoRegisters(t.ctx.db);
  await loadDemoKeys(t.ctx.db);
});
afterAll(() => t.close());

const stripCsrf = (html: string) => html.replace(/value="[^"]+" name="_csrf"|name="_csrf" value="[^"]+"/g, '');

describe('username and password', () => {
  it('identifies at the low level with the password alone, and audits the attempt without the password', async () => {
    const b = browser();
    const done = await typePassword(b, { username: emma.username, password: emma.password });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/apps');
    expect(await latestSession(t)).toEqual({ loa: 'low', key: 'password' });
    const events = await t.ctx.db.selectFrom('audit_events').select(['action', 'details']).where('action', 'like', 'authn.attempt.%').execute();
    expect(events.at(-1)).toMatchObject({ action: 'authn.attempt.succeeded', details: { factor: 'password' } });
    expect(JSON.stringify(events)).not.toContain(emma.password);
  });

  it('writes the successful attempt and the identification in one append, next to each other in the chain', async () => {
    await typePassword(browser(), { username: emma.username, password: emma.password });
    const last = await t.ctx.db.selectFrom('audit_events').select(['seq', 'action', 'request_id']).orderBy('seq', 'desc').limit(2).execute();
    expect(last.map((e) => e.action)).toEqual(['authn.identified', 'authn.attempt.succeeded']);
    expect(last[0]!.seq).toBe(last[1]!.seq + 1);
    expect(last[0]!.request_id).toBe(last[1]!.request_id);
  });

  it('clears the account counter on a success after failures, and writes none on a success without', async () => {
    const counter = () => t.ctx.db.selectFrom('auth_throttles').select('failures').where('key', '=', `account:password:${emma.username}`).executeTakeFirst();
    const b = browser();
    expect((await typePassword(b, { username: emma.username, password: 'wrong password guess' })).statusCode).toBe(400);
    expect(await counter()).toEqual({ failures: 1 });
    expect((await typePassword(b, { username: emma.username, password: emma.password })).statusCode).toBe(303);
    expect(await counter()).toBeUndefined();
    expect((await typePassword(browser(), { username: emma.username, password: emma.password })).statusCode).toBe(303);
    expect(await counter()).toBeUndefined();
  });

  it('finds the username whatever its case', async () => {
    const done = await typePassword(browser(), { username: 'Emma.WOUTERS', password: emma.password });
    expect(done.statusCode).toBe(303);
  });

  it('answers a wrong password with the form again, without saying which of the two was wrong', async () => {
    const answer = await typePassword(browser(), { username: emma.username, password: 'not the right password' });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('The username or the password is not correct.');
    expect(answer.body).not.toContain('not the right password');
  });

  it('gives an unknown username exactly the answer of a wrong password, and audits it without what was typed', async () => {
    const wrong = await typePassword(browser(), { username: 'nobody.here', password: 'some password typed' });
    const known = await typePassword(browser(), { username: 'emma.wouters2', password: 'some password typed' });
    const real = await typePassword(browser(), { username: emma.username, password: 'some password typed' });
    expect(wrong.statusCode).toBe(real.statusCode);
    expect(stripCsrf(wrong.body).replace('nobody.here', 'X')).toBe(stripCsrf(real.body).replace(emma.username, 'X'));
    expect(stripCsrf(known.body).replace('emma.wouters2', 'X')).toBe(stripCsrf(real.body).replace(emma.username, 'X'));
    const audit = await t.ctx.db.selectFrom('audit_events').select('details').where('action', '=', 'authn.attempt.failed').execute();
    expect(JSON.stringify(audit)).not.toContain('nobody.here');
    expect(audit.some((e) => (e.details as { reason?: string }).reason === 'unknown_username')).toBe(true);
  });

  it('blocks an account after three failures, with a delay that grows, even for the right password', async () => {
    const b = browser();
    const attempt = (password: string) => typePassword(b, { username: pieter.username, password });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password guess')).statusCode).toBe(400);
    const blocked = await attempt(pieter.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('8');
    expect(blocked.body).toContain('wait 8 seconds');

    t.ctx.clock.advance(8_000);
    expect((await attempt('wrong password guess')).statusCode).toBe(400);
    const longer = await attempt(pieter.password);
    expect(longer.statusCode).toBe(429);
    expect(longer.headers['retry-after']).toBe('16');

    t.ctx.clock.advance(16_000);
    expect((await attempt(pieter.password)).statusCode).toBe(303);
    expect(await t.ctx.db.selectFrom('audit_events').select('action').where('action', '=', 'authn.attempt.blocked').execute()).toHaveLength(2);
  });

  it('blocks an unknown username the same way as a known one', async () => {
    const b = browser();
    for (let i = 0; i < 3; i++) await typePassword(b, { username: 'ghost.user', password: 'wrong password guess' });
    const blocked = await typePassword(b, { username: 'ghost.user', password: 'wrong password guess' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('8');
  });

  it('refuses the password key alone when the application asks for a substantial level', async () => {
    const b = browser();
    await b.get('/login?loa=substantial&return=/apps');
    const page = await b.get('/login/password');
    expect(page.statusCode).toBe(403);
    expect(page.body).toContain('This digital key does not reach the level of security this application requires.');
    expect((await b.get('/login/password?code=totp')).statusCode).toBe(200);
    const posted = await b.post('/login/password', { username: emma.username, password: emma.password });
    expect(posted.statusCode).toBe(403);
    expect(posted.body).toContain('does not reach the level of security');
  });
});

describe('username, password and a code from a mobile app', () => {
  it('reaches the substantial level with a valid code', async () => {
    const b = browser();
    const first = await typePassword(b, { username: emma.username, password: emma.password }, { code: 'totp', loa: 'substantial' });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/login/password/code');
    expect((await b.get('/login/password/code')).body).toContain('authenticator app');
    const done = await b.post('/login/password/code', { code: totpNow(t, emma.totpSecret) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/apps');
    expect(await latestSession(t)).toEqual({ loa: 'substantial', key: 'password_totp' });
  });

  it('refuses a replayed code, even in a new login', async () => {
    t.ctx.clock.advance(60_000);
    const code = totpNow(t, pieter.totpSecret);
    const b = browser();
    await typePassword(b, { username: pieter.username, password: pieter.password }, { code: 'totp' });
    expect((await b.post('/login/password/code', { code })).statusCode).toBe(303);

    const again = browser();
    await typePassword(again, { username: pieter.username, password: pieter.password }, { code: 'totp' });
    const replayed = await again.post('/login/password/code', { code });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body).toContain('This code has already been used.');
  });

  it('refuses a wrong code and blocks the person after three', async () => {
    t.ctx.clock.advance(60_000);
    const b = browser();
    await typePassword(b, { username: emma.username, password: emma.password }, { code: 'totp' });
    for (let i = 0; i < 3; i++) expect((await b.post('/login/password/code', { code: '000000' })).statusCode).toBe(400);
    const blocked = await b.post('/login/password/code', { code: totpNow(t, emma.totpSecret) });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('8');
    t.ctx.clock.advance(8_000);
    expect((await b.post('/login/password/code', { code: totpNow(t, emma.totpSecret) })).statusCode).toBe(303);
  });

  it('cannot skip the password: the code page without its signed step is refused', async () => {
    const b = browser();
    await b.get('/login?loa=substantial');
    await b.get('/login/password?code=totp');
    expect((await b.get('/login/password/code')).statusCode).toBe(400);
    b.setCookie('sesame_code_step', encodeURIComponent(JSON.stringify({ personId: '00000000-0000-4000-8000-000000000000', kind: 'totp' })));
    expect((await b.post('/login/password/code', { code: totpNow(t, emma.totpSecret) })).statusCode).toBe(400);
  });

  it('says so when the person has not activated the code asked for', async () => {
    const answer = await typePassword(browser(), { username: emma.username, password: emma.password }, { code: 'sms' });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('You have not activated this kind of security code.');
  });
});

describe('activating a username and password', () => {
  it('requires a high-level session', async () => {
    const b = browser();
    await signIn(t, b, DEMO.persons.accessManagers[0], 'passkey');
    const page = await b.get('/keys/password/activate');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?return=%2Fkeys%2Fpassword%2Factivate&loa=high');
  });

  it('checks the rules, stores the password hashed, and lets the person identify with it', async () => {
    const b = browser();
    await signIn(t, b, DEMO.persons.accessManagers[1], 'eid');
    expect((await b.get('/keys/password/activate')).statusCode).toBe(200);
    const form = { username: 'jan.peeters', password: 'short', confirmation: 'short' };
    expect((await b.post('/keys/password/activate', form)).body).toContain('at least 12 characters');
    expect((await b.post('/keys/password/activate', { ...form, password: 'jan.peeters.2026', confirmation: 'jan.peeters.2026' })).body).toContain('must not contain the username');
    expect((await b.post('/keys/password/activate', { ...form, password: 'azertyuiop123', confirmation: 'azertyuiop123' })).body).toContain('too common');
    expect((await b.post('/keys/password/activate', { ...form, username: 'EMMA.wouters', password: 'un vélo rouge au soleil', confirmation: 'un vélo rouge au soleil' })).body).toContain('already taken');
    const done = await b.post('/keys/password/activate', { ...form, password: 'un vélo rouge au soleil', confirmation: 'un vélo rouge au soleil' });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/keys?done=activated&kind=password');
    const stored = await t.ctx.db.selectFrom('password_credentials').select('hash').where('username', '=', 'jan.peeters').executeTakeFirstOrThrow();
    expect(stored.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect((await typePassword(browser(), { username: 'jan.peeters', password: 'un vélo rouge au soleil' })).statusCode).toBe(303);
  });
});
