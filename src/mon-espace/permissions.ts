/*
 * What a person may do with the dossiers of the enterprise they act for,
 * from the roles Sésame put in their ID token (claim `roles`, each with the
 * permissions of the role). Mon Espace enforces the guide's matrix of
 * "Espace Personnel Wallon" without knowing it: the platform's catalog owns
 * it, the token carries it.
 */

export const APPLICATION = 'espace-personnel-wallon';

export const ACTIONS = ['read', 'create', 'modify', 'delete', 'sign', 'submit', 'manage_space'] as const;
export type Action = (typeof ACTIONS)[number];

/** A right as the platform's `roles` claim carries it (only what Mon Espace reads). */
export interface RoleClaim {
  enterprise: string;
  application: string;
  role: string;
  permissions: string[];
}

/** The enterprise the person acts for: the token's choice, else the only enterprise of their roles, else none. */
export function actingEnterprise(claims: { enterprise?: unknown; roles?: unknown }): string | null {
  if (typeof claims.enterprise === 'string') return claims.enterprise;
  const enterprises = new Set(rolesOf(claims).map((r) => r.enterprise));
  return enterprises.size === 1 ? [...enterprises][0]! : null;
}

/** The `roles` claim, keeping only well-formed entries of this application. */
export function rolesOf(claims: { roles?: unknown }): RoleClaim[] {
  if (!Array.isArray(claims.roles)) return [];
  return claims.roles.filter(
    (r): r is RoleClaim =>
      typeof r === 'object' && r !== null && r.application === APPLICATION && typeof r.enterprise === 'string' && typeof r.role === 'string' && Array.isArray(r.permissions),
  );
}

/** The permissions the person holds for `enterprise`: the union of their roles there. */
export function permissionsFor(claims: { roles?: unknown }, enterprise: string | null): Set<Action> {
  const granted = new Set<Action>();
  if (!enterprise) return granted;
  for (const r of rolesOf(claims)) {
    if (r.enterprise !== enterprise) continue;
    for (const p of r.permissions) if ((ACTIONS as readonly string[]).includes(p)) granted.add(p as Action);
  }
  return granted;
}
