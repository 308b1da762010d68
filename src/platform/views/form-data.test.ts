import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InputError } from '../errors';
import { translator } from '../i18n/translate';
import {
  choiceField,
  dateField,
  emailField,
  fieldId,
  formBody,
  formErrorsFromInputError,
  formErrorsFromZod,
  formValue,
  formValues,
  listField,
  textField,
} from './form-data';

const fr = translator('fr');

describe('field schemas', () => {
  it('trim text and refuse an empty required field or an overlong one', () => {
    expect(textField().parse('  a  ')).toBe('a');
    expect(textField().parse(undefined)).toBe('');
    expect(textField({ required: true }).safeParse('   ').error?.issues[0]?.message).toBe('errors.field.required');
    expect(textField({ max: 3 }).safeParse('abcd').error?.issues[0]?.message).toBe('errors.field.too_long');
  });

  it('read e-mail addresses in lower case and refuse malformed ones', () => {
    expect(emailField().parse(' Chloe.Ducoeur@Example.BE ')).toBe('chloe.ducoeur@example.be');
    expect(emailField().parse('')).toBe('');
    expect(emailField().safeParse('chloe@').error?.issues[0]?.message).toBe('errors.field.email');
  });

  it('read dates from a date picker or typed by hand, and refuse impossible ones', () => {
    expect(dateField().parse('2026-08-04')).toBe('2026-08-04');
    expect(dateField().parse('4/8/2026')).toBe('2026-08-04');
    for (const bad of ['2026-02-30', '31/13/2026', 'tomorrow', '0001-01-01']) {
      expect(dateField().safeParse(bad).error?.issues[0]?.message).toBe('errors.field.date');
    }
  });

  it('read repeated fields as distinct non-empty strings', () => {
    expect(listField().parse(['a', 'b', 'a', ''])).toEqual(['a', 'b']);
    expect(listField().parse('a')).toEqual(['a']);
    expect(listField().parse(undefined)).toEqual([]);
  });

  it('accept only the offered choices', () => {
    expect(choiceField(['sms', 'post']).parse('sms')).toBe('sms');
    expect(choiceField(['sms', 'post']).parse('')).toBe('');
    expect(choiceField(['sms', 'post']).safeParse('fax').success).toBe(false);
  });

  it('accept their own output again, as wizards need', () => {
    for (const [schema, input] of [
      [textField(), ' x '],
      [emailField(), 'A@B.BE'],
      [dateField(), '04/08/2026'],
      [listField(), ['a', 'a']],
    ] as const) {
      const once = schema.parse(input);
      expect(schema.parse(once)).toEqual(once);
    }
  });
});

describe('form errors', () => {
  it('translate the first issue of each field, naming the field by its label', () => {
    const schema = z.object({ name: textField({ required: true }), note: textField({ max: 5 }), email: emailField() });
    const result = schema.safeParse({ name: '', note: 'too long', email: 'x' });
    expect(formErrorsFromZod(result.error!, fr, { name: 'le nom', note: 'La note' })).toEqual({
      name: 'Indiquez le nom.',
      note: 'La note ne peut dépasser 5 caractères.',
      email: 'Indiquez une adresse e-mail de la forme nom@exemple.be.',
    });
  });

  it('turn a message that is not a key into the generic one', () => {
    const result = z.object({ age: z.number() }).safeParse({ age: 'x' });
    expect(formErrorsFromZod(result.error!, fr, { age: 'L’âge' })).toEqual({ age: 'L’âge n’est pas valide.' });
  });

  it('put an issue of the whole form under _form', () => {
    const result = z.object({}).refine(() => false, 'errors.forbidden').safeParse({});
    expect(formErrorsFromZod(result.error!, fr)).toEqual({ _form: 'Vous n’êtes pas autorisé à faire ceci.' });
  });

  it('tie a domain input error to its field', () => {
    expect(formErrorsFromInputError(new InputError('nrn', 'errors.nrn.checksum'), fr)).toEqual({
      nrn: 'Ce numéro de registre national n’est pas valide : ses chiffres de contrôle ne correspondent pas.',
    });
  });
});

describe('form bodies', () => {
  it('are an object whatever was posted', () => {
    expect(formBody(null)).toEqual({});
    expect(formBody(['a'])).toEqual({});
    expect(formBody({ a: '1' })).toEqual({ a: '1' });
  });

  it('give one value or all of them', () => {
    expect(formValue({ a: ['1', '2'] }, 'a')).toBe('1');
    expect(formValue({ a: 3 }, 'a')).toBe('');
    expect(formValues({ a: ['1', 2, '3'] }, 'a')).toEqual(['1', '3']);
    expect(formValues({}, 'a')).toEqual([]);
  });

  it('name controls with safe ids', () => {
    expect(fieldId('roles[0] x')).toBe('field-roles-0--x');
  });
});
