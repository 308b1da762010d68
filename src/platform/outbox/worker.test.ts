import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestClock } from '../clock';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import { fakeSmsGateway, localMailboxTransport } from './local-mailbox';
import { enqueueEmail, enqueueSms } from './outbox';
import type { MailTransport, OutgoingEmail, SmsGateway } from './ports';
import { claimDueMessages, markDelivered } from './store';
import { defineEmailTemplate, defineSmsTemplate } from './templates';
import { deliverDueMessages, startOutboxWorker } from './worker';

const notice = defineEmailTemplate<{ n: number }>('test.notice', {
  nl: (p) => ({ subject: `Bericht ${p.n}`, text: `Tekst ${p.n}` }),
  fr: (p) => ({ subject: `Message ${p.n}`, text: `Texte ${p.n}` }),
  de: (p) => ({ subject: `Nachricht ${p.n}`, text: `Text ${p.n}` }),
  en: (p) => ({ subject: `Message ${p.n}`, text: `Text ${p.n}` }),
});
const code = defineSmsTemplate<{ n: number }>('test.code', {
  nl: (p) => `Code ${p.n}`,
  fr: (p) => `Code ${p.n}`,
  de: (p) => `Code ${p.n}`,
  en: (p) => `Code ${p.n}`,
});

let t: TestDatabase;
let clock: TestClock;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());
beforeEach(async () => {
  clock = new TestClock();
  await t.db.deleteFrom('outbox_messages').execute();
  await t.db.deleteFrom('dev_mailbox').execute();
});

async function enqueue(count: number, channel: 'email' | 'sms' = 'email') {
  await t.db.transaction().execute(async (trx) => {
    for (let n = 1; n <= count; n++) {
      if (channel === 'sms') await enqueueSms(trx, { to: '+32470123456', lang: 'fr', template: code, params: { n }, at: clock.now() });
      else await enqueueEmail(trx, { to: `p${n}@example.be`, lang: 'fr', template: notice, params: { n }, at: clock.now() });
    }
  });
}

const outbox = () => t.db.selectFrom('outbox_messages').selectAll().orderBy('id').execute();
const noSms: SmsGateway = { send: async () => {} };

describe('delivery', () => {
  it('delivers e-mail and SMS to the local mailbox once, and marks them delivered', async () => {
    await enqueue(2);
    await enqueue(1, 'sms');
    const deps = { db: t.db, clock, mail: localMailboxTransport(t.db, 'Sésame <no-reply@sesame.test>'), sms: fakeSmsGateway(t.db) };
    expect(await deliverDueMessages(deps)).toEqual({ claimed: 3, delivered: 3, retried: 0, failed: 0 });
    expect(await deliverDueMessages(deps)).toEqual({ claimed: 0, delivered: 0, retried: 0, failed: 0 });
    expect((await outbox()).map((m) => [m.status, m.attempts, m.delivered_at, m.locked_until])).toEqual([
      ['delivered', 1, clock.now(), null],
      ['delivered', 1, clock.now(), null],
      ['delivered', 1, clock.now(), null],
    ]);
    const mailbox = await t.db.selectFrom('dev_mailbox').select(['channel', 'sender', 'recipient', 'subject', 'body_text']).orderBy('id').execute();
    expect(mailbox).toEqual([
      { channel: 'email', sender: 'Sésame <no-reply@sesame.test>', recipient: 'p1@example.be', subject: 'Message 1', body_text: 'Texte 1' },
      { channel: 'email', sender: 'Sésame <no-reply@sesame.test>', recipient: 'p2@example.be', subject: 'Message 2', body_text: 'Texte 2' },
      { channel: 'sms', sender: 'Sésame (SMS)', recipient: '+32470123456', subject: null, body_text: 'Code 1' },
    ]);
  });

  it('retries a failing transport with growing, capped delays and marks the message failed after the last attempt', async () => {
    await enqueue(1);
    const calls: OutgoingEmail[] = [];
    const failing: MailTransport = {
      send: async (email) => {
        calls.push(email);
        throw new Error('connect ECONNREFUSED 127.0.0.1:25');
      },
    };
    const retry = { maxAttempts: 5, baseMs: 1000, capMs: 4000 };
    const deps = { db: t.db, clock, mail: failing, sms: noSms, retry };
    const steps = [1000, 2000, 4000, 4000];
    for (const [index, step] of steps.entries()) {
      const failedAt = clock.now().getTime();
      expect(await deliverDueMessages(deps)).toEqual({ claimed: 1, delivered: 0, retried: 1, failed: 0 });
      const [message] = await outbox();
      expect(message).toMatchObject({ status: 'pending', attempts: index + 1, last_error: 'connect ECONNREFUSED 127.0.0.1:25', locked_until: null });
      const delay = message!.next_attempt_at.getTime() - failedAt;
      expect(delay).toBeGreaterThanOrEqual(step / 2);
      expect(delay).toBeLessThanOrEqual(step);
      clock.set(new Date(message!.next_attempt_at.getTime() - 1));
      expect((await deliverDueMessages(deps)).claimed).toBe(0);
      clock.advance(1);
    }
    expect(await deliverDueMessages(deps)).toEqual({ claimed: 1, delivered: 0, retried: 0, failed: 1 });
    expect(await outbox()).toMatchObject([{ status: 'failed', attempts: 5, delivered_at: null }]);
    clock.advance(24 * 3600_000);
    expect((await deliverDueMessages(deps)).claimed).toBe(0);
    // Every attempt carried the same identity, so a receiver could tell a retry from a new message.
    expect(new Set(calls.map((c) => c.deliveryId)).size).toBe(1);
    expect(calls).toHaveLength(5);
  });

  it('delivers a message whose worker died once its lease runs out, and ignores the late worker', async () => {
    await enqueue(1);
    const deadLease = new Date(clock.now().getTime() + 60_000);
    const [claimed] = await claimDueMessages(t.db, clock.now(), deadLease, 10);
    const deps = { db: t.db, clock, mail: localMailboxTransport(t.db, 'no-reply@sesame.test'), sms: noSms, leaseMs: 60_000 };
    expect((await deliverDueMessages(deps)).claimed).toBe(0);
    clock.advance(60_001);
    expect(await deliverDueMessages(deps)).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await markDelivered(t.db, claimed!.id, deadLease, 1, clock.now())).toBe(false);
    expect(await t.db.selectFrom('dev_mailbox').select('outbox_id').execute()).toEqual([{ outbox_id: claimed!.id }]);
  });

  it('hands back the messages it has no time left to send within its lease', async () => {
    await enqueue(3);
    const mailbox = localMailboxTransport(t.db, 'no-reply@sesame.test');
    // Each send takes 40 seconds of a 60-second lease: there is no time for a second one.
    const slow: MailTransport = {
      async send(email) {
        await mailbox.send(email);
        clock.advance(40_000);
      },
    };
    const deps = { db: t.db, clock, mail: slow, sms: noSms, leaseMs: 60_000 };
    expect(await deliverDueMessages(deps)).toEqual({ claimed: 3, delivered: 1, retried: 0, failed: 0 });
    expect((await outbox()).map((m) => [m.status, m.locked_until])).toEqual([
      ['delivered', null],
      ['pending', null],
      ['pending', null],
    ]);
    expect(await deliverDueMessages(deps)).toMatchObject({ claimed: 2, delivered: 1 });
  });

  it('lets two workers run at once and delivers each message exactly once', async () => {
    await enqueue(40);
    const sent = new Map<number, number>();
    const counting = (name: string): MailTransport => {
      const mailbox = localMailboxTransport(t.db, name);
      return {
        async send(email) {
          sent.set(email.outboxId, (sent.get(email.outboxId) ?? 0) + 1);
          // A send takes time: the other worker claims meanwhile.
          await new Promise((resolve) => setTimeout(resolve, 2));
          await mailbox.send(email);
        },
      };
    };
    const drain = async (mail: MailTransport) => {
      let delivered = 0;
      for (;;) {
        const counts = await deliverDueMessages({ db: t.db, clock, mail, sms: noSms, batchSize: 3 });
        if (counts.claimed === 0) return delivered;
        delivered += counts.delivered;
      }
    };
    const [a, b] = await Promise.all([drain(counting('a@sesame.test')), drain(counting('b@sesame.test'))]);
    expect(a + b).toBe(40);
    expect(sent.size).toBe(40);
    expect([...sent.values()].every((count) => count === 1)).toBe(true);
    expect((await outbox()).every((m) => m.status === 'delivered' && m.attempts === 1)).toBe(true);
    expect(await t.db.selectFrom('dev_mailbox').select('id').execute()).toHaveLength(40);
  });
});

describe('the worker loop', () => {
  it('delivers what is due, then stops cleanly and delivers nothing more', async () => {
    await enqueue(1);
    const worker = startOutboxWorker({ db: t.db, clock, mail: localMailboxTransport(t.db, 'no-reply@sesame.test'), sms: noSms }, 5);
    await expect.poll(async () => (await outbox())[0]?.status, { timeout: 5000 }).toBe('delivered');
    await worker.stop();
    await enqueue(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await outbox()).map((m) => m.status)).toEqual(['delivered', 'pending']);
  });

  it('keeps polling after a pass fails', async () => {
    const errors: unknown[] = [];
    let broken = true;
    const mail = localMailboxTransport(t.db, 'no-reply@sesame.test');
    // The database as the worker sees it: unreachable until `broken` is cleared.
    const db = new Proxy(t.db, {
      get(target, key) {
        if (key === 'updateTable' && broken) return () => {
          throw new Error('database away');
        };
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const log = { info() {}, warn() {}, error: (details: object) => errors.push(details) };
    await enqueue(1);
    const worker = startOutboxWorker({ db, clock, mail, sms: noSms, log }, 5);
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    broken = false;
    await expect.poll(async () => (await outbox())[0]?.status, { timeout: 5000 }).toBe('delivered');
    await worker.stop();
  });
});
