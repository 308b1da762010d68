import { z } from 'zod';
import { nrnSchema } from '../../registries/identifiers';
import { LANGUAGES } from '../i18n/languages';
import type { Translate } from '../i18n/translate';
import { choiceField, dateField, emailField, listField, textField } from '../views/form-data';
import { APPLICATIONS } from './fixtures';

/** What the gallery's forms accept: the same field helpers real pages use. */

export const CONTACT_CHANNELS = ['email', 'sms', 'post'] as const;
export const TOPICS = ['keys', 'access', 'apps'] as const;
const knownApplication = (values: string[]) => values.every((v) => APPLICATIONS.some((a) => a.value === v));

export const galleryForm = z.object({
  // The registers' own rule (check digits, births from 2000, BIS numbers), with its messages.
  nrn: textField({ required: 'dev.form.nrn_required', max: 20 }).pipe(nrnSchema),
  email: emailField(),
  language: choiceField(LANGUAGES),
  contact: choiceField(CONTACT_CHANNELS, { required: 'dev.form.contact_required' }),
  topics: listField().refine((v) => v.every((topic) => (TOPICS as readonly string[]).includes(topic)), 'errors.field.invalid'),
  start: dateField(),
  message: textField({ max: 500 }),
});

export function galleryFormLabels(t: Translate): Record<string, string> {
  return {
    nrn: t('dev.form.nrn'),
    email: t('dev.form.email'),
    language: t('dev.form.language'),
    contact: t('dev.form.contact'),
    topics: t('dev.form.topics'),
    start: t('dev.form.start'),
    message: t('dev.form.message'),
  };
}

/** The gallery's wizard, a miniature of the invitation wizard: three steps, then the overview. */
export const invitationWizard = {
  person: z.object({
    lastName: textField({ required: 'dev.wizard.last_name_required', max: 100 }),
    firstName: textField({ max: 100 }),
    email: emailField({ required: 'dev.wizard.email_required' }),
  }),
  roles: z.object({
    roles: listField()
      .refine((v) => v.length > 0, 'dev.wizard.roles_required')
      .refine(knownApplication, 'errors.field.invalid'),
  }),
  validity: z
    .object({ from: dateField({ required: 'dev.wizard.from_required' }), until: dateField() })
    .refine((v) => v.until === '' || v.until >= v.from, { message: 'dev.wizard.until_before', path: ['until'] }),
};

export function invitationLabels(t: Translate): Record<string, string> {
  return {
    lastName: t('dev.wizard.last_name'),
    firstName: t('dev.wizard.first_name'),
    email: t('dev.form.email'),
    roles: t('dev.wizard.roles_legend'),
    from: t('dev.wizard.from'),
    until: t('dev.wizard.until'),
  };
}

export const twoListForm = z.object({
  applications: listField()
    .refine((v) => v.length > 0, 'dev.twolist.required')
    .refine(knownApplication, 'errors.field.invalid'),
});
