import type { AssignmentStatus } from '../../access/model';
import type { AppContext } from '../../platform/context';
import type { Lang } from '../../platform/i18n/languages';
import type { ActorRef } from '../service';

/*
 * The role assignments of the persons of an enterprise, as the persons list
 * and a person's details show them. They live in the access module, whose
 * tables this module does not read (DESIGN.md: "nobody reads another
 * module's tables"): the access module registers a provider here, as it
 * registers its listener of ended memberships. Without one (a test of this
 * module alone), persons have no rights.
 */

/** One right of a person in an enterprise. */
export interface PersonRight {
  assignmentId: string;
  applicationId: string;
  roleCode: string;
  /** The unit it is scoped to; null: the enterprise as a whole. */
  unitId: string | null;
  /** YYYY-MM-DD. */
  validFrom: string;
  /** YYYY-MM-DD; null: unlimited. */
  validUntil: string | null;
  status: AssignmentStatus;
}

export interface RightsProvider {
  /** The person's rights in the enterprise, archived ones left out, newest first. */
  rightsOf(ctx: Pick<AppContext, 'db'>, enterpriseNumber: string, personId: string): Promise<PersonRight[]>;
  /** The persons with a live right (requested, scheduled, active, deactivated) of the application in the enterprise. */
  personsWithApplication(ctx: Pick<AppContext, 'db'>, enterpriseNumber: string, applicationId: string): Promise<string[]>;
  /** Whether `who` may assign roles in the enterprise: a person's page then offers to give them one. */
  mayAssign(ctx: AppContext, who: ActorRef, enterpriseNumber: string, lang: Lang): Promise<boolean>;
}

let provider: RightsProvider | null = null;

/** Role management registers where the rights come from (once, at import). */
export function registerRightsProvider(p: RightsProvider): void {
  provider = p;
}

export async function rightsOf(ctx: Pick<AppContext, 'db'>, enterpriseNumber: string, personId: string): Promise<PersonRight[]> {
  return provider ? provider.rightsOf(ctx, enterpriseNumber, personId) : [];
}

export async function personsWithApplication(ctx: Pick<AppContext, 'db'>, enterpriseNumber: string, applicationId: string): Promise<Set<string>> {
  return new Set(provider ? await provider.personsWithApplication(ctx, enterpriseNumber, applicationId) : []);
}

export async function mayAssignRoles(ctx: AppContext, who: ActorRef, enterpriseNumber: string, lang: Lang): Promise<boolean> {
  return provider ? provider.mayAssign(ctx, who, enterpriseNumber, lang) : false;
}
