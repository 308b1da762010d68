import { addMembership } from '../../organisations/members/service';
import { actor, zephyr, ZEPHYR } from '../../organisations/members/test-fixture';
import { createUnit, designateManager, designatePrincipal } from '../../organisations/service';
import type { TestApp } from '../../platform/testing/app';
import { DEMO } from '../../registries/demo';

export { ZEPHYR } from '../../organisations/members/test-fixture';

const P = DEMO.persons;
export const TODAY = '2026-11-24';
export const CPAS = DEMO.enterprises.cpas;

/**
 * Ateliers Zéphyr (see zephyr(): Pieter principal, Sophie access manager of
 * finances, Isabelle local manager of the first establishment unit) with:
 * - Jan Peeters, access manager of walloon_region;
 * - two social-security capacities: "Action sociale" (Isabelle its local
 *   manager, users Naïma and Lucas) and "Aide familiale" (Chloé its local
 *   manager, user Lisa);
 * - Thomas Renard, member of the enterprise as a whole (thomas@zephyr.be);
 * - the CPAS registered too (Marc principal), with an establishment unit of its own.
 */
export async function directFixture(t: TestApp) {
  const z = await zephyr(t);
  await designateManager(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'walloon_region', nrn: P.accessManagers[1], email: 'jan@zephyr.be', validFrom: TODAY, validUntil: null });
  const social = await createUnit(t.ctx, { enterpriseNumber: ZEPHYR, kind: 'capacity', number: '01', name: 'Action sociale' });
  const family = await createUnit(t.ctx, { enterpriseNumber: ZEPHYR, kind: 'capacity', number: '02', name: 'Aide familiale' });
  await designateManager(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, kind: 'local_manager', unitId: social.id, nrn: P.localManager, email: 'isabelle@zephyr.be', validFrom: TODAY, validUntil: null });
  await designateManager(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, kind: 'local_manager', unitId: family.id, nrn: P.coPrincipalAccessManager, email: 'chloe@zephyr.be', validFrom: TODAY, validUntil: null });
  const member = (nrn: string, unitId: string | null, workEmail: string) =>
    addMembership(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, nrn, unitId, category: 'permanent_employee', workEmail, workPhone: null, startDate: TODAY, endDate: null, reason: 'Équipe' });
  await member(P.encoders[0], social.id, 'naima@zephyr.be');
  await member(P.encoders[1], social.id, 'lucas@zephyr.be');
  await member(P.encoders[2], family.id, 'lisa@zephyr.be');
  await member(P.encoders[3], null, 'thomas@zephyr.be');
  const marc = await actor(t, P.cpasChair);
  await designatePrincipal(t.ctx, marc, { enterpriseNumber: CPAS, nrn: P.cpasChair, email: 'direction@cpas-val-fleuri.be', phone: '+3227407992', expectedPrincipalId: null });
  const cpasUnit = await createUnit(t.ctx, { enterpriseNumber: CPAS, kind: 'establishment', number: '2999999999', name: 'Val-Fleuri' });
  const [naima, lucas, lisa, thomas] = await Promise.all(P.encoders.map((nrn) => actor(t, nrn)));
  return {
    ...z,
    jan: await actor(t, P.accessManagers[1]),
    chloe: await actor(t, P.coPrincipalAccessManager),
    marc,
    social,
    family,
    cpasUnit,
    persons: { naima: naima!, lucas: lucas!, lisa: lisa!, thomas: thomas! },
  };
}
