import type { ComponentChildren } from 'preact';
import type { FormErrors } from '../form-data';
import { usePage } from '../page-context';
import { encodeWizardState, WIZARD_ACTION_FIELD, WIZARD_STATE_FIELD, WIZARD_STEP_FIELD } from '../wizard-state';
import { Button, ButtonLink, Form } from './form';

/** A step as the progress list and the overview name it. */
export interface WizardStep {
  id: string;
  title: string;
}

export interface WizardProps {
  /** Where every step posts; the route runs advanceWizard() on the body. */
  action: string;
  /** Every step in order, the overview last (its id is OVERVIEW_STEP). */
  steps: WizardStep[];
  current: string;
  /** The completed steps' data (WizardOutcome.data), carried in the hidden `_wizard` field. */
  data: Record<string, unknown>;
  /** Where Cancel leads; cancelling needs no request, so it is a link. */
  cancelHref: string;
  errors?: FormErrors;
  /** The last step's button, "Confirm" by default ("Terminer l'invitation"…). */
  confirmLabel?: string;
  requiredNote?: boolean;
  children: ComponentChildren;
}

/**
 * The frame of a wizard step: the numbered progress list ("Étape 1 : …" with
 * aria-current="step"), the step's title, its form with the state of the
 * earlier steps in hidden fields, and Previous / Cancel / Next (Confirm on the
 * last step). Works without JavaScript: every button posts the whole form.
 */
export function Wizard(props: WizardProps) {
  const { t } = usePage();
  const index = Math.max(0, props.steps.findIndex((step) => step.id === props.current));
  const last = index === props.steps.length - 1;
  const title = (i: number) => t('wizard.step', { number: i + 1, title: props.steps[i]?.title ?? '' });
  return (
    <div class="wizard">
      <nav class="wizard-progress" aria-label={t('wizard.progress')}>
        <ol class="wizard-progress__list">
          {props.steps.map((_, i) => (
            <li
              class={`wizard-progress__step${i === index ? ' wizard-progress__step--current' : i < index ? ' wizard-progress__step--done' : ''}`}
              aria-current={i === index ? 'step' : undefined}
            >
              {title(i)}
              {i < index && <span class="visually-hidden"> {t('wizard.step_done')}</span>}
            </li>
          ))}
        </ol>
      </nav>
      <h2 class="wizard__title">{title(index)}</h2>
      <Form action={props.action} errors={props.errors} requiredNote={props.requiredNote} class="form wizard__form">
        {/* Enter in a text field presses the form's first submit button: make it Next, not Previous. */}
        {!last && (
          <button type="submit" name={WIZARD_ACTION_FIELD} value="next" hidden tabindex={-1}>
            {t('wizard.next')}
          </button>
        )}
        <input type="hidden" name={WIZARD_STATE_FIELD} value={encodeWizardState(props.data)} />
        <input type="hidden" name={WIZARD_STEP_FIELD} value={props.steps[index]?.id ?? ''} />
        {props.children}
        <div class="wizard__actions">
          {index > 0 && (
            <Button variant="secondary" name={WIZARD_ACTION_FIELD} value="previous">
              {t('wizard.previous')}
            </Button>
          )}
          <ButtonLink href={props.cancelHref}>{t('common.cancel')}</ButtonLink>
          {last ? (
            <Button name={WIZARD_ACTION_FIELD} value="confirm">{props.confirmLabel ?? t('common.confirm')}</Button>
          ) : (
            <Button name={WIZARD_ACTION_FIELD} value="next">{t('wizard.next')}</Button>
          )}
        </div>
      </Form>
    </div>
  );
}

/**
 * The overview step's body, inside <Wizard>: each step's summary under its
 * numbered title, with "Modifier" to go back to it (a submit button, so the
 * state travels with it).
 */
export function WizardOverview(props: { steps: WizardStep[]; summaries: Record<string, ComponentChildren> }) {
  const { t } = usePage();
  return (
    <div class="wizard-overview">
      {props.steps.map((step, i) => {
        if (!(step.id in props.summaries)) return null;
        const title = t('wizard.step', { number: i + 1, title: step.title });
        return (
          <section class="wizard-overview__step" aria-labelledby={`overview-${step.id}`}>
            <div class="wizard-overview__header">
              <h3 id={`overview-${step.id}`}>{title}</h3>
              <Button variant="link" name={WIZARD_ACTION_FIELD} value={`goto:${step.id}`}>
                {t('common.edit')}
                <span class="visually-hidden"> – {title}</span>
              </Button>
            </div>
            {props.summaries[step.id]}
          </section>
        );
      })}
    </div>
  );
}

/** Label–value pairs, for overviews and detail pages. */
export function SummaryList(props: { items: Array<{ label: ComponentChildren; value: ComponentChildren }> }) {
  return (
    <dl class="summary-list">
      {props.items.map((item) => (
        <div class="summary-list__row">
          <dt>{item.label}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
