import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../testing/database';
import canonicalize from 'canonicalize';
import { canonicalParts, recordAudit, verifyAuditChain } from './audit';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

const at = new Date('2026-11-24T10:00:00.123Z');

async function append(n: number) {
  for (let i = 0; i < n; i++) {
    await t.db.transaction().execute((trx) =>
      recordAudit(trx, at, { actor: 'person:85073100130', action: 'test.action', target: `thing:${i}`, details: { i, note: 'é' }, requestId: 'req-1' }),
    );
  }
}

/** What an attacker with database access would do: switch the append-only trigger off. */
async function asIntruder(statement: ReturnType<typeof sql>) {
  await sql`alter table audit_events disable trigger audit_events_append_only`.execute(t.db);
  await statement.execute(t.db);
  await sql`alter table audit_events enable trigger audit_events_append_only`.execute(t.db);
}

describe('audit log', () => {
  it('chains events and verifies an intact chain', async () => {
    await append(5);
    expect(await verifyAuditChain(t.db, 2)).toEqual({ ok: true, count: 5 });
  });

  it('refuses updates and deletes through the database', async () => {
    await expect(sql`update audit_events set actor = 'someone' where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_events where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('keeps nothing of a transaction that fails', async () => {
    await expect(
      t.db.transaction().execute(async (trx) => {
        await recordAudit(trx, at, { actor: 'system', action: 'test.rolled_back' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await t.db.selectFrom('audit_events').where('action', '=', 'test.rolled_back').select('seq').execute()).toEqual([]);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('detects an altered event', async () => {
    await asIntruder(sql`update audit_events set details = '{"i": 99, "note": "é"}' where seq = 3`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, count: 2, seq: 3, problem: 'altered' });
    await asIntruder(sql`update audit_events set details = '{"i": 2, "note": "é"}' where seq = 3`);
    expect((await verifyAuditChain(t.db)).ok).toBe(true);
  });

  it('detects a removed event', async () => {
    await asIntruder(sql`delete from audit_events where seq = 4`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, count: 3, seq: 4, problem: 'missing' });
  });

  it('detects a later event moved into the place of a removed one', async () => {
    await asIntruder(sql`update audit_events set seq = 4 where seq = 5`);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: false, count: 3, seq: 4, problem: 'relinked' });
  });

  it('splits an event around its sequence number exactly where canonical JSON puts it', () => {
    const event = { at, actor: 'person:85073100130', action: 'a.b', target: null, details: { z: 1, seq: 'x', 'é"\n': [true] }, request_id: 'r' };
    const { head, tail } = canonicalParts(event);
    expect(`${head}42${tail}`).toBe(canonicalize({ ...event, seq: 42, at: at.toISOString() }));
  });

  it('appends several events of one transaction in order, each chained to the previous', async () => {
    const fresh = await createTestDatabase();
    try {
      await fresh.db.transaction().execute((trx) =>
        recordAudit(trx, at, [
          { actor: 'address:192.0.2.1', action: 'test.first', details: { quote: '"', line: '\n', emoji: '🔑', nested: { b: 2, a: [1, 'ü'] } } },
          { actor: 'system', action: 'test.second', target: 'person:85073100130', requestId: 'req-2' },
        ]),
      );
      const rows = await fresh.db.selectFrom('audit_events').select(['seq', 'action']).orderBy('seq').execute();
      expect(rows).toEqual([{ seq: 1, action: 'test.first' }, { seq: 2, action: 'test.second' }]);
      expect(await verifyAuditChain(fresh.db)).toEqual({ ok: true, count: 2 });
    } finally {
      await fresh.drop();
    }
  });

  it('serialises concurrent appends into one unbroken chain', async () => {
    const fresh = await createTestDatabase();
    try {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          fresh.db.transaction().execute((trx) => recordAudit(trx, at, { actor: 'system', action: 'test.concurrent', details: { i } })),
        ),
      );
      expect(await verifyAuditChain(fresh.db)).toEqual({ ok: true, count: 20 });
    } finally {
      await fresh.drop();
    }
  });
});
