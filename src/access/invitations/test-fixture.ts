import { actor, zephyr } from '../../organisations/members/test-fixture';
import type { TestApp } from '../../platform/testing/app';
import { DEMO } from '../../registries/demo';
import { addDays } from './model';
import type { NewInvitation } from './service';

export { actor, ZEPHYR } from '../../organisations/members/test-fixture';

const P = DEMO.persons;
/** The test clock's first day (TestClock starts on 2026-11-24 at 10:00 in Brussels). */
export const TODAY = '2026-11-24';

/** Zéphyr (zephyr()), plus two encoders who will accept invitations: Naïma Benali and Lucas Maes. */
export async function invitationWorld(t: TestApp) {
  const world = await zephyr(t);
  return { ...world, naima: await actor(t, P.encoders[0]), lucas: await actor(t, P.encoders[1]) };
}

/** Pieter's invitation of the guide: Rédacteur de dossiers of Espace Personnel Wallon in Zéphyr, unlimited, Chloé named. */
export function guideInvitation(overrides: Partial<NewInvitation> = {}): NewInvitation {
  return {
    roles: [{ enterpriseNumber: DEMO.enterprises.main, unitId: null, applicationId: 'espace-personnel-wallon', roleCode: 'redacteur' }],
    validFrom: TODAY,
    validUntil: null,
    persons: [{ familyName: 'Ducoeur', givenName: 'Chloé', email: 'cdc@ewbs.be' }],
    message: 'Bienvenue dans l’équipe.',
    expiresOn: addDays(TODAY, 30),
    template: null,
    ...overrides,
  };
}
