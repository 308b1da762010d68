import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../platform/testing/app';
import { signIn } from '../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../registries/demo';
import { DEMO_KEYS, loadDemoKeys } from '../password/demo';
import { lastCodeSentTo, latestSession, totpNow, typePassword } from '../password/testing';

let t: TestApp;
let addresses = 0;
const browser = () => new TestBrowser(t.app, { 'accept-language': 'en', 'x-forwarded-for': `203.0.113.${++addresses}` });
const [emma, pieter] = DEMO_KEYS;
const PHONE = '+32470123456';

beforeAll(async () => {
  t = await createTestApp({ TRUST_PROXY: 'true' });
  await loadDemoRegisters(t.ctx.db);
  await loadDemoKeys(t.ctx.db);
});
afterAll(() => t.close());
// Each test starts with fresh throttle counters: one test's failures must not block the next.
beforeEach(async () => {
  await t.ctx.db.deleteFrom('auth_throttles').execute();
});

async function activeKinds(nrn: string) {
  const rows = await t.ctx.db
    .selectFrom('digital_keys as k')
    .innerJoin('persons as p', 'p.id', 'k.person_id')
    .select('k.kind')
    .where('p.nrn', '=', nrn)
    .where('k.status', '=', 'active')
    .execute();
  return rows.map((r) => r.kind).sort();
}

describe('activating a code by mobile app', () => {
  it('shows a QR code and the key in text, and activates after a first valid code', async () => {
    const b = browser();
    await signIn(t, b, DEMO.persons.citizen, 'eid');
    const page = await b.get('/keys/totp/activate');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="QR code to scan with your authenticator app"/);
    const secret = /data-secret="([A-Z2-7]{32})"/.exec(page.body)![1]!;
    expect((await b.post('/keys/totp/activate', { code: '123456' })).statusCode).toBe(400);
    const done = await b.post('/keys/totp/activate', { code: totpNow(t, secret) });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/keys?done=replaced&kind=totp');
    const stored = await t.ctx.db.selectFrom('totp_credentials').select('secret').execute();
    expect(JSON.stringify(stored)).not.toContain(secret);

    // The code used to activate cannot open a login.
    const login = browser();
    await typePassword(login, { username: emma.username, password: emma.password }, { code: 'totp' });
    expect((await login.post('/login/password/code', { code: totpNow(t, secret) })).body).toContain('already been used');
    t.ctx.clock.advance(30_000);
    expect((await login.post('/login/password/code', { code: totpNow(t, secret) })).statusCode).toBe(303);
  });

  it('is refused from a low-level session', async () => {
    const b = browser();
    await signIn(t, b, DEMO.persons.citizen, 'password');
    expect((await b.get('/keys/totp/activate')).headers.location).toBe('/login?return=%2Fkeys%2Ftotp%2Factivate&loa=substantial');
  });
});

describe('codes by SMS', () => {
  it('activates a mobile number proven with a code sent to it', async () => {
    const b = browser();
    await signIn(t, b, DEMO.persons.citizen, 'itsme');
    await b.get('/keys/sms/activate');
    expect((await b.post('/keys/sms/activate', { step: 'send', phone: '12' })).body).toContain('Enter a mobile number');
    const sent = await b.post('/keys/sms/activate', { step: 'send', phone: '0470 12 34 56' });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('+32 4•• •• •• 56');
    const code = await lastCodeSentTo(t, PHONE);
    expect((await b.post('/keys/sms/activate', { step: 'confirm', code: code === '000000' ? '111111' : '000000' })).statusCode).toBe(400);
    const done = await b.post('/keys/sms/activate', { step: 'confirm', code });
    expect(done.statusCode).toBe(303);
    expect(await activeKinds(DEMO.persons.citizen)).toEqual(['password', 'sms', 'totp']);
  });

  it('logs in with the code sent by SMS, and refuses it a second time', async () => {
    t.ctx.clock.advance(61_000);
    const b = browser();
    const first = await typePassword(b, { username: emma.username, password: emma.password }, { code: 'sms', loa: 'substantial' });
    expect(first.headers.location).toBe('/login/password/code');
    expect((await b.get('/login/password/code')).body).toContain('+32 4•• •• •• 56');
    const code = await lastCodeSentTo(t, PHONE);
    expect((await b.post('/login/password/code', { code })).statusCode).toBe(303);
    expect(await latestSession(t)).toEqual({ loa: 'substantial', key: 'password_sms' });

    const again = browser();
    t.ctx.clock.advance(61_000);
    await typePassword(again, { username: emma.username, password: emma.password }, { code: 'sms' });
    const reused = await again.post('/login/password/code', { code });
    expect(reused.statusCode).toBe(400);
  });

  it('refuses an expired code', async () => {
    t.ctx.clock.advance(61_000);
    const b = browser();
    await typePassword(b, { username: emma.username, password: emma.password }, { code: 'sms' });
    const code = await lastCodeSentTo(t, PHONE);
    t.ctx.clock.advance(5 * 60_000 + 1_000);
    const expired = await b.post('/login/password/code', { code });
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('This code has expired or has already been used.');
  });

  it('gives a code five tries at most, then the right code no longer works', async () => {
    t.ctx.clock.advance(61_000);
    const b = browser();
    await typePassword(b, { username: emma.username, password: emma.password }, { code: 'sms' });
    const code = await lastCodeSentTo(t, PHONE);
    const wrong = code === '999999' ? '888888' : '999999';
    for (let tries = 0; tries < 5; ) {
      const answer = await b.post('/login/password/code', { code: wrong });
      // The throttle's delays come first: wait them out, so that the code's own limit is what ends the tries.
      if (answer.statusCode === 429) t.ctx.clock.advance(Number(answer.headers['retry-after']) * 1000);
      else tries++;
    }
    t.ctx.clock.advance(60_000);
    const late = await b.post('/login/password/code', { code });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('has expired or has already been used');
  });

  it('sends a new code at most once a minute', async () => {
    t.ctx.clock.advance(15 * 60_000);
    const b = browser();
    await typePassword(b, { username: emma.username, password: emma.password }, { code: 'sms' });
    const soon = await b.post('/login/password/code/resend', {});
    expect(soon.statusCode).toBe(429);
    expect(soon.body).toContain('You can ask for a new code in 60 seconds.');
    t.ctx.clock.advance(60_000);
    const first = await lastCodeSentTo(t, PHONE);
    expect((await b.post('/login/password/code/resend', {})).statusCode).toBe(200);
    const second = await lastCodeSentTo(t, PHONE);
    const messages = await t.ctx.db.selectFrom('outbox_messages').select('template').where('recipient', '=', PHONE).execute();
    expect(messages.every((m) => m.template === 'authn.security_code_sms')).toBe(true);
    if (first !== second) expect((await b.post('/login/password/code', { code: first })).statusCode).toBe(400);
    expect((await b.post('/login/password/code', { code: second })).statusCode).toBe(303);
  });
});

describe('codes by e-mail', () => {
  it('asks for an e-mail address in the profile first', async () => {
    const b = browser();
    await signIn(t, b, DEMO.persons.principalAccessManager, 'eid');
    await b.get('/keys/email/activate');
    const answer = await b.post('/keys/email/activate', { step: 'send' });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('Add your e-mail address to your profile first.');
  });

  it('activates the profile’s address with a code, then logs in with codes sent there in the person’s language', async () => {
    await t.ctx.db.updateTable('persons').set({ email: 'pieter.claes@example.be', language: 'nl' }).where('nrn', '=', DEMO.persons.principalAccessManager).execute();
    const b = browser();
    await signIn(t, b, DEMO.persons.principalAccessManager, 'eid');
    await b.get('/keys/email/activate');
    expect((await b.post('/keys/email/activate', { step: 'send' })).body).toContain('p•••@example.be');
    const done = await b.post('/keys/email/activate', { step: 'confirm', code: await lastCodeSentTo(t, 'pieter.claes@example.be') });
    expect(done.statusCode).toBe(303);

    t.ctx.clock.advance(61_000);
    const login = browser();
    await typePassword(login, { username: pieter.username, password: pieter.password }, { code: 'email' });
    const mail = await t.ctx.db.selectFrom('outbox_messages').select(['subject', 'lang']).where('recipient', '=', 'pieter.claes@example.be').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(mail.lang).toBe('nl');
    expect(mail.subject).toMatch(/^Uw Sésame-beveiligingscode: \d{6}$/);
    expect((await login.post('/login/password/code', { code: await lastCodeSentTo(t, 'pieter.claes@example.be') })).statusCode).toBe(303);
    expect(await latestSession(t)).toEqual({ loa: 'substantial', key: 'password_email' });
  });
});
