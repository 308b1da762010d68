import { createUnit } from '../../organisations/service';
import { designateManager } from '../../organisations/service';
import { actor, zephyr, ZEPHYR } from '../../organisations/members/test-fixture';
import type { TestApp } from '../../platform/testing/app';
import { DEMO } from '../../registries/demo';
import { requestAssignments, type NewAssignmentInput } from '../service';

export { ZEPHYR } from '../../organisations/members/test-fixture';

const P = DEMO.persons;
const TODAY = '2026-11-24';

/**
 * Ateliers Zéphyr (see zephyr()) with role assignments to manage:
 * - Jan Peeters, access manager of walloon_region (Sophie Lambert has finances);
 * - two social-security capacities, "Action sociale" (Isabelle Fontaine local manager) and "Aide familiale";
 * - granted by Pieter (principal), all active from today:
 *   Naïma Rédacteur (Espace Personnel Wallon), Lucas Comptable (Intervat),
 *   Lisa Déclarant Dimona in "Action sociale", Thomas Déclarant Dimona in "Aide familiale".
 */
export async function assignmentsFixture(t: TestApp) {
  const z = await zephyr(t);
  await designateManager(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'walloon_region', nrn: P.accessManagers[1], email: 'jan@zephyr.be', validFrom: TODAY, validUntil: null });
  const social = await createUnit(t.ctx, { enterpriseNumber: ZEPHYR, kind: 'capacity', number: '01', name: 'Action sociale' });
  const family = await createUnit(t.ctx, { enterpriseNumber: ZEPHYR, kind: 'capacity', number: '02', name: 'Aide familiale' });
  await designateManager(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, kind: 'local_manager', unitId: social.id, nrn: P.localManager, email: 'isabelle@zephyr.be', validFrom: TODAY, validUntil: null });
  const [naima, lucas, lisa, thomas] = await Promise.all(P.encoders.map((nrn) => actor(t, nrn)));
  const base = { enterpriseNumber: ZEPHYR, validFrom: TODAY, validUntil: null, unitId: null };
  const inputs: NewAssignmentInput[] = [
    { ...base, personId: naima!.personId, applicationId: 'espace-personnel-wallon', roleCode: 'redacteur', contactEmail: 'naima@zephyr.be' },
    { ...base, personId: lucas!.personId, applicationId: 'intervat', roleCode: 'comptable', contactEmail: 'lucas@zephyr.be' },
    { ...base, personId: lisa!.personId, applicationId: 'dimona', roleCode: 'declarant', unitId: social.id, contactEmail: 'lisa@zephyr.be' },
    { ...base, personId: thomas!.personId, applicationId: 'dimona', roleCode: 'declarant', unitId: family.id, contactEmail: 'thomas@zephyr.be' },
  ];
  const outcomes = await requestAssignments(t.ctx, z.pieter, inputs, { via: 'manager' });
  const [redacteur, comptable, declarantSocial, declarantFamily] = outcomes.map((o) => o.assignment);
  return {
    ...z,
    jan: await actor(t, P.accessManagers[1]),
    social,
    family,
    persons: { naima: naima!, lucas: lucas!, lisa: lisa!, thomas: thomas! },
    assignments: { redacteur: redacteur!, comptable: comptable!, declarantSocial: declarantSocial!, declarantFamily: declarantFamily! },
  };
}
