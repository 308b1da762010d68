import { z } from 'zod';
import { LANGUAGES } from '../platform/i18n/languages';
import { choiceField, emailField } from '../platform/views/form-data';

/**
 * "Mon profil": what a person may change about themselves. Names and the
 * national number come from the register and are never edited here.
 */
export const profileInput = z.object({
  email: emailField({ required: true }),
  language: choiceField(LANGUAGES, { required: true }),
});

export type ProfileInput = { email: string; language: (typeof LANGUAGES)[number] };

/** The fields that differ between the stored profile and the submitted one, in a stable order. */
export function changedFields(before: { email: string | null; language: string | null }, after: ProfileInput): Array<keyof ProfileInput> {
  return (['email', 'language'] as const).filter((field) => before[field] !== after[field]);
}
