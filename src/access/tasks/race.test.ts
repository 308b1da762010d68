import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { loadDemoRegisters } from '../../registries/demo';
import { decideRequest, requestById } from '../service';
import { selfRequest, tasksFixture } from './test-fixture';

let t: TestApp;
let f: Awaited<ReturnType<typeof tasksFixture>>;

beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
  f = await tasksFixture(t);
});
afterAll(() => t.close());

/*
 * Two managers decide the same request at the same moment (DESIGN.md:
 * "concurrent decisions on the same request resolve to exactly one"). On
 * PostgreSQL (DATABASE_URL) the two transactions really overlap; on PGlite
 * they are serialized, and the second must still lose cleanly.
 */
describe('two managers deciding the same request at once', () => {
  it('ends with exactly one decision for each of several requests; the loser gets access.errors.already_decided', async () => {
    const roles = ['relecteur', 'redacteur', 'editeur', 'gestionnaire', 'proprietaire'];
    for (const [i, roleCode] of roles.entries()) {
      const who = i % 2 === 0 ? f.naima : f.lucas;
      const { request, assignment } = await selfRequest(t, who, { roleCode });
      const settled = await Promise.allSettled([
        decideRequest(t.ctx, f.pieter, request.id, { decision: 'approve' }),
        decideRequest(t.ctx, f.chloe, request.id, { decision: 'reject', reason: 'Pas nécessaire' }),
      ]);
      const won = settled.filter((s) => s.status === 'fulfilled');
      const lost = settled.filter((s): s is PromiseRejectedResult => s.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(AppError);
      expect((lost[0]!.reason as AppError).code).toBe('access.errors.already_decided');
      expect((lost[0]!.reason as AppError).status).toBe(409);

      const approved = settled[0]!.status === 'fulfilled';
      expect((await requestById(t.ctx, request.id))!.status).toBe(approved ? 'approved' : 'rejected');
      const row = await t.ctx.db.selectFrom('role_assignments').select('status').where('id', '=', assignment.id).executeTakeFirstOrThrow();
      expect(row.status).toBe(approved ? 'active' : 'rejected');
      const decisions = await t.ctx.db.selectFrom('assignment_history').select('action').where('assignment_id', '=', assignment.id).where('action', 'in', ['assign.approved', 'assign.rejected']).execute();
      expect(decisions).toHaveLength(1);
      const audits = await t.ctx.db
        .selectFrom('audit_events')
        .select('action')
        .where('action', 'in', ['role_assignment.assign.approved', 'role_assignment.assign.rejected'])
        .where(sql<string>`details->>'requestId'`, '=', request.id)
        .execute();
      expect(audits).toHaveLength(1);
    }
  });
});
