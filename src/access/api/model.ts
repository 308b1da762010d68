/*
 * The authorization check for applications: "may person P do permission X
 * of application A for enterprise E (and unit U)?", decided from the rights
 * P holds, as a pure function. The store reads those rights (one index-only
 * scan), the route authenticates the application; nothing here does I/O.
 */

/** What the catalog says about the application asked about. */
export interface ApplicationFacts {
  /** Its permission codes (the columns of the permission matrix). */
  permissions: readonly string[];
  /** Role code → the permissions it grants. */
  roles: ReadonlyMap<string, readonly string[]>;
}

/** An active right of the person for that application in that enterprise, as the store reads it. */
export interface HeldRight {
  roleCode: string;
  unitId: string | null;
  /** The unit's establishment (or capacity) number, when it has one. */
  unitNumber: string | null;
  /** YYYY-MM-DD, inclusive. */
  validFrom: string;
  /** YYYY-MM-DD, inclusive; null: unlimited. */
  validUntil: string | null;
}

export interface AuthorizationQuestion {
  permission: string;
  /** A unit id, or its establishment/capacity number; absent: the enterprise as a whole. */
  unit?: string | null;
  /** Today in the Belgian calendar, YYYY-MM-DD. */
  today: string;
}

export type DenyCode = 'application_unknown' | 'permission_unknown' | 'no_active_role' | 'permission_not_in_role' | 'unit_mismatch';

export type AuthorizationDecision =
  | { allow: true; code: 'granted'; reason: string; role: { code: string; unit: string | null; validFrom: string; validUntil: string | null } }
  | { allow: false; code: DenyCode; reason: string };

const deny = (code: DenyCode, reason: string): AuthorizationDecision => ({ allow: false, code, reason });

/** Whether a right is within its validity on `today` (the scheduled job moves statuses hourly; the dates are authoritative). */
export function validOn(right: Pick<HeldRight, 'validFrom' | 'validUntil'>, today: string): boolean {
  return right.validFrom <= today && (right.validUntil === null || right.validUntil >= today);
}

/** Whether a right covers the unit asked about: a right for the whole enterprise covers every unit; a unit's right, only that unit. */
export function coversUnit(right: Pick<HeldRight, 'unitId' | 'unitNumber'>, unit: string | null | undefined): boolean {
  if (right.unitId === null) return true;
  if (!unit) return false;
  const digits = unit.replace(/[\s.]/g, '');
  return right.unitId === unit || (right.unitNumber !== null && right.unitNumber === digits);
}

/**
 * The answer, with the reason an application can log. Checked in this
 * order, so that the reason names the first thing missing: the
 * application, the permission, an active right, a right whose role grants
 * the permission, a right for that unit. When several rights allow, the
 * first in the given order answers (the store orders them by role code).
 */
export function decideAuthorization(application: ApplicationFacts | undefined, rights: readonly HeldRight[], q: AuthorizationQuestion): AuthorizationDecision {
  if (!application) return deny('application_unknown', 'application unknown');
  if (!application.permissions.includes(q.permission)) return deny('permission_unknown', `permission ${q.permission} unknown to the application`);
  const current = rights.filter((r) => validOn(r, q.today) && application.roles.has(r.roleCode));
  if (current.length === 0) return deny('no_active_role', 'no active role');
  const granting = current.filter((r) => application.roles.get(r.roleCode)!.includes(q.permission));
  if (granting.length === 0) return deny('permission_not_in_role', `permission ${q.permission} not in role ${[...new Set(current.map((r) => r.roleCode))].join(', ')}`);
  const right = granting.find((r) => coversUnit(r, q.unit));
  if (!right) return deny('unit_mismatch', q.unit ? `unit mismatch: no role for unit ${q.unit}` : 'unit mismatch: the role is scoped to a unit');
  return {
    allow: true,
    code: 'granted',
    reason: `granted by role ${right.roleCode}`,
    role: { code: right.roleCode, unit: right.unitNumber ?? right.unitId, validFrom: right.validFrom, validUntil: right.validUntil },
  };
}
