import type { MessageKey } from '../../platform/i18n/catalog';
import type { Lang } from '../../platform/i18n/languages';
import type { WizardData } from '../../platform/views/wizard-state';
import { latestExpiry, parseRoleKey, unitsByRole, type InvitationStepId, type InvitationSteps, type TemplateContent } from './model';
import type { NewInvitation, OfferedRole, ScopeEnterprise } from './service';

/*
 * The wizard's data against what the actor may offer: the checks that need
 * the catalog and the actor's rights, made on every step so a problem shows
 * on the step that causes it. The service checks everything again when the
 * invitation is created; this only makes the wizard helpful.
 */

export type Draft = Partial<WizardData<InvitationSteps>>;

export interface DraftProblem {
  step: InvitationStepId;
  field: string;
  key: MessageKey;
  params?: Record<string, string>;
}

/** The offered roles by key, of the enterprises in scope. */
export function offeredByKey(scope: readonly ScopeEnterprise[]): Map<string, OfferedRole> {
  return new Map(scope.flatMap((e) => e.roles.map((r) => [r.key, r] as const)));
}

/** Drops the roles of enterprises no longer chosen (the person went back and changed step 1). */
export function pruneDraft(draft: Draft): Draft {
  if (!draft.enterprises || !draft.roles) return draft;
  const chosen = new Set(draft.enterprises.enterprises);
  return { ...draft, roles: { roles: draft.roles.roles.filter((key) => chosen.has(parseRoleKey(key)?.enterpriseNumber ?? '')) } };
}

/** The first problem of the steps done so far, in step order; null when they fit. */
export function checkDraft(scope: readonly ScopeEnterprise[], draft: Draft, lang: Lang): DraftProblem | null {
  const byNumber = new Map(scope.map((e) => [e.number, e]));
  const offered = offeredByKey(scope);
  if (draft.enterprises && draft.enterprises.enterprises.some((n) => !byNumber.has(n))) {
    return { step: 'enterprises', field: 'enterprises', key: 'access.errors.forbidden' };
  }
  if (draft.roles) {
    if (draft.roles.roles.some((key) => !offered.has(key))) return { step: 'roles', field: 'roles', key: 'access.errors.forbidden' };
    for (const number of draft.enterprises?.enterprises ?? []) {
      if (!draft.roles.roles.some((key) => key.startsWith(`${number}/`))) {
        return { step: 'roles', field: `roles-${number}`, key: 'access.invitations.errors.roles_for_enterprise', params: { enterprise: byNumber.get(number)?.name ?? number } };
      }
    }
  }
  if (draft.properties && draft.roles) {
    const units = unitsByRole(draft.properties.units);
    for (const key of draft.roles.roles) {
      const role = offered.get(key);
      if (!role) continue;
      if (role.role.unitKind !== null && !role.units.some((u) => u.id === units.get(key))) {
        return { step: 'properties', field: 'units', key: 'access.invitations.errors.unit_required', params: { role: role.role.names[lang] } };
      }
      if (role.role.endDateRequired && draft.properties.validUntil === '') {
        return { step: 'properties', field: 'validUntil', key: 'access.invitations.errors.end_required', params: { role: role.role.names[lang] } };
      }
    }
  }
  return null;
}

/** The service's input from a complete draft. */
export function invitationInput(draft: WizardData<InvitationSteps>): NewInvitation {
  const units = unitsByRole(draft.properties.units);
  return {
    roles: draft.roles.roles.flatMap((key) => {
      const parsed = parseRoleKey(key);
      return parsed ? [{ ...parsed, unitId: units.get(key) ?? null }] : [];
    }),
    validFrom: draft.properties.validFrom,
    validUntil: draft.properties.validUntil || null,
    persons: draft.persons.persons,
    message: draft.details.message,
    expiresOn: draft.details.expiresOn,
    template: draft.details.saveTemplate === 'yes' ? { name: draft.details.templateName, description: draft.details.templateDescription } : null,
  };
}

/**
 * A new wizard filled from a template: enterprises, roles, units, the end
 * of validity (unless already past) and the message; it starts today and
 * expires in a year unless the person changes it. Persons are never kept.
 */
export function draftFromTemplate(content: TemplateContent, today: string): Draft {
  const validUntil = content.validUntil !== null && content.validUntil >= today ? content.validUntil : '';
  const complete = content.unlimited || validUntil !== '';
  return {
    enterprises: { enterprises: content.enterprises },
    roles: { roles: content.roles },
    ...(complete ? { properties: { validFrom: today, validUntil, unlimited: content.unlimited ? ('yes' as const) : ('' as const), units: content.units } } : {}),
    details: { message: content.message, expiresOn: latestExpiry(today), saveTemplate: '' as const, templateName: '', templateDescription: '' },
  };
}
