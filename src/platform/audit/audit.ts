import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { sql } from 'kysely';
import type { Db, Trx } from '../db/database';

/** What happened, by whom, to what. */
export interface AuditInput {
  /** `person:<nrn>`, `client:<id>`, `system` or `automatic`. */
  actor: string;
  /** Stable dotted code, e.g. `mandate.designated`. */
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
  requestId?: string | null;
}

const GENESIS = '0'.repeat(64);
// One lock key for the chain: appends are serialised until their transaction ends.
const CHAIN_LOCK = 0x5e5a3e;

interface Hashed {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  request_id: string | null;
}

function hashOf(prevHash: string, event: Hashed): string {
  const body = canonicalize({ ...event, at: event.at.toISOString() }) ?? '';
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

/**
 * Appends an event inside the caller's transaction, so the change and its
 * audit event commit together or not at all. Call it last in the
 * transaction: the chain lock is held until commit.
 */
export async function recordAudit(trx: Trx, at: Date, input: AuditInput): Promise<void> {
  await sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`.execute(trx);
  const last = await trx.selectFrom('audit_events').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  // Millisecond precision: what JavaScript reads back is exactly what was hashed.
  const event: Hashed = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date(at.getTime()),
    actor: input.actor,
    action: input.action,
    target: input.target ?? null,
    details: JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>,
    request_id: input.requestId ?? null,
  };
  const prevHash = last?.hash ?? GENESIS;
  await trx
    .insertInto('audit_events')
    .values({ ...event, details: JSON.stringify(event.details), prev_hash: prevHash, hash: hashOf(prevHash, event) })
    .execute();
}

export type ChainCheck =
  | { ok: true; count: number }
  | { ok: false; count: number; seq: number; problem: 'missing' | 'altered' | 'relinked' };

/** Walks the whole chain: a changed field, a removed or re-linked event breaks it at that sequence number. */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainCheck> {
  let expectedSeq = 1;
  let prevHash = GENESIS;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return { ok: true, count: expectedSeq - 1 };
    for (const row of rows) {
      const count = expectedSeq - 1;
      if (row.seq !== expectedSeq) return { ok: false, count, seq: expectedSeq, problem: 'missing' };
      if (row.prev_hash !== prevHash) return { ok: false, count, seq: row.seq, problem: 'relinked' };
      const { prev_hash: _prev, hash, ...event } = row;
      if (hashOf(prevHash, event) !== hash) return { ok: false, count, seq: row.seq, problem: 'altered' };
      prevHash = hash;
      expectedSeq++;
    }
  }
}
