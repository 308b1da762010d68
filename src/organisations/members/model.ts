import { z } from 'zod';
import { dateField, emailField, textField, choiceField } from '../../platform/views/form-data';
import { dayOf } from '../../registries/model';
import { nrnField } from '../forms';
import { normalisePhone } from '../model';

/** The kinds of working relationship, as the guides list them ("salarié", "intérimaire", "externe"…). */
export const CATEGORIES = ['permanent_employee', 'temporary', 'external', 'intern', 'volunteer', 'other'] as const;
export type MembershipCategory = (typeof CATEGORIES)[number];

/** Where a membership stands on a day: ended once ended_at is set or its last day has passed. */
export type MembershipStatus = 'active' | 'scheduled' | 'ended';

export function membershipStatus(m: { startDate: string; endDate: string | null; endedAt: Date | null }, at: Date): MembershipStatus {
  const today = dayOf(at);
  if (m.endedAt || (m.endDate !== null && m.endDate < today)) return 'ended';
  return m.startDate > today ? 'scheduled' : 'active';
}

/**
 * The local-manager mandates held through memberships: once a membership
 * ends, a local manager's mandate for a unit lapses unless the person still
 * has an open membership in that unit or in the enterprise as a whole.
 * Other mandates are held in their own right (principal, co-principal,
 * access managers may be externals without a membership).
 */
export function mandatesLapsing<M extends { kind: string; unitId: string | null }>(mandates: readonly M[], openMembershipUnits: readonly (string | null)[]): M[] {
  if (openMembershipUnits.includes(null)) return [];
  return mandates.filter((m) => m.kind === 'local_manager' && m.unitId !== null && !openMembershipUnits.includes(m.unitId));
}

/** The CSV writer moved to the platform (one writer for every export); re-exported for this module's callers. */
export { csvCell, csvLine } from '../../platform/csv/csv';

const optionalPhone = textField({ max: 40 }).transform((value, ctx) => {
  if (value === '') return null;
  const phone = normalisePhone(value);
  if (phone) return phone;
  ctx.addIssue({ code: 'custom', message: 'organisations.errors.phone', input: value });
  return z.NEVER;
});

/** Step one of "add a person": the national register number. */
export const lookupForm = z.object({ nrn: nrnField });

/** Step two: the working relationship. `unit` is '' for the enterprise as a whole. */
export const membershipForm = z
  .object({
    nrn: nrnField,
    unit: textField({ max: 36 }),
    category: choiceField(CATEGORIES, { required: 'members.errors.category' }),
    workEmail: emailField({ required: true }),
    workPhone: optionalPhone,
    startDate: dateField({ required: true }),
    endDate: dateField(),
    reason: textField({ required: true, max: 500 }),
  })
  .superRefine((value, ctx) => {
    if (value.endDate && value.startDate && value.endDate < value.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'organisations.errors.until_before_from', input: value.endDate });
    }
  });
export type MembershipForm = z.output<typeof membershipForm>;

export const endForm = z.object({ reason: textField({ required: true, max: 500 }) });

export const unitForm = z.object({
  kind: choiceField(['capacity', 'sub_entity'] as const, { required: 'members.errors.unit_kind' }),
  name: textField({ required: true, max: 120 }),
  number: textField({ max: 20 }).refine((v) => v === '' || /^[0-9A-Za-z.-]{1,20}$/.test(v), 'members.errors.unit_number'),
});

/** The list's filters, from the query string; anything unknown is ignored. */
export const listFilters = z.object({
  type: z.enum(['manager', 'user']).optional().catch(undefined),
  status: z.enum(['active', 'ended']).optional().catch(undefined),
  unit: z.string().regex(/^([0-9a-f-]{36}|none)$/i).optional().catch(undefined),
  /** Persons with a live role assignment of this application (an id of the catalog). */
  application: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/).optional().catch(undefined),
});
export type ListFilters = z.output<typeof listFilters>;
