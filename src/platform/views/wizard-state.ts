import type { z } from 'zod';
import type { FormBody } from './form-data';

/**
 * A wizard's state between steps, without JavaScript and without a session:
 * every step form carries the parsed data of the steps before it in one
 * hidden field, `_wizard` (base64url JSON), beside the current step's own
 * fields. Each request parses that field again through the steps' schemas,
 * so a tampered or truncated state loses at most the steps it spoils — it
 * can never smuggle in a value the schema refuses. It is still input: the
 * server re-validates everything, including who may do what, when the
 * wizard is confirmed.
 *
 * A wizard is a record of step id → zod schema, in step order; the overview
 * step comes after them. Step schemas must accept their own output, since
 * parsed data goes round again (the field helpers of form-data.ts do).
 */

export const WIZARD_STATE_FIELD = '_wizard';
export const WIZARD_STEP_FIELD = '_step';
export const WIZARD_ACTION_FIELD = '_action';
/** The id of the last step, which shows everything with "Edit" buttons and "Confirm". */
export const OVERVIEW_STEP = 'overview';
/** Far above any real wizard; refuses pathological input before JSON.parse. */
const MAX_STATE_LENGTH = 200_000;

export type WizardSchemas = Record<string, z.ZodType>;
export type WizardData<S extends WizardSchemas> = { [K in keyof S]: z.output<S[K]> };
export type WizardStepId<S extends WizardSchemas> = Extract<keyof S, string> | typeof OVERVIEW_STEP;

export type WizardAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'confirm' }
  | { type: 'goto'; step: string }
  /** Any other button (for example a two-list move): re-show the step as submitted. */
  | { type: 'stay' };

/** A step to show: the wizard is not finished. */
export interface WizardShow<S extends WizardSchemas> {
  kind: 'show';
  step: WizardStepId<S>;
  /** The steps completed so far, to carry in the hidden field. */
  data: Partial<WizardData<S>>;
  /** What the step's fields should show: the submitted body, or the step's saved data. */
  values: FormBody;
  /** Why the step is shown again; turn it into messages with formErrorsFromZod. */
  error?: z.ZodError;
}

export type WizardOutcome<S extends WizardSchemas> = WizardShow<S> | { kind: 'done'; data: WizardData<S> };

/** The hidden field's value for the given data. */
export function encodeWizardState(data: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
}

/** The steps' data from the hidden field; each step that does not parse is dropped, never thrown. */
export function decodeWizardState<S extends WizardSchemas>(raw: unknown, schemas: S): Partial<WizardData<S>> {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_STATE_LENGTH) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return {};
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  const data: Partial<WizardData<S>> = {};
  for (const step of stepIds(schemas)) {
    if (!Object.hasOwn(parsed, step)) continue;
    const result = schemas[step]!.safeParse((parsed as Record<string, unknown>)[step]);
    if (result.success) data[step] = result.data as WizardData<S>[typeof step];
  }
  return data;
}

/** Which button was pressed: `_action` is next, previous, confirm or goto:<step>. */
export function parseWizardAction(raw: unknown): WizardAction {
  const value = typeof raw === 'string' ? raw : '';
  if (value === 'next' || value === 'previous' || value === 'confirm') return { type: value };
  if (value.startsWith('goto:')) return { type: 'goto', step: value.slice('goto:'.length) };
  return { type: 'stay' };
}

function stepIds<S extends WizardSchemas>(schemas: S): Array<Extract<keyof S, string>> {
  return Object.keys(schemas) as Array<Extract<keyof S, string>>;
}

/** Every step id in order, the overview last: what the progress list shows. */
export function wizardSteps<S extends WizardSchemas>(schemas: S): Array<WizardStepId<S>> {
  return [...stepIds(schemas), OVERVIEW_STEP];
}

/** The first page of a wizard. */
export function startWizard<S extends WizardSchemas>(schemas: S): WizardShow<S> {
  return { kind: 'show', step: stepIds(schemas)[0] ?? OVERVIEW_STEP, data: {}, values: {} };
}

/**
 * The pure transition of one wizard request: reads state, step and action
 * from the posted body, validates the current step when moving forward, and
 * says which step to show next, or that the wizard is done with all its data.
 * The overview is only ever shown when every step is complete; "confirm"
 * is only honoured from the overview.
 */
export function advanceWizard<S extends WizardSchemas>(schemas: S, body: FormBody): WizardOutcome<S> {
  const ids = stepIds(schemas);
  const data = decodeWizardState(body[WIZARD_STATE_FIELD], schemas);
  const rawStep = body[WIZARD_STEP_FIELD];
  const current = ids.find((id) => id === rawStep) ?? (rawStep === OVERVIEW_STEP ? OVERVIEW_STEP : ids[0]);
  const action = parseWizardAction(body[WIZARD_ACTION_FIELD]);

  const show = (step: WizardStepId<S> | undefined): WizardShow<S> => {
    if (step === undefined || step === OVERVIEW_STEP) {
      const missing = ids.find((id) => !Object.hasOwn(data, id));
      if (missing === undefined) return { kind: 'show', step: OVERVIEW_STEP, data, values: {} };
      step = missing;
    }
    return { kind: 'show', step, data, values: (data[step] as FormBody | undefined) ?? {} };
  };

  if (current === undefined || current === OVERVIEW_STEP) {
    if (action.type === 'previous') return show(ids[ids.length - 1]);
    if (action.type === 'goto') return show(ids.find((id) => id === action.step));
    if (action.type === 'confirm') {
      const missing = ids.find((id) => !Object.hasOwn(data, id));
      if (missing === undefined) return { kind: 'done', data: data as WizardData<S> };
      return show(missing);
    }
    return show(OVERVIEW_STEP);
  }

  if (action.type === 'stay') return { kind: 'show', step: current, data, values: body };
  const index = ids.indexOf(current);
  const parsed = schemas[current]!.safeParse(body);
  const back = action.type === 'previous' ? Math.max(0, index - 1) : action.type === 'goto' ? ids.findIndex((id) => id === action.step) : -1;
  if (back >= 0 && back <= index) {
    // Going back keeps what was typed when it is valid, and never blocks on errors.
    if (parsed.success) data[current] = parsed.data as WizardData<S>[typeof current];
    return show(ids[back]);
  }
  if (!parsed.success) return { kind: 'show', step: current, data, values: body, error: parsed.error };
  data[current] = parsed.data as WizardData<S>[typeof current];
  return show(ids[index + 1] ?? OVERVIEW_STEP);
}
