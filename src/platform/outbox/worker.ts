import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { DEFAULT_RETRY, deliveryIdOf, retryDelayMs, type RetryPolicy } from './model';
import { silentLog, type MailTransport, type OutboxLog, type SmsGateway } from './ports';
import { claimDueMessages, markDelivered, recordFailedAttempt, releaseLeases, type OutboxMessage } from './store';

export interface OutboxWorkerDeps {
  db: Db;
  clock: Clock;
  mail: MailTransport;
  sms: SmsGateway;
  log?: OutboxLog;
  /** Messages claimed per pass. */
  batchSize?: number;
  /** How long a claim protects a message from other workers. */
  leaseMs?: number;
  retry?: RetryPolicy;
}

export interface DeliveryCounts {
  claimed: number;
  delivered: number;
  /** Failed this time, scheduled again. */
  retried: number;
  /** Failed for the last time. */
  failed: number;
}

const DEFAULT_BATCH = 10;
// Longer than a whole batch normally takes; a crashed worker's messages wait this long at most.
const DEFAULT_LEASE_MS = 5 * 60_000;
// What one send may take at worst (the SMTP timeouts); a message is not started with less lease left.
const SEND_BUDGET_MS = 100_000;
const MAX_ERROR_LENGTH = 1000;

/**
 * One pass: claims the messages that are due, sends each, and settles it as
 * delivered, to be retried later, or failed. Any number of workers, on any
 * number of nodes, may run passes at once: each message is claimed by one.
 */
export async function deliverDueMessages(deps: OutboxWorkerDeps): Promise<DeliveryCounts> {
  const { db, clock } = deps;
  const now = clock.now();
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const lease = new Date(now.getTime() + leaseMs);
  // A send that could outlive the lease might be repeated by another worker: do not start one that late.
  const lastStart = lease.getTime() - Math.min(SEND_BUDGET_MS, leaseMs / 2);
  const claimed = await claimDueMessages(db, now, lease, deps.batchSize ?? DEFAULT_BATCH);
  const counts: DeliveryCounts = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0 };
  for (const [index, message] of claimed.entries()) {
    if (clock.now().getTime() > lastStart) {
      await releaseLeases(db, claimed.slice(index).map((m) => m.id), lease);
      break;
    }
    counts[await deliverOne(deps, message, lease)]++;
  }
  return counts;
}

async function deliverOne(deps: OutboxWorkerDeps, message: OutboxMessage, lease: Date): Promise<'delivered' | 'retried' | 'failed'> {
  const { db, clock } = deps;
  const log = deps.log ?? silentLog;
  const attempts = message.attempts + 1;
  // Recipients are personal data: logs name the message, never the address.
  const about = { outboxId: message.id, channel: message.channel, template: message.template, attempts };
  try {
    await send(deps, message);
  } catch (error) {
    const retry = deps.retry ?? DEFAULT_RETRY;
    const giveUp = attempts >= retry.maxAttempts;
    const nextAttemptAt = new Date(clock.now().getTime() + retryDelayMs(attempts, retry));
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    await recordFailedAttempt(db, message.id, lease, { attempts, error: reason, nextAttemptAt, giveUp });
    if (giveUp) log.error({ ...about, error: reason }, 'outbox message failed for good');
    else log.warn({ ...about, error: reason, nextAttemptAt }, 'outbox message not delivered, will retry');
    return giveUp ? 'failed' : 'retried';
  }
  const settled = await markDelivered(db, message.id, lease, attempts, clock.now());
  // Sent, but another worker took over after our lease ran out: the Message-ID lets the receiver drop the duplicate.
  if (!settled) log.warn(about, 'outbox message sent after its lease ran out');
  else log.info(about, 'outbox message delivered');
  return 'delivered';
}

function send(deps: OutboxWorkerDeps, message: OutboxMessage): Promise<void> {
  const deliveryId = deliveryIdOf(message);
  if (message.channel === 'sms') {
    return deps.sms.send({ outboxId: message.id, deliveryId, to: message.recipient, text: message.body_text });
  }
  return deps.mail.send({
    outboxId: message.id,
    deliveryId,
    lang: message.lang,
    to: message.recipient,
    subject: message.subject ?? '',
    text: message.body_text,
    html: message.body_html,
  });
}

export interface OutboxWorker {
  /** Stops polling and waits for the pass under way, so the database can close after it. */
  stop(): Promise<void>;
}

/**
 * Runs passes until stopped: the next one starts `pollMs` after the previous
 * one ended (at once when it found a full batch), so passes never overlap.
 */
export function startOutboxWorker(deps: OutboxWorkerDeps, pollMs: number): OutboxWorker {
  const log = deps.log ?? silentLog;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  const pass = async () => {
    let more = false;
    try {
      more = (await deliverDueMessages(deps)).claimed >= batchSize;
    } catch (error) {
      // The database may be briefly away: log and try again at the next poll.
      log.error({ err: error }, 'outbox pass failed');
    }
    if (!stopped) schedule(more ? 0 : pollMs);
  };
  const schedule = (delay: number) => {
    timer = setTimeout(() => {
      current = pass();
    }, delay);
    // The worker alone does not keep a process alive: the server (or the caller) does.
    timer.unref();
  };

  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
