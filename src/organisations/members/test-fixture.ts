import { personForIdentification } from '../../identity/service';
import type { TestApp } from '../../platform/testing/app';
import { DEMO } from '../../registries/demo';
import { today } from '../model';
import { designateManager, designatePrincipal, type ActorRef } from '../service';
import { syncEstablishmentUnits } from './service';
import { listUnits } from './store';

const P = DEMO.persons;
export const ZEPHYR = DEMO.enterprises.main;

export async function actor(t: TestApp, nrn: string): Promise<ActorRef> {
  const person = await personForIdentification(t.ctx, nrn);
  return { personId: person.id, nrn: person.nrn };
}

/**
 * Ateliers Zéphyr registered, Pieter Claes principal, Sophie Lambert access
 * manager (finances), Isabelle Fontaine local manager of the first establishment unit (`own`).
 */
export async function zephyr(t: TestApp) {
  const helene = await actor(t, P.legalRepresentative);
  await designatePrincipal(t.ctx, helene, { enterpriseNumber: ZEPHYR, nrn: P.principalAccessManager, email: 'direction@zephyr.be', phone: '+3227407992', expectedPrincipalId: null });
  const pieter = await actor(t, P.principalAccessManager);
  await syncEstablishmentUnits(t.ctx, ZEPHYR);
  const units = await listUnits(t.ctx.db, ZEPHYR);
  const [own, other] = [units[0]!, units[1]!];
  // The fixture's clock, not a fixed day: browser tests run on the real clock.
  const from = today(t.ctx.clock.now());
  await designateManager(t.ctx, pieter, { enterpriseNumber: ZEPHYR, kind: 'domain_access_manager', domain: 'finances', nrn: P.accessManagers[0], email: 'sophie@zephyr.be', validFrom: from, validUntil: null });
  await designateManager(t.ctx, pieter, { enterpriseNumber: ZEPHYR, kind: 'local_manager', unitId: own.id, nrn: P.localManager, email: 'isabelle@zephyr.be', validFrom: from, validUntil: null });
  return { pieter, sophie: await actor(t, P.accessManagers[0]), isabelle: await actor(t, P.localManager), own, other, units };
}
