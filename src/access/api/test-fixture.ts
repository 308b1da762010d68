import { today } from '../../organisations/model';
import { designatePrincipal } from '../../organisations/service';
import { actor, zephyr, ZEPHYR } from '../../organisations/members/test-fixture';
import type { TestApp } from '../../platform/testing/app';
import { DEMO } from '../../registries/demo';
import { requestAssignments, type NewAssignmentInput } from '../service';

export { ZEPHYR };
/** A second enterprise Hélène represents, registered with Pieter Claes as principal too. */
export const SECOND = '0551207943';
export const EPW = 'espace-personnel-wallon';

/**
 * Ateliers Zéphyr (zephyr fixture) and a second enterprise, both with Pieter
 * Claes as principal; Naïma Benali holds, for Espace Personnel Wallon,
 * editeur and gestionnaire in Zéphyr and relecteur in the second one, all
 * active from today (assigned by Pieter, so approved at once); Lucas Maes
 * holds relecteur in Zéphyr only.
 */
export async function rolesInTwoEnterprises(t: TestApp) {
  const z = await zephyr(t);
  const helene = await actor(t, DEMO.persons.legalRepresentative);
  await designatePrincipal(t.ctx, helene, { enterpriseNumber: SECOND, nrn: DEMO.persons.principalAccessManager, email: 'pieter@second.example', phone: '+3227407992', expectedPrincipalId: null });
  const naima = await actor(t, DEMO.persons.encoders[0]);
  const lucas = await actor(t, DEMO.persons.encoders[1]);
  const day = today(t.ctx.clock.now());
  const right = (personId: string, enterpriseNumber: string, roleCode: string): NewAssignmentInput => ({ personId, enterpriseNumber, unitId: null, applicationId: EPW, roleCode, validFrom: day, validUntil: null });
  await requestAssignments(
    t.ctx,
    z.pieter,
    [right(naima.personId, ZEPHYR, 'editeur'), right(naima.personId, ZEPHYR, 'gestionnaire'), right(naima.personId, SECOND, 'relecteur'), right(lucas.personId, ZEPHYR, 'relecteur')],
    { via: 'manager' },
  );
  return { ...z, naima, lucas };
}
