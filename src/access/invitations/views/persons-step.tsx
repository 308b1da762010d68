import { useContext } from 'preact/hooks';
import { Button, ErrorsContext } from '../../../platform/views/components/form';
import { fieldId, formValue, formValues, type FormBody } from '../../../platform/views/form-data';
import { usePage } from '../../../platform/views/page-context';
import { WIZARD_ACTION_FIELD } from '../../../platform/views/wizard-state';

type Row = Record<'familyName' | 'givenName' | 'email', string>;

/** The listed rows and the new row, from the step's saved data or from the form as posted. */
export function personRows(values: FormBody): { rows: Row[]; fresh: Row } {
  const fresh = { familyName: formValue(values, 'new_familyName'), givenName: formValue(values, 'new_givenName'), email: formValue(values, 'new_email') };
  if (Array.isArray(values.persons)) return { rows: values.persons as Row[], fresh };
  const given = formValues(values, 'givenName');
  const emails = formValues(values, 'email');
  return { rows: formValues(values, 'familyName').map((familyName, i) => ({ familyName, givenName: given[i] ?? '', email: emails[i] ?? '' })), fresh };
}

/**
 * "Étape 4 : Sélectionner des personnes": an editable table of name, first
 * name and e-mail, a last row to add one, and Remove per row. Without
 * JavaScript: Add and Remove post the form and the page comes back.
 */
export function PersonsStep(props: { values: FormBody }) {
  const { t } = usePage();
  const errors = useContext(ErrorsContext);
  const { rows, fresh } = personRows(props.values);
  const error = errors.persons;
  const cell = (name: string, row: number | 'new', value: string, label: string, first: boolean) => {
    const id = first ? fieldId('persons') : `person-${row}-${name}`;
    return (
      <td>
        <label class="visually-hidden" for={id}>
          {label}
        </label>
        <input
          class="input input--medium"
          id={id}
          name={row === 'new' ? `new_${name}` : name}
          value={value}
          type={(name === 'email' ? 'email' : 'text') as 'text'}
          autocomplete="off"
          spellcheck={false}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${fieldId('persons')}-error` : undefined}
        />
      </td>
    );
  };
  const labels = (n: number | 'new') => {
    const who = n === 'new' ? t('access.invitations.persons.new_row') : t('access.invitations.persons.row', { number: n + 1 });
    return {
      familyName: `${t('access.invitations.persons.family_name')} (${who})`,
      givenName: `${t('access.invitations.persons.given_name')} (${who})`,
      email: `${t('access.invitations.persons.email')} (${who})`,
    };
  };
  return (
    <>
      <p>{t('access.invitations.persons.intro')}</p>
      <p>{t('access.invitations.persons.optional')}</p>
      {error && (
        <p id={`${fieldId('persons')}-error`} class="field__error">
          <span class="visually-hidden">{t('form.error_prefix')} </span>
          {error}
        </p>
      )}
      <div class="table-scroll" role="region" aria-labelledby="persons-caption" tabindex={0}>
        <table class="table">
          <caption id="persons-caption">{t('access.invitations.persons.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('access.invitations.persons.family_name')}</th>
              <th scope="col">{t('access.invitations.persons.given_name')}</th>
              <th scope="col">{t('access.invitations.persons.email')}</th>
              <th scope="col">{t('access.invitations.persons.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, i) => {
              const l = labels(i);
              return (
                <tr>
                  {cell('familyName', i, row.familyName, l.familyName, i === 0)}
                  {cell('givenName', i, row.givenName, l.givenName, false)}
                  {cell('email', i, row.email, l.email, false)}
                  <td>
                    <Button variant="link" name={WIZARD_ACTION_FIELD} value={`person_remove:${i}`}>
                      {t('access.invitations.persons.remove')}
                      <span class="visually-hidden"> {`${row.givenName} ${row.familyName}`}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
            <tr>
              {cell('familyName', 'new', fresh.familyName, labels('new').familyName, rows.length === 0)}
              {cell('givenName', 'new', fresh.givenName, labels('new').givenName, false)}
              {cell('email', 'new', fresh.email, labels('new').email, false)}
              <td>
                <Button variant="secondary" name={WIZARD_ACTION_FIELD} value="person_add">
                  {t('access.invitations.persons.add')}
                </Button>
              </td>
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
}
