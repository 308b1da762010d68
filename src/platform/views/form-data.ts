import { z } from 'zod';
import type { InputError } from '../errors';
import { catalogs, type MessageKey } from '../i18n/catalog';
import type { Params, Translate } from '../i18n/translate';

/**
 * Bad input of one form: field name → translated message, in the order the
 * fields appear. A message not tied to a field goes under {@link FORM_LEVEL}.
 * Pages fill it with {@link formErrorsFromZod} or {@link formErrorsFromInputError}
 * and hand it to `<Form errors>`.
 */
export type FormErrors = Record<string, string>;

/** The key of an error that concerns the whole form rather than one field. */
export const FORM_LEVEL = '_form';

/** A submitted form body: what @fastify/formbody parsed, or nothing usable. */
export type FormBody = Record<string, unknown>;

/** The body of a request as a form, whatever was posted (JSON arrays, nothing at all…). */
export function formBody(body: unknown): FormBody {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as FormBody) : {};
}

/** The id of a field's control, so that labels and error-summary links find it. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/** One string of a submitted value: the first of repeated fields, '' when absent. */
export function formValue(values: FormBody, name: string): string {
  const value = values[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Every string of a repeated field (checkboxes, multiple selects, hidden lists). */
export function formValues(values: FormBody, name: string): string[] {
  const value = values[name];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

function isMessageKey(text: string): text is MessageKey {
  return Object.hasOwn(catalogs.en, text);
}

/**
 * Turns zod issues into translated messages, the first issue of each field.
 * Convention: a schema's messages are message keys (`'errors.field.required'`);
 * any other message becomes `errors.field.invalid`. `{field}` is filled with
 * the field's label, `{max}`/`{min}` with the limit of the issue.
 */
export function formErrorsFromZod(error: z.ZodError, t: Translate, labels: Record<string, string> = {}): FormErrors {
  const errors: FormErrors = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : FORM_LEVEL;
    if (field in errors) continue;
    const key = isMessageKey(issue.message) ? issue.message : 'errors.field.invalid';
    const params: Params = { field: labels[field] ?? field };
    if (issue.code === 'too_big') params.max = Number(issue.maximum);
    if (issue.code === 'too_small') params.min = Number(issue.minimum);
    errors[field] = t(key, params);
  }
  return errors;
}

/** The message of a domain InputError, tied to its field. */
export function formErrorsFromInputError(error: InputError, t: Translate): FormErrors {
  return { [error.field ?? FORM_LEVEL]: t(error.code, error.params) };
}

// Field schemas. Each accepts its own output again: wizards carry parsed data
// in hidden fields and parse it again on every step (see wizard-state.ts).

type Required = boolean | MessageKey;
const requiredKey = (required: Required): MessageKey => (required === true ? 'errors.field.required' : (required as MessageKey));
const firstTrimmed = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim() : '';
};

/** A text field, trimmed, '' when empty or absent; `required` may name the message key to show. */
export function textField(options: { required?: Required; max?: number } = {}) {
  const base = options.required ? z.string().min(1, requiredKey(options.required)) : z.string();
  return z.preprocess(firstTrimmed, base.max(options.max ?? 200, 'errors.field.too_long'));
}

/** An e-mail address, lower-cased; '' when optional and empty. */
export function emailField(options: { required?: Required } = {}) {
  return textField({ required: options.required, max: 254 })
    .transform((v) => v.toLowerCase())
    .refine((v) => v === '' || z.email().safeParse(v).success, 'errors.field.email');
}

/**
 * A calendar date as ISO `yyyy-mm-dd`, from a date input (`yyyy-mm-dd`) or
 * typed by hand as `dd/mm/yyyy` (browsers without a date picker); '' when
 * optional and empty.
 */
export function dateField(options: { required?: Required } = {}) {
  return textField({ required: options.required, max: 10 })
    .transform((v) => {
      const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(v);
      return typed ? `${typed[3]}-${typed[2]!.padStart(2, '0')}-${typed[1]!.padStart(2, '0')}` : v;
    })
    .refine((v) => v === '' || isCalendarDate(v), 'errors.field.date');
}

function isCalendarDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(iso) && Number(match[1]) >= 1900;
}

/** A repeated field (checkboxes, multiple select, two-list selector): the distinct non-empty strings. */
export function listField(options: { max?: number } = {}) {
  return z.preprocess(
    (value) => [...new Set((Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== ''))],
    z.array(z.string().max(200, 'errors.field.invalid')).max(options.max ?? 500, 'errors.field.invalid'),
  );
}

/** One of a fixed set of values; '' when optional and nothing was chosen. */
export function choiceField<const V extends string>(values: readonly V[], options: { required?: Required } = {}) {
  return textField({ required: options.required, max: 200 }).refine(
    (v): v is V | '' => v === '' || (values as readonly string[]).includes(v),
    'errors.field.invalid',
  ) as unknown as z.ZodType<V | '', unknown>;
}
