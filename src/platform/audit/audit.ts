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
 * The canonical JSON of an event without its sequence number, which only
 * the database knows (under the chain's lock): what comes before the
 * number and what comes after. Keys sort as canonicalize sorts them
 * (action, actor, at, details, request_id, seq, target), so
 * `head + seq + tail` is exactly the body {@link hashOf} hashes.
 */
export function canonicalParts(event: Omit<Hashed, 'seq'>): { head: string; tail: string } {
  const { target, ...before } = event;
  const head = canonicalize({ ...before, at: event.at.toISOString() })!;
  return { head: `${head.slice(0, -1)},"seq":`, tail: `,"target":${canonicalize(target)}}` };
}

/**
 * Appends events inside the caller's transaction, so the change and its
 * audit events commit together or not at all. One statement whatever the
 * number of events: the `audit_append` function takes the chain's lock,
 * numbers the events after the last one and hashes each onto the previous
 * (see the migration 2026-11-24T1610). Call it last in the transaction: the
 * lock is held until commit.
 */
export async function recordAudit(trx: Trx, at: Date, input: AuditInput | AuditInput[]): Promise<void> {
  const events = (Array.isArray(input) ? input : [input]).map((one) => {
    // Millisecond precision: what JavaScript reads back is exactly what was hashed.
    const event = {
      at: new Date(at.getTime()),
      actor: one.actor,
      action: one.action,
      target: one.target ?? null,
      details: JSON.parse(JSON.stringify(one.details ?? {})) as Record<string, unknown>,
      request_id: one.requestId ?? null,
    };
    return { ...event, at: event.at.toISOString(), ...canonicalParts(event) };
  });
  if (events.length === 0) return;
  await sql`select audit_append(${JSON.stringify(events)}::jsonb)`.execute(trx);
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
