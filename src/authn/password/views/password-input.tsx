import { Field } from '../../../platform/views/components/form';

/** A password box with label, hint and error like every field; the server never fills it in again. */
export function PasswordInput(props: { name: string; label: string; hint?: string; autocomplete: 'current-password' | 'new-password' }) {
  return (
    <Field name={props.name} label={props.label} hint={props.hint} required>
      {(control) => <input {...control} class="input input--medium" type="password" autocomplete={props.autocomplete} />}
    </Field>
  );
}
