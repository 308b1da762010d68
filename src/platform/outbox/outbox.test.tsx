import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { enqueueEmail, enqueueSms } from './outbox';
import { defineEmailTemplate, defineSmsTemplate } from './templates';

const welcome = defineEmailTemplate<{ name: string; link: string }>('test.welcome', {
  nl: (p) => ({ subject: `Welkom, ${p.name}`, text: `Open ${p.link}`, html: <p>Welkom, {p.name}. <a href={p.link}>Open</a></p> }),
  fr: (p) => ({ subject: `Bienvenue, ${p.name}`, text: `Ouvrez ${p.link}`, html: <p>Bienvenue, {p.name}. <a href={p.link}>Ouvrir</a></p> }),
  de: (p) => ({ subject: `Willkommen, ${p.name}`, text: `Öffnen Sie ${p.link}` }),
  en: (p) => ({ subject: `Welcome,\r\nBcc: ${p.name}`, text: `Open ${p.link}` }),
});
const code = defineSmsTemplate<{ code: string }>('test.code', {
  nl: (p) => `Uw code: ${p.code}`,
  fr: (p) => `Votre code : ${p.code}`,
  de: (p) => `Ihr Code: ${p.code}`,
  en: (p) => `Your code: ${p.code}`,
});

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const messages = () => t.db.selectFrom('outbox_messages').selectAll().orderBy('id').execute();

describe('enqueueing', () => {
  it('leaves no message when the transaction that caused it rolls back', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await enqueueEmail(trx, { to: 'anne@example.be', lang: 'fr', template: welcome, params: { name: 'Anne', link: 'https://sesame.test/a' } });
        await enqueueSms(trx, { to: '+32470123456', lang: 'fr', template: code, params: { code: '123456' } });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await messages()).toEqual([]);
  });

  it('keeps the message rendered in the recipient’s language, due at the time of the change', async () => {
    const at = new Date('2026-11-24T10:00:00Z');
    const id = await t.db.transaction().execute((trx) =>
      enqueueEmail(trx, { to: 'jan@example.be', lang: 'nl', template: welcome, params: { name: '<b>Jan</b>', link: 'https://sesame.test/?a=1&b=2' }, at }),
    );
    const [message] = await messages();
    expect(message).toMatchObject({
      id,
      channel: 'email',
      recipient: 'jan@example.be',
      template: 'test.welcome',
      lang: 'nl',
      subject: 'Welkom, <b>Jan</b>',
      body_text: 'Open https://sesame.test/?a=1&b=2',
      status: 'pending',
      attempts: 0,
      next_attempt_at: at,
      created_at: at,
    });
    expect(message?.body_html).toBe(
      '<!doctype html><html lang="nl"><head><meta charset="utf-8"/><title>Welkom, &lt;b>Jan&lt;/b></title></head>' +
        '<body><p>Welkom, &lt;b>Jan&lt;/b>. <a href="https://sesame.test/?a=1&amp;b=2">Open</a></p></body></html>',
    );
  });

  it('keeps a subject on one line, whatever the parameters hold', async () => {
    await t.db.transaction().execute((trx) =>
      enqueueEmail(trx, { to: 'x@example.be', lang: 'en', template: welcome, params: { name: 'x@evil.test', link: 'https://sesame.test' } }),
    );
    const last = (await messages()).at(-1);
    expect(last).toMatchObject({ subject: 'Welcome, Bcc: x@evil.test', body_html: null });
  });

  it('keeps an SMS as plain text', async () => {
    await t.db.transaction().execute((trx) => enqueueSms(trx, { to: '+32470123456', lang: 'de', template: code, params: { code: '654321' } }));
    expect((await messages()).at(-1)).toMatchObject({ channel: 'sms', recipient: '+32470123456', subject: null, body_text: 'Ihr Code: 654321' });
  });

  it('refuses a recipient that is not an address or a phone number in E.164 form', async () => {
    const before = (await messages()).length;
    await expect(
      t.db.transaction().execute((trx) => enqueueEmail(trx, { to: 'a@b.be\r\nBcc: c@d.be', lang: 'en', template: welcome, params: { name: 'x', link: 'y' } })),
    ).rejects.toThrow(/invalid e-mail address/);
    await expect(
      t.db.transaction().execute((trx) => enqueueSms(trx, { to: '0470 12 34 56', lang: 'en', template: code, params: { code: '1' } })),
    ).rejects.toThrow(/E\.164/);
    expect(await messages()).toHaveLength(before);
  });
});

describe('templates', () => {
  it('are defined once per name', () => {
    const texts = { nl: () => 'x', fr: () => 'x', de: () => 'x', en: () => 'x' };
    expect(() => defineSmsTemplate('test.code', texts)).toThrow(/defined twice/);
    expect(() => defineSmsTemplate('Code', texts)).toThrow(/module\.purpose/);
  });
});
