import { may, type Actor } from './policy';

/** The sections of an enterprise's management pages, in the order the enterprise bar shows them. */
export type Section = 'home' | 'managers' | 'units' | 'persons';

/**
 * The sections the actor may open in a registered enterprise, so that no
 * page links to one that would answer 403. Overview, managers and units open
 * for whoever may see the managers (any current mandate, or a legal
 * representative); persons only for who may manage users somewhere in the
 * enterprise: the enterprise as a whole, or the unit of a local manager.
 */
export function sectionsFor(actor: Actor, enterprise: string, at: Date): Section[] {
  if (!may(actor, { type: 'view_managers', enterprise }, at)) return [];
  const managesUsers = actor.mandates.some((m) => m.enterpriseNumber === enterprise && may(actor, { type: 'manage_users', enterprise, unitId: m.unitId }, at));
  return managesUsers ? ['home', 'managers', 'units', 'persons'] : ['home', 'managers', 'units'];
}
