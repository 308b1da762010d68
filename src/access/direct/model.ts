import { z } from 'zod';
import { choiceField, dateField, emailField, listField, textField, type FormBody, formValues } from '../../platform/views/form-data';
import { parseRoleKey } from '../invitations/model';

/*
 * The direct assignment wizard ("attribuer directement un nouveau rôle",
 * seed 001) as schemas: (1) the enterprise, (2) its roles and the unit of
 * each role that needs one, (3) the persons with a contact address each,
 * (4) the validity; the overview is the fifth step. Messages are message
 * keys. What needs the catalog and the actor's rights is checked by the
 * route on every step (draft.ts) and again by the service at the end.
 */

export const MAX_PERSONS = 50;
export const STEP_IDS = ['enterprise', 'roles', 'persons', 'properties'] as const;
export type DirectStepId = (typeof STEP_IDS)[number];

/** A chosen person: the national register number is the key; the names are shown, and read again from the register at the end. */
const personSchema = z.object({
  nrn: z.string().regex(/^\d{11}$/, 'errors.field.invalid'),
  familyName: textField({ max: 100 }),
  givenName: textField({ max: 100 }),
  email: emailField({ required: 'access.direct.errors.email_required' }),
});
export type ChosenPerson = z.output<typeof personSchema>;
export type PostedPerson = Record<keyof ChosenPerson, string>;

const asText = (v: unknown) => (typeof v === 'string' ? v : '');

/** The chosen persons as posted: the step's own output, or the table's repeated fields (`person_nrn`, `person_email`…). */
export function postedPersons(body: FormBody): PostedPerson[] {
  if (Array.isArray(body.persons)) {
    return body.persons
      .filter((p): p is Record<string, unknown> => p !== null && typeof p === 'object' && !Array.isArray(p))
      .map((p) => ({ nrn: asText(p.nrn), familyName: asText(p.familyName), givenName: asText(p.givenName), email: asText(p.email) }));
  }
  const nrns = formValues(body, 'person_nrn');
  const family = formValues(body, 'person_familyName');
  const given = formValues(body, 'person_givenName');
  const emails = formValues(body, 'person_email');
  return nrns.slice(0, MAX_PERSONS + 1).map((nrn, i) => ({ nrn, familyName: family[i] ?? '', givenName: given[i] ?? '', email: emails[i] ?? '' }));
}

/** The four steps, for a wizard started on `today`. */
export function directSteps(today: string) {
  return {
    enterprise: z.object({
      enterprise: textField({ required: 'access.direct.errors.enterprise_required', max: 10 }).refine((v) => /^\d{10}$/.test(v), 'access.direct.errors.enterprise_required'),
    }),
    roles: z.object({
      roles: listField({ max: 100 })
        .refine((v) => v.length > 0, 'access.direct.errors.roles_required')
        .refine((v) => v.every((key) => parseRoleKey(key) !== null), 'errors.field.invalid'),
      /** `<role key>|<unit id>` for each chosen role that needs a unit. */
      units: listField({ max: 100 }),
    }),
    persons: z.preprocess(
      (body) => ({ persons: postedPersons((body ?? {}) as FormBody) }),
      z.object({
        persons: z
          .array(personSchema)
          .min(1, 'access.direct.errors.persons_required')
          .max(MAX_PERSONS, 'access.direct.errors.too_many_persons')
          .refine((ps) => new Set(ps.map((p) => p.nrn)).size === ps.length, 'access.direct.errors.person_twice'),
      }),
    ),
    properties: z
      .object({ validFrom: dateField({ required: true }), validUntil: dateField(), unlimited: choiceField(['yes'] as const), reason: textField({ max: 500 }) })
      .transform((v) => (v.unlimited === 'yes' ? { ...v, validUntil: '' } : v))
      .superRefine((v, ctx) => {
        if (v.validFrom && v.validFrom < today) ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'access.errors.start_in_past', input: v.validFrom });
        if (v.unlimited !== 'yes' && v.validUntil === '') ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'access.direct.errors.until_or_unlimited', input: v.validUntil });
        if (v.validUntil && v.validFrom && v.validUntil < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'access.errors.end_before_start', input: v.validUntil });
      }),
  };
}

export type DirectSteps = ReturnType<typeof directSteps>;

/** The step whose form holds a field, so an error found at the end leads back to it. */
export function stepOfField(field: string | undefined): DirectStepId {
  if (field === 'enterprise') return 'enterprise';
  if (field === 'role' || field === 'roles' || field === 'unit' || field === 'units') return 'roles';
  if (field === 'validFrom' || field === 'validUntil') return 'properties';
  return 'persons';
}

/** What a person-search asks: at least one of family name, first name, e-mail. */
export interface MemberSearch {
  familyName: string;
  givenName: string;
  email: string;
}

export const searchForm = z.object({
  search_familyName: textField({ max: 100 }),
  search_givenName: textField({ max: 100 }),
  search_email: textField({ max: 254 }),
});

/** The social-security journey ("Ajout d'application(s) à un groupe d'utilisateurs"): users, roles of the capacity, validity. */
export function capacityForm(today: string) {
  return z
    .object({
      p: listField({ max: 500 }).refine((v) => v.length > 0, 'access.direct.capacity.errors.users_required'),
      role: listField({ max: 50 }).refine((v) => v.length > 0, 'access.direct.capacity.errors.roles_required'),
      validFrom: dateField({ required: true }),
      validUntil: dateField(),
    })
    .superRefine((v, ctx) => {
      if (v.validFrom && v.validFrom < today) ctx.addIssue({ code: 'custom', path: ['validFrom'], message: 'access.errors.start_in_past', input: v.validFrom });
      if (v.validUntil && v.validFrom && v.validUntil < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'access.errors.end_before_start', input: v.validUntil });
    });
}
export type CapacityForm = z.output<ReturnType<typeof capacityForm>>;

/** An application role of a capacity's page: `<application>/<role code>`. */
export function capacityRoleKey(applicationId: string, roleCode: string): string {
  return `${applicationId}/${roleCode}`;
}

/** "Désigner un administrateur": the application, the person, where to reach them, and for how long. */
export const administratorForm = z
  .object({
    application: textField({ required: 'access.direct.admins.errors.application_required', max: 100 }),
    nrn: textField({ required: true, max: 20 }),
    email: emailField({ required: true }),
    validFrom: dateField({ required: true }),
    validUntil: dateField(),
  })
  .superRefine((v, ctx) => {
    if (v.validUntil && v.validFrom && v.validUntil < v.validFrom) ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'access.errors.end_before_start', input: v.validUntil });
  });
export type AdministratorForm = z.output<typeof administratorForm>;
