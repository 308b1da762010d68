import { z } from 'zod';
import { choiceField, dateField, emailField, textField } from '../platform/views/form-data';
import { checkEnterpriseNumber, checkNrn } from '../registries/identifiers';
import { phoneField } from './model';

/*
 * The forms of the module, as schemas whose messages are message keys.
 * Each accepts its own output again (the registration wizard carries parsed
 * steps in a hidden field).
 */

function firstTrimmed(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
}

/** An enterprise number as typed, to its 10 digits. */
export const enterpriseNumberField = z.preprocess(
  firstTrimmed,
  z.string().transform((value, ctx) => {
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: 'errors.field.required', input: value });
      return z.NEVER;
    }
    const checked = checkEnterpriseNumber(value);
    if (checked.ok) return checked.value;
    ctx.addIssue({ code: 'custom', message: checked.error, input: value });
    return z.NEVER;
  }),
);

/** A national register number as typed, to its 11 digits. */
export const nrnField = z.preprocess(
  firstTrimmed,
  z.string().transform((value, ctx) => {
    if (value === '') {
      ctx.addIssue({ code: 'custom', message: 'errors.field.required', input: value });
      return z.NEVER;
    }
    const checked = checkNrn(value);
    if (checked.ok) return checked.value.nrn;
    ctx.addIssue({ code: 'custom', message: checked.error, input: value });
    return z.NEVER;
  }),
);

/** The registration wizard: the enterprise, then its principal access manager; the overview confirms. */
export const registrationSteps = {
  enterprise: z.object({ enterpriseNumber: enterpriseNumberField }),
  principal: z
    .object({
      who: choiceField(['self', 'other'] as const, { required: 'organisations.errors.who' }),
      nrn: textField({ max: 20 }),
      email: emailField({ required: true }),
      phone: phoneField(),
      // The principal's mandate id shown to the legal representative ('' = none): a designation decided on an outdated view fails.
      expected: textField({ max: 36 }),
    })
    .transform((value, ctx) => {
      if (value.who !== 'other') return { ...value, nrn: '' };
      const parsed = nrnField.safeParse(value.nrn);
      if (parsed.success) return { ...value, nrn: parsed.data };
      ctx.addIssue({ code: 'custom', path: ['nrn'], message: parsed.error.issues[0]?.message ?? 'errors.field.invalid', input: value.nrn });
      return z.NEVER;
    }),
};

/** The kinds of mandate the managers page designates (the principal has its own wizard). */
export const DESIGNATED_KINDS = ['co_principal', 'domain_access_manager', 'entity_access_responsible', 'local_manager'] as const;
export type DesignatedKind = (typeof DESIGNATED_KINDS)[number];

/**
 * Designating a co-principal, an access manager of a domain, the entity
 * access responsible or a local manager of a unit; `domainIds`: the
 * catalog's current domains.
 */
export const designationForm = (domainIds: readonly string[]) =>
  z
    .object({
      kind: choiceField(DESIGNATED_KINDS, { required: 'organisations.errors.kind' }),
      domain: textField({ max: 40 }),
      unitId: textField({ max: 40 }),
      nrn: nrnField,
      email: emailField({ required: true }),
      validFrom: dateField({ required: true }),
      validUntil: dateField(),
    })
    .superRefine((value, ctx) => {
      if (value.kind === 'domain_access_manager' && !domainIds.includes(value.domain)) {
        ctx.addIssue({ code: 'custom', path: ['domain'], message: 'organisations.errors.domain', input: value.domain });
      }
      if (value.kind === 'local_manager' && value.unitId === '') {
        ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'organisations.errors.unit', input: value.unitId });
      }
      if (value.validUntil && value.validFrom && value.validUntil < value.validFrom) {
        ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'organisations.errors.until_before_from', input: value.validUntil });
      }
    });

export type DesignationForm = z.output<ReturnType<typeof designationForm>>;
