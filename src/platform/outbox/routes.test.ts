import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/app';
import { createDelivery } from './delivery';
import { enqueueEmail, enqueueSms } from './outbox';
import { insertIntoMailbox } from './store';
import { defineEmailTemplate, defineSmsTemplate } from './templates';
import { deliverDueMessages } from './worker';

const reset = defineEmailTemplate<{ name: string; link: string }>('test.reset', {
  nl: (p) => ({ subject: `Nieuw wachtwoord voor ${p.name}`, text: `Kies een nieuw wachtwoord: ${p.link}.` }),
  fr: (p) => ({ subject: `Nouveau mot de passe pour ${p.name}`, text: `Choisissez un nouveau mot de passe : ${p.link}.` }),
  de: (p) => ({ subject: `Neues Passwort für ${p.name}`, text: `Wählen Sie ein neues Passwort: ${p.link}.` }),
  en: (p) => ({
    subject: `New password for ${p.name}`,
    text: `Choose a new password: ${p.link}.\nNot a link: javascript:alert(1) <script>alert(2)</script>`,
  }),
});
const code = defineSmsTemplate<{ code: string }>('test.sms_code', {
  nl: (p) => `Uw code: ${p.code}`,
  fr: (p) => `Votre code : ${p.code}`,
  de: (p) => `Ihr Code: ${p.code}`,
  en: (p) => `Your code: ${p.code}`,
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string) => t.app.inject({ url, headers: { 'accept-language': 'en' } });

describe('the local mailbox page', () => {
  it('shows a delivered message and lets the developer follow its link', async () => {
    const link = 'https://sesame.test/reset?token=a1b2&lang=en';
    await t.ctx.db.transaction().execute(async (trx) => {
      await enqueueEmail(trx, { to: 'anne@example.be', lang: 'en', template: reset, params: { name: '<Anne>', link }, at: t.ctx.clock.now() });
      await enqueueSms(trx, { to: '+32470123456', lang: 'en', template: code, params: { code: '428913' }, at: t.ctx.clock.now() });
    });
    await deliverDueMessages({ db: t.ctx.db, clock: t.ctx.clock, ...createDelivery(t.ctx.config, t.ctx.db) });

    const list = await get('/dev/mailbox');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('<h1>Local mailbox</h1>');
    expect(list.body).toMatch(/<caption>Messages received, newest first<\/caption>/);
    const rows = [...list.body.matchAll(/<tr><th scope="row"><a href="\/dev\/mailbox\/(\d+)">([^<]*)<\/a><\/th><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)];
    expect(rows.map((r) => [r[2], r[3], r[4]])).toEqual([
      ['Your code: 428913', 'SMS', '+32470123456'],
      ['New password for &lt;Anne>', 'E-mail', 'anne@example.be'],
    ]);

    const message = await get(`/dev/mailbox/${rows[1]![1]}`);
    expect(message.statusCode).toBe(200);
    expect(message.body).toContain('<h1>New password for &lt;Anne></h1>');
    expect(message.body).toContain(
      'Choose a new password: <a href="https://sesame.test/reset?token=a1b2&amp;lang=en">https://sesame.test/reset?token=a1b2&amp;lang=en</a>.',
    );
    expect(message.body).toContain('Not a link: javascript:alert(1) &lt;script>alert(2)&lt;/script>');
    expect(message.body).not.toContain('href="javascript');
    expect(message.body).not.toContain('<script>alert');

    const sms = await get(`/dev/mailbox/${rows[0]![1]}`);
    expect(sms.body).toContain('<h1>Text message to +32470123456</h1>');
  });

  it('speaks the developer’s language', async () => {
    const response = await t.app.inject({ url: '/dev/mailbox', headers: { 'accept-language': 'nl' } });
    expect(response.body).toContain('<h1>Lokale mailbox</h1>');
    expect(response.body).toContain('<th scope="col">Ontvanger</th>');
  });

  it('shows ten messages per page with links to the previous and next pages', async () => {
    for (let n = 1; n <= 10; n++) {
      await insertIntoMailbox(t.ctx.db, { outbox_id: null, channel: 'email', sender: 'x@sesame.test', recipient: `p${n}@example.be`, subject: `Bulk ${n}`, body_text: 'x', body_html: null });
    }
    const first = await get('/dev/mailbox');
    expect(first.body.match(/<tr><th scope="row">/g)).toHaveLength(10);
    expect(first.body).toContain('Bulk 10');
    expect(first.body).toContain('Page 1 of 2');
    expect(first.body).toContain('<a href="/dev/mailbox?page=2" rel="next">Next</a>');
    expect(first.body).not.toContain('rel="prev"');

    const second = await get('/dev/mailbox?page=2');
    expect(second.body.match(/<tr><th scope="row">/g)).toHaveLength(2);
    expect(second.body).toContain('Your code: 428913');
    expect(second.body).toContain('<a href="/dev/mailbox?page=1" rel="prev">Previous</a>');
    expect(second.body).not.toContain('rel="next"');

    expect((await get('/dev/mailbox?page=abc')).body).toContain('Page 1 of 2');
    expect((await get('/dev/mailbox?page=99')).body).toContain('Page 2 of 2');
  });

  it('answers 404 for a message that does not exist', async () => {
    for (const id of ['999999', 'abc', '-1', '99999999999999999999']) {
      const response = await get(`/dev/mailbox/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Page not found');
    }
  });
});

describe('without the local mailbox', () => {
  it.each([
    ['SMTP is configured', { SMTP_URL: 'smtp://127.0.0.1:2525' }],
    ['developer tools are off', { DEV_TOOLS: 'false' }],
  ])('the page does not exist when %s', async (_, env) => {
    const other = await createTestApp(env);
    try {
      expect((await other.app.inject({ url: '/dev/mailbox' })).statusCode).toBe(404);
      expect((await other.app.inject({ url: '/dev/mailbox/1' })).statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });
});
