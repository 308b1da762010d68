import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TestBrowser, type TestApp } from '../../../platform/testing/app';
import { signIn } from '../../../platform/testing/session';
import { DEMO, loadDemoRegisters } from '../../../registries/demo';
import { DEMO_KEYS, loadDemoKeys } from '../../password/demo';
import { latestSession, typePassword } from '../../password/testing';
import { deactivateUnusedTokenCards } from './service';

let on: TestApp;
let off: TestApp;
const [emma] = DEMO_KEYS;

beforeAll(async () => {
  [on, off] = await Promise.all([createTestApp({ TOKEN_CARDS_ENABLED: 'true' }), createTestApp()]);
  for (const t of [on, off]) {
    await loadDemoRegisters(t.ctx.db);
    await loadDemoKeys(t.ctx.db);
  }
});
afterAll(async () => {
  await on.close();
  await off.close();
});

async function issueCard(t: TestApp, nrn: string = DEMO.persons.citizen) {
  const b = new TestBrowser(t.app, { 'accept-language': 'en' });
  await signIn(t, b, nrn, 'eid');
  await b.get('/keys/token_card/activate');
  const page = await b.post('/keys/token_card/activate', {});
  const codes = Object.fromEntries([...page.body.matchAll(/<th scope="row">(\d+)<\/th><td><code>(\d{6})<\/code>/g)].map((m) => [m[1]!, m[2]!]));
  return { page, codes };
}

describe('token cards', () => {
  it('are not issued any more unless TOKEN_CARDS_ENABLED', async () => {
    const b = new TestBrowser(off.app, { 'accept-language': 'en' });
    await signIn(off, b, DEMO.persons.citizen, 'eid');
    expect((await b.get('/keys/token_card/activate')).body).toContain('no new card can be issued');
    expect((await b.post('/keys/token_card/activate', {})).statusCode).toBe(403);
  });

  it('print 24 codes once, and the login asks for the code at one random position', async () => {
    const { page, codes } = await issueCard(on);
    expect(page.statusCode).toBe(200);
    expect(Object.keys(codes)).toHaveLength(24);
    const stored = await on.ctx.db.selectFrom('token_cards').select('codes').executeTakeFirstOrThrow();
    expect(Object.values(stored.codes)).not.toContain(codes['1']);

    const b = new TestBrowser(on.app, { 'accept-language': 'en' });
    await typePassword(b, { username: emma.username, password: emma.password }, { code: 'token', loa: 'substantial' });
    const prompt = await b.get('/login/password/code');
    const position = /Type the code at position (\d+) of your token card TK-\d{10}/.exec(prompt.body)![1]!;
    const other = String((Number(position) % 24) + 1);
    if (codes[other] !== codes[position]) expect((await b.post('/login/password/code', { code: codes[other]! })).statusCode).toBe(400);
    expect((await b.post('/login/password/code', { code: codes[position]! })).statusCode).toBe(303);
    expect(await latestSession(on)).toEqual({ loa: 'substantial', key: 'password_token' });
  });

  it('are deactivated after 12 months without use, once, by the scheduled job, which tells the person by e-mail in their language', async () => {
    await on.ctx.db.updateTable('persons').set({ email: 'emma.wouters@example.be', language: 'nl' }).where('nrn', '=', DEMO.persons.citizen).execute();
    const serial = (await on.ctx.db.selectFrom('token_cards').select('serial').executeTakeFirstOrThrow()).serial;
    on.ctx.clock.advance(364 * 24 * 3_600_000);
    expect(await deactivateUnusedTokenCards(on.ctx)).toBe(0);
    on.ctx.clock.advance(2 * 24 * 3_600_000);
    const [first, second] = await Promise.all([deactivateUnusedTokenCards(on.ctx), deactivateUnusedTokenCards(on.ctx)]);
    expect(first + second).toBe(1);
    const key = await on.ctx.db.selectFrom('digital_keys').select('status').where('kind', '=', 'token_card').executeTakeFirstOrThrow();
    expect(key.status).toBe('deactivated');
    const audit = await on.ctx.db.selectFrom('audit_events').select(['actor', 'target', 'details']).where('action', '=', 'key.deactivated').execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor: 'automatic', target: `person:${DEMO.persons.citizen}`, details: expect.objectContaining({ serial, reason: 'unused_12_months', notified: true }) }),
    ]);

    const notices = await on.ctx.db.selectFrom('outbox_messages').selectAll().where('template', '=', 'keys.token_card_unused').execute();
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice).toMatchObject({ channel: 'email', recipient: 'emma.wouters@example.be', lang: 'nl', subject: 'Uw tokenkaart werd gedeactiveerd', created_at: on.ctx.clock.now() });
    expect(notice!.body_text).toContain('Beste Emma,');
    expect(notice!.body_text).toContain(`Uw tokenkaart ${serial} werd gedeactiveerd op`);
    expect(notice!.body_text).toContain('omdat ze 12 maanden niet gebruikt werd.');
    expect(notice!.body_text).toContain(`${on.ctx.config.publicUrl}/keys`);
  });

  it('of a person who gave no e-mail address are deactivated with an audit event and no message', async () => {
    const nrn = DEMO.persons.encoders[0]!;
    await issueCard(on, nrn);
    await on.ctx.db.updateTable('persons').set({ email: null }).where('nrn', '=', nrn).execute();
    const before = await on.ctx.db.selectFrom('outbox_messages').select('id').execute();
    on.ctx.clock.advance(367 * 24 * 3_600_000);
    expect(await deactivateUnusedTokenCards(on.ctx)).toBe(1);
    expect(await on.ctx.db.selectFrom('outbox_messages').select('id').execute()).toEqual(before);
    const [audit] = await on.ctx.db.selectFrom('audit_events').select(['target', 'details']).where('action', '=', 'key.deactivated').orderBy('seq', 'desc').execute();
    expect(audit).toMatchObject({ target: `person:${nrn}`, details: { kind: 'token_card', reason: 'unused_12_months', notified: false } });
  });
});
