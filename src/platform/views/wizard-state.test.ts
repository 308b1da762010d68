import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { dateField, listField, textField } from './form-data';
import { advanceWizard, decodeWizardState, encodeWizardState, OVERVIEW_STEP, parseWizardAction, startWizard } from './wizard-state';

const steps = {
  person: z.object({ name: textField({ required: true }) }),
  roles: z.object({ roles: listField().refine((v) => v.length > 0, 'errors.field.required') }),
  period: z.object({ from: dateField({ required: true }) }),
};
const complete = { person: { name: 'Ducoeur' }, roles: { roles: ['editor'] }, period: { from: '2026-08-04' } };
const post = (step: string, action: string, data: object, fields: object = {}) => ({
  _wizard: encodeWizardState(data as Record<string, unknown>),
  _step: step,
  _action: action,
  ...fields,
});

describe('the wizard state in a hidden field', () => {
  it('comes back as it went', () => {
    expect(decodeWizardState(encodeWizardState(complete), steps)).toEqual(complete);
  });

  it('is empty when missing, truncated, not JSON or oversized', () => {
    for (const raw of [undefined, '', 'not base64 !', encodeWizardState(complete).slice(0, 20), 'a'.repeat(300_000), ['x'], 42]) {
      expect(decodeWizardState(raw, steps)).toEqual({});
    }
  });

  it('drops only the steps whose data a schema refuses', () => {
    const tampered = encodeWizardState({ ...complete, roles: { roles: [] }, period: { from: '2026-02-30' }, admin: true });
    expect(decodeWizardState(tampered, steps)).toEqual({ person: complete.person });
  });

  it('ignores keys that are not steps, prototype included', () => {
    const raw = Buffer.from('{"__proto__":{"polluted":1},"person":{"name":"X"}}').toString('base64url');
    expect(decodeWizardState(raw, steps)).toEqual({ person: { name: 'X' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the wizard buttons', () => {
  it('are next, previous, confirm, goto a step, or anything else stays', () => {
    expect(parseWizardAction('next')).toEqual({ type: 'next' });
    expect(parseWizardAction('goto:roles')).toEqual({ type: 'goto', step: 'roles' });
    expect(parseWizardAction('roles:add')).toEqual({ type: 'stay' });
    expect(parseWizardAction(undefined)).toEqual({ type: 'stay' });
  });
});

describe('moving through a wizard', () => {
  it('starts at the first step with nothing', () => {
    expect(startWizard(steps)).toEqual({ kind: 'show', step: 'person', data: {}, values: {} });
  });

  it('goes to the next step when the current one is valid, keeping its data', () => {
    const outcome = advanceWizard(steps, post('person', 'next', {}, { name: ' Ducoeur ' }));
    expect(outcome).toMatchObject({ kind: 'show', step: 'roles', data: { person: { name: 'Ducoeur' } } });
  });

  it('stays on a step with its errors and what was typed', () => {
    const outcome = advanceWizard(steps, post('roles', 'next', { person: complete.person }, { roles: [] }));
    expect(outcome.kind === 'show' && outcome.step).toBe('roles');
    expect(outcome.kind === 'show' && outcome.error?.issues[0]?.path).toEqual(['roles']);
    expect(outcome).toMatchObject({ data: { person: complete.person } });
  });

  it('goes back without blocking on errors, keeping what was valid', () => {
    expect(advanceWizard(steps, post('period', 'previous', complete, { from: 'nonsense' }))).toMatchObject({
      step: 'roles',
      data: complete,
      values: complete.roles,
    });
    expect(advanceWizard(steps, post('roles', 'previous', { person: complete.person }, { roles: 'editor' }))).toMatchObject({
      step: 'person',
      data: { roles: { roles: ['editor'] } },
      values: complete.person,
    });
  });

  it('re-shows a step as submitted for any other button, such as a two-list move', () => {
    const body = post('roles', 'roles:add', { person: complete.person }, { roles: ['a'] });
    expect(advanceWizard(steps, body)).toMatchObject({ step: 'roles', values: body, data: { person: complete.person } });
  });

  it('reaches the overview after the last step, and confirms from there', () => {
    expect(advanceWizard(steps, post('period', 'next', { person: complete.person, roles: complete.roles }, { from: '04/08/2026' }))).toMatchObject({
      step: OVERVIEW_STEP,
      data: complete,
    });
    expect(advanceWizard(steps, post(OVERVIEW_STEP, 'confirm', complete))).toEqual({ kind: 'done', data: complete });
  });

  it('goes from the overview to the step to edit, then forward again', () => {
    const edit = advanceWizard(steps, post(OVERVIEW_STEP, 'goto:person', complete));
    expect(edit).toMatchObject({ step: 'person', values: complete.person });
    expect(advanceWizard(steps, post('person', 'next', complete, { name: 'Mremi' }))).toMatchObject({
      step: 'roles',
      data: { ...complete, person: { name: 'Mremi' } },
    });
  });

  it('never confirms or shows the overview with a step missing', () => {
    const partial = { person: complete.person, period: complete.period };
    expect(advanceWizard(steps, post(OVERVIEW_STEP, 'confirm', partial))).toMatchObject({ kind: 'show', step: 'roles' });
    expect(advanceWizard(steps, post('period', 'next', partial, complete.period))).toMatchObject({ kind: 'show', step: 'roles' });
    expect(advanceWizard(steps, post('person', 'confirm', {}, { name: 'X' }))).toMatchObject({ kind: 'show', step: 'roles' });
  });

  it('treats an unknown step as the first one', () => {
    expect(advanceWizard(steps, post('admin', 'next', {}, { name: '' }))).toMatchObject({ kind: 'show', step: 'person' });
  });
});
