import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { TestClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { createDelivery } from './delivery';
import { enqueueSms } from './outbox';
import { defineSmsTemplate } from './templates';
import { deliverDueMessages } from './worker';

const code = defineSmsTemplate<{ code: string }>('test.sms_code', {
  nl: (p) => `Uw Sésame-code: ${p.code}`,
  fr: (p) => `Votre code Sésame : ${p.code}`,
  de: (p) => `Ihr Sésame-Code: ${p.code}`,
  en: (p) => `Your Sésame code: ${p.code}`,
});

const TOKEN = 'gateway-token-0123456789abcdef';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

// A real HTTP server in the gateway's place: it answers the status the test asks for next.
const received: Received[] = [];
const answers: number[] = [];
const gateway = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ method: req.method, url: req.url, headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
    const status = answers.shift() ?? 202;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status < 300 ? { id: 'msg-1', status: 'queued' } : { error: 'rejected', to: '+32470123456' }));
  });
});

let t: TestDatabase;
let gatewayUrl: string;
const clock = new TestClock();
beforeAll(async () => {
  t = await createTestDatabase();
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/v1/messages`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  await t.drop();
});
beforeEach(async () => {
  received.length = 0;
  answers.length = 0;
  await t.db.deleteFrom('outbox_messages').execute();
});

const deliver = (url = gatewayUrl) =>
  deliverDueMessages({ db: t.db, clock, ...createDelivery(loadConfig({ NODE_ENV: 'test', SMS_GATEWAY_URL: url, SMS_GATEWAY_TOKEN: TOKEN }), t.db) });

const enqueue = (lang: 'nl' | 'fr' = 'nl') =>
  t.db.transaction().execute((trx) => enqueueSms(trx, { to: '+32470123456', lang, template: code, params: { code: '482 913' }, at: clock.now() }));

const message = (id: number) => t.db.selectFrom('outbox_messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('SMS through the HTTP gateway', () => {
  it('posts {to, text} as JSON with the bearer token, and keeps nothing in the local mailbox', async () => {
    const id = await enqueue('nl');
    expect(await deliver()).toEqual({ claimed: 1, delivered: 1, retried: 0, failed: 0 });
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request).toMatchObject({ method: 'POST', url: '/v1/messages', body: { to: '+32470123456', text: 'Uw Sésame-code: 482 913' } });
    expect(request!.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'idempotency-key': `outbox.${id}.${clock.now().getTime()}` });
    expect(await message(id)).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(await t.db.selectFrom('dev_mailbox').selectAll().execute()).toEqual([]);
  });

  it('retries a message the gateway refused (non-2xx), with the same idempotency key, and records why without personal data or the token', async () => {
    answers.push(503);
    const id = await enqueue('fr');
    expect(await deliver()).toMatchObject({ claimed: 1, retried: 1 });
    const refused = await message(id);
    expect(refused).toMatchObject({ status: 'pending', attempts: 1, last_error: 'SMS gateway answered 503 Service Unavailable' });

    clock.set(refused.next_attempt_at);
    expect(await deliver()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(received.map((r) => r.body)).toEqual([
      { to: '+32470123456', text: 'Votre code Sésame : 482 913' },
      { to: '+32470123456', text: 'Votre code Sésame : 482 913' },
    ]);
    expect(received[1]!.headers['idempotency-key']).toBe(received[0]!.headers['idempotency-key']);
  });

  it('treats a refused token like any other failure: retried, not lost', async () => {
    answers.push(401);
    const id = await enqueue();
    expect(await deliver()).toMatchObject({ claimed: 1, retried: 1 });
    const refused = await message(id);
    expect(refused.last_error).toBe('SMS gateway answered 401 Unauthorized');
    expect(refused.last_error).not.toContain(TOKEN);
  });

  it('retries when the gateway cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/sms`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const id = await enqueue();
    expect(await deliver(url)).toMatchObject({ claimed: 1, retried: 1 });
    expect((await message(id)).last_error).toMatch(/^SMS gateway unreachable: .*ECONNREFUSED/);
  });
});
