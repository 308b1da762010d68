import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { TestClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createDelivery } from './delivery';
import { enqueueEmail } from './outbox';
import { defineEmailTemplate } from './templates';
import { deliverDueMessages } from './worker';

const invitation = defineEmailTemplate<{ link: string }>('test.invitation', {
  nl: (p) => ({ subject: 'Uw uitnodiging voor Sésame', text: `Aanvaard de uitnodiging: ${p.link}`, html: <p><a href={p.link}>Aanvaarden</a></p> }),
  fr: (p) => ({ subject: 'Votre invitation à Sésame', text: `Acceptez l’invitation : ${p.link}`, html: <p><a href={p.link}>Accepter</a></p> }),
  de: (p) => ({ subject: 'Ihre Einladung zu Sésame', text: `Nehmen Sie die Einladung an: ${p.link}` }),
  en: (p) => ({ subject: 'Your invitation to Sésame', text: `Accept the invitation: ${p.link}` }),
});

interface Received {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  raw: string;
}

// What a real SMTP server answers: refuse the next message with a temporary error when asked.
let refuseNext = false;
const received: Received[] = [];
const server = new SMTPServer({
  disabledCommands: ['STARTTLS'],
  allowInsecureAuth: true,
  onAuth(auth, _session, callback) {
    if (auth.username === 'sesame' && auth.password === 's3cret/pass') return callback(null, { user: auth.username });
    return callback(new Error('Invalid username or password'));
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (refuseNext) {
        refuseNext = false;
        return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      }
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
        to: session.envelope.rcptTo.map((r) => r.address),
        user: session.user,
        raw: Buffer.concat(chunks).toString('utf8'),
      });
      callback();
    });
  },
});

let t: TestDatabase;
let port: number;
beforeAll(async () => {
  t = await createTestDatabase();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(resolve));
  await t.drop();
});

/** Just enough MIME to read what arrived: encoded-word headers and quoted-printable or base64 parts. */
function decodeWords(value: string) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')),
    );
}
function decodeQp(text: string) {
  const bytes = text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
function header(raw: string, name: string) {
  const head = raw.split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line ? decodeWords(line.slice(name.length + 1).trim()) : undefined;
}
function part(raw: string, type: string) {
  const start = raw.search(new RegExp(`Content-Type: ${type}`, 'i'));
  const section = raw.slice(start).split(/\r\n--/)[0]!;
  const [head = '', ...body] = section.split(/\r\n\r\n/);
  const content = body.join('\r\n\r\n');
  return /base64/i.test(head) ? Buffer.from(content, 'base64').toString('utf8') : decodeQp(content);
}

describe('e-mail over SMTP', () => {
  const clock = new TestClock();
  const deliver = () => {
    const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: `smtp://sesame:${encodeURIComponent('s3cret/pass')}@127.0.0.1:${port}`, MAIL_FROM: 'Sésame <no-reply@sesame.test>' });
    return deliverDueMessages({ db: t.db, clock, ...createDelivery(config, t.db) });
  };

  it('sends the message, authenticated, with subject and body in the recipient’s language', async () => {
    const id = await t.db.transaction().execute((trx) =>
      enqueueEmail(trx, { to: 'jan@example.be', lang: 'nl', template: invitation, params: { link: 'https://sesame.test/i/abc?x=1&y=2' }, at: clock.now() }),
    );
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail).toMatchObject({ from: 'no-reply@sesame.test', to: ['jan@example.be'], user: 'sesame' });
    expect(header(mail!.raw, 'Subject')).toBe('Uw uitnodiging voor Sésame');
    expect(header(mail!.raw, 'From')).toBe('Sésame <no-reply@sesame.test>');
    expect(header(mail!.raw, 'Content-Language')).toBe('nl');
    expect(header(mail!.raw, 'Message-ID')).toBe(`<outbox.${id}.${clock.now().getTime()}@sesame.test>`);
    expect(part(mail!.raw, 'text/plain').trim()).toBe('Aanvaard de uitnodiging: https://sesame.test/i/abc?x=1&y=2');
    expect(part(mail!.raw, 'text/html')).toContain('<a href="https://sesame.test/i/abc?x=1&amp;y=2">Aanvaarden</a>');
    expect(await t.db.selectFrom('dev_mailbox').selectAll().execute()).toEqual([]);
  });

  it('retries a message the server refused for now, with the same Message-ID', async () => {
    received.length = 0;
    refuseNext = true;
    const id = await t.db.transaction().execute((trx) =>
      enqueueEmail(trx, { to: 'anne@example.be', lang: 'fr', template: invitation, params: { link: 'https://sesame.test/i/def' }, at: clock.now() }),
    );
    expect(await deliver()).toMatchObject({ claimed: 1, retried: 1 });
    const refused = await t.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(refused).toMatchObject({ status: 'pending', attempts: 1 });
    expect(refused.last_error).toMatch(/451/);
    clock.set(refused.next_attempt_at);
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(received).toHaveLength(1);
    expect(header(received[0]!.raw, 'Subject')).toBe('Votre invitation à Sésame');
    expect(part(received[0]!.raw, 'text/plain').trim()).toBe('Acceptez l’invitation : https://sesame.test/i/def');
    expect(header(received[0]!.raw, 'Message-ID')).toMatch(new RegExp(`^<outbox\\.${id}\\.\\d+@sesame\\.test>$`));
  });

  it('records a refused login as a failed attempt, without the password', async () => {
    const config = loadConfig({ NODE_ENV: 'test', SMTP_URL: `smtp://sesame:wrong-password@127.0.0.1:${port}` });
    await t.db.transaction().execute((trx) =>
      enqueueEmail(trx, { to: 'piet@example.be', lang: 'en', template: invitation, params: { link: 'https://sesame.test/i/g' }, at: clock.now() }),
    );
    expect(await deliverDueMessages({ db: t.db, clock, ...createDelivery(config, t.db) })).toMatchObject({ claimed: 1, retried: 1 });
    const message = await t.db.selectFrom('outbox_messages').selectAll().where('recipient', '=', 'piet@example.be').executeTakeFirstOrThrow();
    expect(message.last_error).toMatch(/Invalid/i);
    expect(message.last_error).not.toContain('wrong-password');
  });
});
