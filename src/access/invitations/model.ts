import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { choiceField, dateField, emailField, listField, textField, type FormBody, formValue, formValues } from '../../platform/views/form-data';
import { MAX_INVITATION_DAYS } from '../model';

/*
 * Invitations: the pure rules. The public link's secret and its hash, the
 * six steps of the wizard as schemas (messages are message keys), the
 * content of a saved template, and the state an invitation shows.
 */

// ——— the link ———

/** 32 random bytes, base64url: 43 characters, 256 bits nobody guesses. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A new secret for a public link. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a secret: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Lookups of a link allowed per client address and minute (the space of links cannot be walked anyway). */
export const LINK_LOOKUPS_PER_MINUTE = 30;

// ——— dates ———

/** The day `days` after a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The last day an invitation may be open until, created on `today`. */
export function latestExpiry(today: string): string {
  return addDays(today, MAX_INVITATION_DAYS);
}

const belgianDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Brussels', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The first instant of a Belgian day (Brussels is one or two hours ahead of UTC). */
export function startOfBelgianDay(day: string): Date {
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  for (const hours of [1, 2, 0]) {
    const at = new Date(midnightUtc - hours * 3_600_000);
    if (belgianDay.format(at) === day && belgianDay.format(new Date(at.getTime() - 1)) !== day) return at;
  }
  return new Date(midnightUtc);
}

/** An invitation open "until 04/08/2017" closes when the next Belgian day starts. */
export function expiryInstant(lastDay: string): Date {
  return startOfBelgianDay(addDays(lastDay, 1));
}

/** The last Belgian day an invitation is open, from its closing instant. */
export function lastDayOf(expiresAt: Date): string {
  return belgianDay.format(new Date(expiresAt.getTime() - 1));
}

// ——— what an invitation offers ———

/** A role offered in an enterprise: `<enterprise>/<application>/<role code>`, the value the two-list posts. */
export type RoleKey = string;
const ROLE_KEY = /^(\d{10})\/([a-z0-9][a-z0-9_.-]{0,99})\/([a-z0-9][a-z0-9_.-]{0,99})$/;

export function roleKey(r: { enterpriseNumber: string; applicationId: string; roleCode: string }): RoleKey {
  return `${r.enterpriseNumber}/${r.applicationId}/${r.roleCode}`;
}

export function parseRoleKey(key: string): { enterpriseNumber: string; applicationId: string; roleCode: string } | null {
  const m = ROLE_KEY.exec(key);
  return m ? { enterpriseNumber: m[1]!, applicationId: m[2]!, roleCode: m[3]! } : null;
}

/** The unit chosen for a role that needs one: `<role key>|<unit id>`. */
export function unitChoice(key: RoleKey, unitId: string): string {
  return `${key}|${unitId}`;
}

/** Role key → unit id, from the posted choices (the last choice of a role wins). */
export function unitsByRole(choices: readonly string[]): Map<RoleKey, string> {
  const map = new Map<RoleKey, string>();
  for (const choice of choices) {
    const [key, unitId] = choice.split('|');
    if (key && unitId) map.set(key, unitId);
  }
  return map;
}

/** An invitation's state as pages show it: an open one whose expiry passed is expired, even before the scheduled job marks it. */
export type InvitationState = 'open' | 'withdrawn' | 'expired';

export function invitationState(i: { status: InvitationState; expiresAt: Date }, now: Date): InvitationState {
  return i.status === 'open' && i.expiresAt.getTime() <= now.getTime() ? 'expired' : i.status;
}

/**
 * The validity an accepted role gets: the invitation's, starting no earlier
 * than today (a link accepted late starts the day it is accepted); null when
 * the invitation's period is already over.
 */
export function acceptedValidity(i: { validFrom: string; validUntil: string | null }, today: string): { validFrom: string; validUntil: string | null } | null {
  if (i.validUntil !== null && i.validUntil < today) return null;
  return { validFrom: i.validFrom < today ? today : i.validFrom, validUntil: i.validUntil };
}

// ——— the wizard ———

export const MAX_PERSONS = 50;
export const MAX_MESSAGE = 2000;

const personSchema = z.object({
  familyName: textField({ required: 'access.invitations.errors.person_incomplete', max: 100 }),
  givenName: textField({ required: 'access.invitations.errors.person_incomplete', max: 100 }),
  email: emailField({ required: 'access.invitations.errors.person_incomplete' }),
});
export type InvitedPerson = z.output<typeof personSchema>;

/** The rows of the persons step as posted: the listed rows, then the new row when anything is typed in it. */
export function postedPersons(body: FormBody): Array<Record<'familyName' | 'givenName' | 'email', string>> {
  if (Array.isArray(body.persons)) return body.persons as Array<Record<'familyName' | 'givenName' | 'email', string>>;
  const family = formValues(body, 'familyName');
  const given = formValues(body, 'givenName');
  const emails = formValues(body, 'email');
  const rows = family.map((familyName, i) => ({ familyName, givenName: given[i] ?? '', email: emails[i] ?? '' }));
  const fresh = { familyName: formValue(body, 'new_familyName'), givenName: formValue(body, 'new_givenName'), email: formValue(body, 'new_email') };
  return [...rows, fresh].filter((row) => `${row.familyName}${row.givenName}${row.email}`.trim() !== '');
}

/** The chosen role keys, from the step's own output or from the two-lists (one per enterprise, named `roles-<number>`). */
export function postedRoles(body: FormBody): string[] {
  if (Array.isArray(body.roles)) return body.roles.filter((v): v is string => typeof v === 'string');
  return Object.keys(body)
    .filter((name) => /^roles-\d{10}$/.test(name))
    .flatMap((name) => formValues(body, name));
}

const yes = choiceField(['yes'] as const);

/**
 * The six steps (the overview is the sixth), for a wizard started on `today`.
 * What needs the catalog and the actor's rights (which enterprises and roles,
 * units, roles that need an end) is checked by the service, every time.
 */
export function invitationSteps(today: string) {
  return {
    enterprises: z.object({ enterprises: listField({ max: 50 }).refine((v) => v.length > 0, 'access.invitations.errors.enterprises_required') }),
    roles: z.preprocess(
      (body) => ({ roles: postedRoles(body as FormBody) }),
      z.object({
        roles: z
          .array(z.string().refine((v) => parseRoleKey(v) !== null, 'errors.field.invalid'))
          .min(1, 'access.invitations.errors.roles_required')
          .max(200, 'errors.field.invalid'),
      }),
    ),
    properties: z
      .object({ validFrom: dateField({ required: true }), validUntil: dateField(), unlimited: yes, units: listField({ max: 200 }) })
      .transform((v) => (v.unlimited === 'yes' ? { ...v, validUntil: '' } : v))
      .superRefine((v, ctx) => {
        if (v.validFrom && v.validFrom < today) ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'access.errors.start_in_past', input: v.validFrom });
        if (v.unlimited !== 'yes' && v.validUntil === '') ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'access.invitations.errors.until_or_unlimited', input: v.validUntil });
        if (v.validUntil && v.validFrom && v.validUntil < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'access.errors.end_before_start', input: v.validUntil });
      }),
    persons: z.preprocess(
      (body) => ({ persons: postedPersons(body as FormBody) }),
      z.object({ persons: z.array(personSchema).max(MAX_PERSONS, 'access.invitations.errors.too_many_persons') }),
    ),
    details: z
      .object({
        message: textField({ max: MAX_MESSAGE }),
        expiresOn: dateField({ required: true }),
        saveTemplate: yes,
        templateName: textField({ max: 100 }),
        templateDescription: textField({ max: 500 }),
      })
      .superRefine((v, ctx) => {
        const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message, input: '' });
        if (v.expiresOn && v.expiresOn < today) issue('expiresOn', 'access.invitations.errors.expiry_past');
        if (v.expiresOn && v.expiresOn > latestExpiry(today)) issue('expiresOn', 'access.invitations.errors.expiry_too_far');
        if (v.saveTemplate === 'yes' && !v.templateName) issue('templateName', 'access.invitations.errors.template_name_required');
        if (v.saveTemplate === 'yes' && !v.templateDescription) issue('templateDescription', 'access.invitations.errors.template_description_required');
      }),
  };
}

export type InvitationSteps = ReturnType<typeof invitationSteps>;
export type InvitationStepId = keyof InvitationSteps;
export const STEP_IDS = ['enterprises', 'roles', 'properties', 'persons', 'details'] as const satisfies readonly InvitationStepId[];

/** The step whose form holds a field, so an error found at the end leads back to it. */
export function stepOfField(field: string | undefined): InvitationStepId {
  if (!field) return 'details';
  if (field === 'enterprises' || field === 'enterprise') return 'enterprises';
  if (field === 'roles' || field === 'role' || field.startsWith('roles-')) return 'roles';
  if (['validFrom', 'validUntil', 'units', 'unit'].includes(field)) return 'properties';
  if (field === 'persons') return 'persons';
  return 'details';
}

// ——— templates ———

/** What a template keeps: the wizard's content without persons and dates that would be stale. */
export const templateContent = z.object({
  version: z.literal(1),
  enterprises: z.array(z.string().regex(/^\d{10}$/)).max(50),
  roles: z.array(z.string().refine((v) => parseRoleKey(v) !== null)).max(200),
  units: z.array(z.string().max(200)).max(200),
  unlimited: z.boolean(),
  /** Kept when bounded; a date already past is dropped when the template is used. */
  validUntil: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  message: z.string().max(MAX_MESSAGE),
});
export type TemplateContent = z.output<typeof templateContent>;
