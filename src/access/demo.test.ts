import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../platform/testing/app';
import { loadDemoRegisters } from '../registries/demo';
import { loadDemoAccess } from './demo';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await loadDemoRegisters(t.ctx.db);
});
afterAll(() => t.close());

it('the demo enterprise is registered once, with its managers, employees and the guide’s roles', async () => {
  expect(await loadDemoAccess(t.ctx)).toBe(true);
  expect(await loadDemoAccess(t.ctx)).toBe(false);
  const rights = await t.ctx.db
    .selectFrom('role_assignments')
    .innerJoin('persons', 'persons.id', 'role_assignments.person_id')
    .select(['persons.given_name', 'role_assignments.role_code', 'role_assignments.status'])
    .orderBy('persons.given_name')
    .execute();
  expect(rights).toEqual([
    { given_name: 'Lucas', role_code: 'editeur', status: 'active' },
    { given_name: 'Naïma', role_code: 'redacteur', status: 'active' },
    { given_name: 'Pieter', role_code: 'proprietaire', status: 'active' },
    { given_name: 'Thomas', role_code: 'relecteur', status: 'active' },
  ]);
  expect(await t.ctx.db.selectFrom('mandates').select('kind').where('revoked_at', 'is', null).execute()).toHaveLength(4);
});
