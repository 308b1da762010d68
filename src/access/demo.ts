import { personForIdentification } from '../identity/service';
import { addMembership, syncEstablishmentUnits, unitsOf } from '../organisations/members/service';
import { designateManager, designatePrincipal, registeredEnterprise, type ActorRef } from '../organisations/service';
import { today } from '../organisations/model';
import type { AppContext } from '../platform/context';
import { DEMO } from '../registries/demo';
import { requestAssignments } from './service';

const P = DEMO.persons;
const ZEPHYR = DEMO.enterprises.main;

async function who(ctx: AppContext, nrn: string): Promise<ActorRef> {
  const person = await personForIdentification(ctx, nrn);
  return { personId: person.id, nrn: person.nrn };
}

/**
 * The demo's living enterprise, so that `npm start` shows role management
 * and "Mon Espace" with real data (README, "Demo accounts"): Ateliers Zéphyr
 * registered by Hélène with Pieter as principal access manager, Chloé
 * co-principal, Sophie (finances) and Jan (Walloon region) access managers;
 * four employees, and the guide's Espace Personnel Wallon roles — Naïma
 * Rédacteur, Lucas Éditeur, Thomas Relecteur, Pieter Propriétaire. Loaded
 * through the same services as the pages (audited, e-mailed to the dev
 * mailbox), once: nothing is done when Zéphyr is already registered.
 */
export async function loadDemoAccess(ctx: AppContext): Promise<boolean> {
  if (await registeredEnterprise(ctx, ZEPHYR)) return false;
  const from = today(ctx.clock.now());
  const helene = await who(ctx, P.legalRepresentative);
  await designatePrincipal(ctx, helene, { enterpriseNumber: ZEPHYR, nrn: P.principalAccessManager, email: 'acces@zephyr.example', phone: '+3227407992', expectedPrincipalId: null });
  const pieter = await who(ctx, P.principalAccessManager);
  const mandate = (kind: 'co_principal' | 'domain_access_manager', nrn: string, email: string, domain: string | null = null) =>
    designateManager(ctx, pieter, { enterpriseNumber: ZEPHYR, kind, nrn, email, domain, validFrom: from, validUntil: null });
  await mandate('co_principal', P.coPrincipalAccessManager, 'chloe.dewulf@zephyr.example');
  await mandate('domain_access_manager', P.accessManagers[0], 'sophie.lambert@zephyr.example', 'finances');
  await mandate('domain_access_manager', P.accessManagers[1], 'jan.peeters@zephyr.example', 'walloon_region');

  await syncEstablishmentUnits(ctx, ZEPHYR);
  const units = await unitsOf(ctx, ZEPHYR);
  const unit = (number: string) => units.find((u) => u.number === number)?.id ?? null;
  const employees = [
    { nrn: P.encoders[0], email: 'naima.benali@zephyr.example', unitId: null, role: 'redacteur' },
    { nrn: P.encoders[1], email: 'lucas.maes@zephyr.example', unitId: unit(DEMO.establishments.main[2]), role: 'editeur' },
    { nrn: P.encoders[2], email: 'lisa.schmitz@zephyr.example', unitId: unit(DEMO.establishments.main[3]), role: null },
    { nrn: P.encoders[3], email: 'thomas.renard@zephyr.example', unitId: null, role: 'relecteur' },
  ];
  const rights = [];
  for (const e of employees) {
    await addMembership(ctx, pieter, { enterpriseNumber: ZEPHYR, nrn: e.nrn, unitId: e.unitId, category: 'permanent_employee', workEmail: e.email, workPhone: null, startDate: from, endDate: null, reason: 'Encodage des dossiers (démo)' });
    if (e.role) rights.push({ personId: (await who(ctx, e.nrn)).personId, role: e.role, email: e.email });
  }
  rights.push({ personId: pieter.personId, role: 'proprietaire', email: 'acces@zephyr.example' });
  await requestAssignments(
    ctx,
    pieter,
    rights.map((r) => ({ personId: r.personId, enterpriseNumber: ZEPHYR, unitId: null, applicationId: 'espace-personnel-wallon', roleCode: r.role, validFrom: from, validUntil: null, contactEmail: r.email })),
    { via: 'manager' },
  );
  return true;
}
