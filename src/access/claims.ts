import { atLeast, type Loa } from '../authn/loa';
import type { AppContext } from '../platform/context';
import { catalogOf } from './catalog/service';
import { activeAssignmentsOf } from './store';

/**
 * One active right as relying applications receive it (OpenID `roles`
 * claim, SAML `roles` attribute): for which enterprise (and unit), which
 * role of which application, its validity and the permissions it grants.
 */
export interface RoleClaim {
  /** Enterprise number, 10 digits. */
  enterprise: string;
  application: string;
  role: string;
  unit: { kind: string; number: string | null; name: string } | null;
  valid_from: string;
  valid_until: string | null;
  permissions: string[];
}

/**
 * The person's active rights for the application(s) a relying client stands
 * for (OpenID client id or SAML entity id). With `loa`, rights whose role
 * needs a higher level than the session's are left out; with `enterprise`,
 * only that enterprise's (the one the person acts for).
 */
export async function activeRolesForClient(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  personId: string,
  clientId: string,
  options: { loa?: Loa; enterprise?: string } = {},
): Promise<RoleClaim[]> {
  const catalog = await catalogOf(ctx);
  const applications = catalog.applicationsOfClient(clientId).map((a) => a.id);
  const rows = await activeAssignmentsOf(ctx.db, personId, applications);
  const claims: RoleClaim[] = [];
  for (const r of rows) {
    const role = catalog.role(r.application_id, r.role_code);
    if (!role) continue;
    if (options.loa && !atLeast(options.loa, role.minLoa)) continue;
    if (options.enterprise && r.enterprise_number !== options.enterprise) continue;
    claims.push({
      enterprise: r.enterprise_number,
      application: r.application_id,
      role: r.role_code,
      unit: r.unit_kind ? { kind: r.unit_kind, number: r.unit_number, name: r.unit_name ?? '' } : null,
      valid_from: r.valid_from,
      valid_until: r.valid_until,
      permissions: role.permissions,
    });
  }
  return claims;
}

/** Flemish-style values of a rights claim, `Role:OrgKey` (the establishment number for a right scoped to an establishment). */
export function flemishRights(claims: readonly RoleClaim[]): string[] {
  return claims.map((c) => `${c.role}:${c.unit?.kind === 'establishment' && c.unit.number ? c.unit.number : c.enterprise}`);
}
