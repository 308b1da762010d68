import { updateProfile } from '../../identity/service';
import { addMembership } from '../../organisations/members/service';
import { actor, zephyr, ZEPHYR } from '../../organisations/members/test-fixture';
import { designateManager } from '../../organisations/service';
import type { TestApp } from '../../platform/testing/app';
import { DEMO } from '../../registries/demo';
import { requestAssignments, type NewAssignmentInput } from '../service';

export { ZEPHYR } from '../../organisations/members/test-fixture';

const P = DEMO.persons;
export const TODAY = '2026-11-24';

/**
 * Ateliers Zéphyr (see zephyr()) for the open tasks and self-requests:
 * Chloé Dewulf co-principal, Naïma Benali and Lucas Maes members of the
 * enterprise as a whole, and profile addresses for Pieter and Chloé (the
 * confirmation of a decision goes to the manager's profile address).
 */
export async function tasksFixture(t: TestApp) {
  const z = await zephyr(t);
  await designateManager(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, kind: 'co_principal', nrn: P.coPrincipalAccessManager, email: 'chloe@zephyr.be', validFrom: TODAY, validUntil: null });
  const chloe = await actor(t, P.coPrincipalAccessManager);
  await updateProfile(t.ctx, z.pieter, { email: 'pieter.claes@example.be', language: 'fr' });
  await updateProfile(t.ctx, chloe, { email: 'chloe.dewulf@example.be', language: 'fr' });
  const [naima, lucas] = [P.encoders[0], P.encoders[1]];
  for (const [nrn, email] of [[naima, 'naima.benali@zephyr.be'], [lucas, 'lucas.maes@zephyr.be']] as const) {
    await addMembership(t.ctx, z.pieter, { enterpriseNumber: ZEPHYR, nrn, unitId: null, category: 'permanent_employee', workEmail: email, workPhone: null, startDate: TODAY, endDate: null, reason: 'Encodage des formulaires' });
  }
  return { ...z, chloe, naima: await actor(t, naima), lucas: await actor(t, lucas) };
}

/** A person's own request for a role of Ateliers Zéphyr, pending for the managers. */
export async function selfRequest(t: TestApp, who: { personId: string; nrn: string }, input: Partial<NewAssignmentInput> = {}) {
  const [outcome] = await requestAssignments(
    t.ctx,
    who,
    [{ personId: who.personId, enterpriseNumber: ZEPHYR, unitId: null, applicationId: 'espace-personnel-wallon', roleCode: 'redacteur', validFrom: TODAY, validUntil: null, contactEmail: `${who.nrn}@example.be`, ...input }],
    { via: 'self' },
  );
  return outcome!;
}
