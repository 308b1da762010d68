import { createContext, type ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { fieldId, FORM_LEVEL, type FormErrors } from '../form-data';
import { usePage } from '../page-context';

export type { FormErrors } from '../form-data';

/*
 * Accessible form building blocks. Every control has a visible label tied to
 * it, an optional hint and error message tied with aria-describedby, and
 * aria-invalid when in error. Pages pass errors once, to <Form errors>: the
 * controls inside find their own message by name, and the form opens with an
 * error summary that links to each of them.
 */

/** The errors of the enclosing <Form>, for controls that find their own message by name. */
export const ErrorsContext = createContext<FormErrors>({});

/** What a control inside <Field> must spread on itself. */
export interface ControlAttributes {
  id: string;
  name: string;
  required?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

/** Props shared by every input component. */
export interface InputProps {
  /** The form field's name; the control's id is `fieldId(name)` unless `id` is given. */
  name: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  required?: boolean;
  /** The message to show; by default the one <Form errors> holds for `name`. */
  error?: string;
  id?: string;
}

/** A choice of radios, checkboxes or a select. */
export interface Choice {
  value: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
}

/**
 * A form that posts to `action` (default: the current URL) with the CSRF
 * token, without the browser's own validation (the server's messages are the
 * translated, accessible ones). With `errors`, it opens with the error summary.
 */
export function Form(props: {
  action?: string;
  errors?: FormErrors;
  /** Shows "(*) = required field" above the fields. */
  requiredNote?: boolean;
  id?: string;
  class?: string;
  children: ComponentChildren;
}) {
  const { csrfToken, t } = usePage();
  const errors = props.errors ?? {};
  return (
    <form method="post" action={props.action} novalidate id={props.id} class={props.class ?? 'form'}>
      <ErrorSummary errors={errors} />
      <input type="hidden" name="_csrf" value={csrfToken} />
      {props.requiredNote && <p class="form__note">{t('form.required_note')}</p>}
      <ErrorsContext.Provider value={errors}>{props.children}</ErrorsContext.Provider>
    </form>
  );
}

/**
 * "There is a problem" and one link per error to its field. The enhancement
 * script (sesame.js) moves focus here on load, so a keyboard or screen-reader
 * user starts from the list of what to fix. Renders nothing without errors.
 */
export function ErrorSummary(props: { errors: FormErrors }) {
  const { t } = usePage();
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} data-error-summary>
      <h2 id="error-summary-title" class="error-summary__title">{t('errors.summary')}</h2>
      <ul class="error-summary__list">
        {entries.map(([name, message]) => (
          <li>{name === FORM_LEVEL ? message : <a href={`#${fieldId(name)}`}>{message}</a>}</li>
        ))}
      </ul>
    </div>
  );
}

function useFieldError(props: InputProps): string | undefined {
  const errors = useContext(ErrorsContext);
  return props.error ?? errors[props.name];
}

function describedBy(...ids: Array<string | false | undefined>) {
  const joined = ids.filter(Boolean).join(' ');
  return joined || undefined;
}

function RequiredMark() {
  return <span class="field__required" aria-hidden="true"> *</span>;
}

function ErrorMessage(props: { id: string; message: string }) {
  const { t } = usePage();
  return (
    <p id={props.id} class="field__error">
      <span class="visually-hidden">{t('form.error_prefix')} </span>
      {props.message}
    </p>
  );
}

/**
 * A labelled control with hint and error. `children` renders the control from
 * the attributes it must carry, for controls the components below do not cover.
 */
export function Field(props: InputProps & { children: (control: ControlAttributes) => ComponentChildren }) {
  const id = props.id ?? fieldId(props.name);
  const error = useFieldError(props);
  const control: ControlAttributes = {
    id,
    name: props.name,
    required: props.required || undefined,
    'aria-describedby': describedBy(props.hint !== undefined && `${id}-hint`, error && `${id}-error`),
    'aria-invalid': error ? 'true' : undefined,
  };
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="field__label" for={id}>
        {props.label}
        {props.required && <RequiredMark />}
      </label>
      {props.hint !== undefined && <div id={`${id}-hint`} class="field__hint">{props.hint}</div>}
      {error && <ErrorMessage id={`${id}-error`} message={error} />}
      {props.children(control)}
    </div>
  );
}

/** A one-line input: text, e-mail, date, telephone… */
export function TextInput(
  props: InputProps & {
    type?: 'text' | 'email' | 'date' | 'tel' | 'search';
    value?: string;
    autocomplete?: string;
    inputmode?: 'text' | 'numeric' | 'email' | 'tel';
    /** How wide the box looks: a hint to the expected length. */
    width?: 'short' | 'medium' | 'long';
    spellcheck?: boolean;
  },
) {
  return (
    <Field {...props}>
      {(control) => (
        <input
          {...control}
          class={`input input--${props.width ?? 'long'}`}
          // Preact types each input type separately; the union of ours is sound for every attribute set here.
          type={(props.type ?? 'text') as 'text'}
          value={props.value ?? ''}
          autocomplete={props.autocomplete}
          inputmode={props.inputmode}
          spellcheck={props.spellcheck}
        />
      )}
    </Field>
  );
}

/** An e-mail address input. */
export function EmailInput(props: InputProps & { value?: string; autocomplete?: string }) {
  return <TextInput {...props} type="email" autocomplete={props.autocomplete ?? 'email'} spellcheck={false} />;
}

/** A date input; the value is ISO `yyyy-mm-dd` (see dateField in form-data.ts). */
export function DateInput(props: InputProps & { value?: string }) {
  return <TextInput {...props} type="date" width="short" />;
}

/** A multi-line text input. */
export function Textarea(props: InputProps & { value?: string; rows?: number }) {
  return <Field {...props}>{(control) => <textarea {...control} class="input input--long" rows={props.rows ?? 5} value={props.value ?? ''} />}</Field>;
}

/** A drop-down list; `placeholder` adds a first, empty choice. */
export function Select(props: InputProps & { options: Choice[]; value?: string; placeholder?: string }) {
  return (
    <Field {...props}>
      {(control) => (
        <select {...control} class="input input--medium">
          {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
          {props.options.map((option) => (
            <option value={option.value} selected={option.value === props.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/**
 * A group of radios or checkboxes in a fieldset whose legend is the label.
 * The first box has the field's id, so the error summary's link lands on it.
 */
function ChoiceGroup(props: InputProps & { type: 'radio' | 'checkbox'; options: Choice[]; checked: (value: string) => boolean; inline?: boolean }) {
  const { t } = usePage();
  const id = props.id ?? fieldId(props.name);
  const error = useFieldError(props);
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <fieldset class="choices" aria-describedby={describedBy(props.hint !== undefined && `${id}-hint`, error && `${id}-error`)}>
        <legend class="field__label">
          {props.label}
          {props.required && <RequiredMark />}
          {props.required && <span class="visually-hidden"> ({t('common.required')})</span>}
        </legend>
        {props.hint !== undefined && <div id={`${id}-hint`} class="field__hint">{props.hint}</div>}
        {error && <ErrorMessage id={`${id}-error`} message={error} />}
        <div class={props.inline ? 'choices__items choices__items--inline' : 'choices__items'}>
          {props.options.map((option, index) => {
            const optionId = index === 0 ? id : `${id}-${index}`;
            return (
              <div class="choice">
                <input
                  class="choice__input"
                  type={props.type}
                  id={optionId}
                  name={props.name}
                  value={option.value}
                  checked={props.checked(option.value)}
                  aria-describedby={option.hint !== undefined ? `${optionId}-hint` : undefined}
                />
                <label class="choice__label" for={optionId}>{option.label}</label>
                {option.hint !== undefined && <div id={`${optionId}-hint`} class="field__hint choice__hint">{option.hint}</div>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

/** One choice among a few, all visible. */
export function Radios(props: InputProps & { options: Choice[]; value?: string; inline?: boolean }) {
  return <ChoiceGroup {...props} type="radio" checked={(value) => value === props.value} />;
}

/** Any number of choices among a few; the server reads them with listField(). */
export function Checkboxes(props: InputProps & { options: Choice[]; values?: string[] }) {
  const chosen = new Set(props.values ?? []);
  return <ChoiceGroup {...props} type="checkbox" checked={(value) => chosen.has(value)} />;
}

/** A submit button; `name`/`value` tell the server which button was pressed. */
export function Button(props: {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'link';
  name?: string;
  value?: string;
  type?: 'submit' | 'button';
  class?: string;
  'aria-describedby'?: string;
}) {
  const variant = props.variant ?? 'primary';
  return (
    <button
      type={props.type ?? 'submit'}
      class={`${variant === 'link' ? 'button-link' : `button button--${variant}`}${props.class ? ` ${props.class}` : ''}`}
      name={props.name}
      value={props.value}
      aria-describedby={props['aria-describedby']}
    >
      {props.children}
    </button>
  );
}

/** A link that looks like a button, for actions that only navigate (Cancel, Start). */
export function ButtonLink(props: { href: string; children: ComponentChildren; variant?: 'primary' | 'secondary' }) {
  return (
    <a class={`button button--${props.variant ?? 'secondary'}`} href={props.href}>
      {props.children}
    </a>
  );
}
