import type { MessageKey } from '../../platform/i18n/catalog';
import type { Lang } from '../../platform/i18n/languages';
import type { WizardData } from '../../platform/views/wizard-state';
import { unitsByRole } from '../invitations/model';
import type { OfferedRole, ScopeEnterprise } from '../invitations/service';
import type { DirectAssignment } from './service';
import type { DirectStepId, DirectSteps } from './model';

/*
 * The wizard's data against what the actor may grant: checked on every
 * step so that a problem shows on the step that causes it (a role of a
 * domain the actor does not manage, a unit of another enterprise, a role
 * that needs an end date). The service checks everything again at the end.
 */

export type Draft = Partial<WizardData<DirectSteps>>;

export interface DraftProblem {
  step: DirectStepId;
  field: string;
  key: MessageKey;
  params?: Record<string, string>;
  /** 403 when the data asks for what the actor may not do; 400 otherwise. */
  status: 400 | 403;
}

/** The chosen roles that the enterprise offers, each with the unit chosen for it (undefined: none yet). */
export function chosenRoles(enterprise: ScopeEnterprise, draft: Draft): Array<{ offered: OfferedRole; unitId: string | undefined }> {
  const offered = new Map(enterprise.roles.map((r) => [r.key, r]));
  const units = unitsByRole(draft.roles?.units ?? []);
  return (draft.roles?.roles ?? []).flatMap((key) => (offered.has(key) ? [{ offered: offered.get(key)!, unitId: units.get(key) }] : []));
}

/** Drops the roles of another enterprise (the person went back and changed step 1). */
export function pruneDraft(draft: Draft): Draft {
  if (!draft.enterprise || !draft.roles) return draft;
  const prefix = `${draft.enterprise.enterprise}/`;
  const roles = draft.roles.roles.filter((key) => key.startsWith(prefix));
  if (roles.length === draft.roles.roles.length) return draft;
  const { roles: _dropped, ...rest } = draft;
  return roles.length > 0 ? { ...rest, roles: { roles, units: draft.roles.units.filter((u) => u.startsWith(prefix)) } } : rest;
}

/** The first problem of the steps done so far, in step order; null when they fit. */
export function checkDraft(scope: readonly ScopeEnterprise[], draft: Draft, lang: Lang): DraftProblem | null {
  if (!draft.enterprise) return null;
  const enterprise = scope.find((e) => e.number === draft.enterprise!.enterprise);
  if (!enterprise) return { step: 'enterprise', field: 'enterprise', key: 'access.errors.forbidden', status: 403 };
  if (!draft.roles) return null;
  const offered = new Map(enterprise.roles.map((r) => [r.key, r]));
  if (draft.roles.roles.some((key) => !offered.has(key))) return { step: 'roles', field: 'roles', key: 'access.direct.errors.role_forbidden', status: 403 };
  for (const { offered: role, unitId } of chosenRoles(enterprise, draft)) {
    if (role.role.unitKind === null) continue;
    if (unitId === undefined) return { step: 'roles', field: `units-${role.key}`, key: 'access.direct.errors.unit_required', params: { role: role.role.names[lang] }, status: 400 };
    if (!role.units.some((u) => u.id === unitId)) return { step: 'roles', field: `units-${role.key}`, key: 'access.direct.errors.unit_forbidden', params: { role: role.role.names[lang] }, status: 403 };
  }
  if (draft.properties) {
    const needEnd = chosenRoles(enterprise, draft).find((c) => c.offered.role.endDateRequired);
    if (needEnd && draft.properties.validUntil === '') {
      return { step: 'properties', field: 'validUntil', key: 'access.direct.errors.end_required', params: { role: needEnd.offered.role.names[lang] }, status: 400 };
    }
  }
  return null;
}

/** The service's input from a complete draft. */
export function assignmentInput(draft: WizardData<DirectSteps>): DirectAssignment {
  return {
    enterprise: draft.enterprise.enterprise,
    roles: draft.roles.roles,
    units: draft.roles.units,
    persons: draft.persons.persons,
    validFrom: draft.properties.validFrom,
    validUntil: draft.properties.validUntil || null,
    reason: draft.properties.reason,
  };
}
