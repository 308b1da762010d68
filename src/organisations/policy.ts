import { isCurrent, type Mandate, type MandateKind } from './model';

/*
 * Who may do what for an enterprise, decided in one place from the actor's
 * mandates (and, for designating the principal access manager, the one fact
 * that comes from outside them: being a legal representative in the
 * enterprise register). Pure: the caller loads the facts, this decides.
 *
 * The rules, in short:
 * - principal: everything in the enterprise except designating a principal
 *   (which is for legal representatives) and revoking a principal (a
 *   principal is only ever replaced).
 * - co-principal: as the principal, except designating or revoking
 *   co-principals (only the principal names its helpers).
 * - domain access manager: the users of the enterprise, the role
 *   assignments of its domain, and the application administrators of its
 *   domain's applications.
 * - application administrator: the role assignments of its application.
 * - entity access responsible (social security): the local managers, the
 *   users of every unit, and the social-security assignments of every unit.
 * - local manager: the users of its unit and the social-security
 *   assignments in its unit, nothing else.
 * - legal representative (no mandate): designates the principal; sees the
 *   managers.
 * A mandate grants only while current: not before its first day, not after
 * its last, not once revoked; and only in its own enterprise.
 */

/** The social-security domain, where entity access responsibles and local managers act. */
export const SOCIAL_SECURITY = 'social_security';

/** The person asking, with what the policy needs to know about them. */
export interface Actor {
  personId: string;
  /** Their mandates (any enterprise, any state: the policy filters). */
  mandates: readonly Mandate[];
  /** The enterprises the register lists them as legal representative of, today. */
  representativeOf: readonly string[];
}

/** The scope of a mandate to designate or revoke. */
export interface MandateTarget {
  kind: MandateKind;
  domain?: string | null;
  application?: string | null;
  unitId?: string | null;
}

export type Action =
  | { type: 'view_managers'; enterprise: string }
  | { type: 'designate_principal'; enterprise: string }
  | { type: 'designate'; enterprise: string; mandate: MandateTarget }
  | { type: 'revoke'; enterprise: string; mandate: MandateTarget }
  /** Add, change or end the membership of a person; unitId null = the enterprise as a whole. */
  | { type: 'manage_users'; enterprise: string; unitId: string | null }
  /** Assign, change or stop a role of an application of a domain, optionally in a unit. */
  | { type: 'manage_assignments'; enterprise: string; domain: string; application: string; unitId: string | null };

export type ActionType = Action['type'];
export const ACTION_TYPES = ['view_managers', 'designate_principal', 'designate', 'revoke', 'manage_users', 'manage_assignments'] as const satisfies readonly ActionType[];

/** Why an action is allowed: the mandate that grants it, or legal representation. */
export type Grant = { by: 'legal_representative' } | { by: 'mandate'; mandate: Mandate };

/** Whether `actor` may do `action` at `at`. */
export function may(actor: Actor, action: Action, at: Date): boolean {
  return grantFor(actor, action, at) !== null;
}

/** The first grant that allows the action, or null: services record it in the audit event. */
export function grantFor(actor: Actor, action: Action, at: Date): Grant | null {
  const representative = actor.representativeOf.includes(action.enterprise);
  if (representative && (action.type === 'designate_principal' || action.type === 'view_managers')) return { by: 'legal_representative' };
  for (const mandate of actor.mandates) {
    if (mandate.personId !== actor.personId || mandate.enterpriseNumber !== action.enterprise) continue;
    if (!isCurrent(mandate, at)) continue;
    if (mandateAllows(mandate, action)) return { by: 'mandate', mandate };
  }
  return null;
}

function mandateAllows(m: Mandate, action: Action): boolean {
  switch (action.type) {
    case 'view_managers':
      return true;
    case 'designate_principal':
      return false;
    case 'designate':
    case 'revoke':
      return mayHandleMandate(m, action.mandate);
    case 'manage_users':
      return mayManageUsers(m, action.unitId);
    case 'manage_assignments':
      return mayManageAssignments(m, action);
  }
}

function mayHandleMandate(m: Mandate, target: MandateTarget): boolean {
  switch (target.kind) {
    case 'principal':
      // Designated by a legal representative only, and replaced rather than revoked.
      return false;
    case 'co_principal':
      return m.kind === 'principal';
    case 'domain_access_manager':
    case 'entity_access_responsible':
      return m.kind === 'principal' || m.kind === 'co_principal';
    case 'application_administrator':
      return m.kind === 'principal' || m.kind === 'co_principal' || (m.kind === 'domain_access_manager' && target.domain != null && m.domain === target.domain);
    case 'local_manager':
      return m.kind === 'principal' || m.kind === 'co_principal' || m.kind === 'entity_access_responsible';
  }
}

function mayManageUsers(m: Mandate, unitId: string | null): boolean {
  switch (m.kind) {
    case 'principal':
    case 'co_principal':
    case 'domain_access_manager':
    case 'entity_access_responsible':
      return true;
    case 'local_manager':
      return unitId !== null && m.unitId === unitId;
    case 'application_administrator':
      return false;
  }
}

function mayManageAssignments(m: Mandate, action: Extract<Action, { type: 'manage_assignments' }>): boolean {
  switch (m.kind) {
    case 'principal':
    case 'co_principal':
      return true;
    case 'domain_access_manager':
      return m.domain === action.domain;
    case 'application_administrator':
      return m.domain === action.domain && m.application === action.application;
    case 'entity_access_responsible':
      return action.domain === SOCIAL_SECURITY;
    case 'local_manager':
      return action.domain === SOCIAL_SECURITY && action.unitId !== null && m.unitId === action.unitId;
  }
}

/** The kinds of mandate the actor may designate in the enterprise (for any scope), for pages to offer. */
export function designatableKinds(actor: Actor, enterprise: string, at: Date, scopes: { domains: readonly string[]; unitIds?: readonly string[] }): MandateKind[] {
  const kinds: MandateKind[] = [];
  const candidates: MandateTarget[] = [
    { kind: 'co_principal' },
    ...scopes.domains.map((domain) => ({ kind: 'domain_access_manager' as const, domain })),
    { kind: 'entity_access_responsible' },
    ...(scopes.unitIds ?? []).map((unitId) => ({ kind: 'local_manager' as const, unitId })),
  ];
  for (const target of candidates) {
    if (!kinds.includes(target.kind) && may(actor, { type: 'designate', enterprise, mandate: target }, at)) kinds.push(target.kind);
  }
  return kinds;
}
