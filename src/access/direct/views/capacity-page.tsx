import { Button, ButtonLink, Checkboxes, DateInput, Form, type FormErrors } from '../../../platform/views/components/form';
import { SummaryList } from '../../../platform/views/components/wizard';
import { Banner } from '../../../platform/views/components/banner';
import { formValue, formValues, type FormBody } from '../../../platform/views/form-data';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { formatEnterpriseNumber, formatNrn } from '../../../registries/identifiers';
import type { Unit } from '../../../organisations/service';
import { AccessNav } from '../../views/access-nav';
import type { CapacityForm } from '../model';
import type { CapacityPage as Page } from '../service';
import { DoneTable, type DoneRow } from './wizard-page';

function Heading(props: { page: Page }) {
  const { t } = usePage();
  const { enterprise, unit } = props.page;
  return (
    <>
      <AccessNav current="manage" />
      <h1>{t('access.direct.capacity.title', { capacity: unit.name })}</h1>
      <SummaryList
        items={[
          { label: t('access.direct.capacity.enterprise'), value: `${enterprise.name ?? ''} (${formatEnterpriseNumber(enterprise.number)})` },
          { label: t('access.direct.capacity.capacity'), value: unit.number ? `${unit.name} – ${unit.number}` : unit.name },
        ]}
      />
    </>
  );
}

/** The users of a capacity with checkboxes, and "Ajouter application(s)": the roles to add to all of them, from a date. */
export function CapacityPage(props: { page: Page; values: FormBody; errors?: FormErrors; today: string }) {
  const { t, lang } = usePage();
  const { page } = props;
  const path = `/access/enterprises/${page.enterprise.number}/capacities/${page.unit.id}`;
  const chosen = new Set(formValues(props.values, 'p'));
  const title = t('access.direct.capacity.title', { capacity: page.unit.name });
  return (
    <Layout title={title}>
      <Heading page={page} />
      <Form action={path} errors={props.errors} requiredNote>
        <h2 id="users-title">{t('access.direct.capacity.users')}</h2>
        {page.users.length === 0 ? (
          <p id="field-p">{t('access.direct.capacity.no_user')}</p>
        ) : (
          <div class={props.errors?.p ? 'field field--error' : 'field'}>
            <fieldset class="choices" aria-describedby={props.errors?.p ? 'field-p-error' : undefined}>
              <legend class="field__label">
                {t('access.direct.capacity.select_users')}
                <span class="field__required" aria-hidden="true"> *</span>
              </legend>
              {props.errors?.p && (
                <p id="field-p-error" class="field__error">
                  {props.errors.p}
                </p>
              )}
              <div class="table-scroll" role="region" aria-labelledby="users-title" tabindex={0}>
                <table class="table">
                  <caption class="visually-hidden">{t('access.direct.capacity.users')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('access.direct.persons.select')}</th>
                      <th scope="col">{t('access.direct.persons.family_name')}</th>
                      <th scope="col">{t('access.direct.persons.given_name')}</th>
                      <th scope="col">{t('access.direct.persons.nrn')}</th>
                      <th scope="col">{t('access.direct.persons.email')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.users.map((u, i) => (
                      <tr>
                        <td>
                          <input
                            type="checkbox"
                            name="p"
                            value={u.personId}
                            id={i === 0 ? 'field-p' : `field-p-${i}`}
                            checked={chosen.has(u.personId)}
                            aria-label={t('access.direct.persons.select_one', { name: `${u.givenName} ${u.familyName}` })}
                          />
                        </td>
                        <th scope="row">{u.familyName}</th>
                        <td>{u.givenName}</td>
                        <td>{formatNrn(u.nrn)}</td>
                        <td>{u.email || '—'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </fieldset>
          </div>
        )}
        <h2>{t('access.direct.capacity.add_title')}</h2>
        <p>{t('access.direct.capacity.add_intro')}</p>
        <Checkboxes
          name="role"
          label={t('access.direct.capacity.applications')}
          required
          values={formValues(props.values, 'role')}
          options={page.roles.map((r) => ({ value: r.key, label: `${r.application.names[lang]} – ${r.role.names[lang]}`, hint: r.role.shortDescriptions[lang] }))}
        />
        <DateInput name="validFrom" label={t('access.direct.properties.from')} required value={formValue(props.values, 'validFrom') || props.today} />
        <DateInput name="validUntil" label={t('access.direct.properties.until')} hint={t('access.direct.capacity.until_hint')} value={formValue(props.values, 'validUntil')} />
        <div class="wizard__actions">
          <ButtonLink href="/access/manage">{t('common.cancel')}</ButtonLink>
          <Button name="_action" value="check">{t('access.direct.capacity.add')}</Button>
        </div>
      </Form>
    </Layout>
  );
}

/** "Ajout d'application(s) à un groupe d'utilisateurs": what will be added to whom, before "Confirmer". */
export function CapacityConfirmPage(props: { page: Page; form: CapacityForm; errors?: FormErrors }) {
  const { t, lang } = usePage();
  const { page, form } = props;
  const path = `/access/enterprises/${page.enterprise.number}/capacities/${page.unit.id}`;
  const users = page.users.filter((u) => form.p.includes(u.personId));
  const roles = page.roles.filter((r) => form.role.includes(r.key));
  return (
    <Layout title={t('access.direct.capacity.confirm_title')}>
      <Heading page={page} />
      <h2>{t('access.direct.capacity.confirm_title')}</h2>
      <Form action={path} errors={props.errors}>
        <p>{t('access.direct.capacity.confirm_text')}</p>
        <h3>{t('access.direct.capacity.applications')}</h3>
        <ul>
          {roles.map((r) => (
            <li>
              <strong>{`${r.application.names[lang]} – ${r.role.names[lang]}`}</strong>: {r.role.shortDescriptions[lang]}
            </li>
          ))}
        </ul>
        <h3>{t('access.direct.capacity.users')}</h3>
        <ul>
          {users.map((u) => (
            <li>{`${u.givenName} ${u.familyName}`}</li>
          ))}
        </ul>
        <p>{t('access.direct.overview.period', { from: formatDate(form.validFrom), until: form.validUntil ? formatDate(form.validUntil) : t('access.unlimited') })}</p>
        {form.p.map((id) => (
          <input type="hidden" name="p" value={id} />
        ))}
        {form.role.map((key) => (
          <input type="hidden" name="role" value={key} />
        ))}
        <input type="hidden" name="validFrom" value={form.validFrom} />
        <input type="hidden" name="validUntil" value={form.validUntil} />
        <div class="wizard__actions">
          <Button variant="secondary" name="_action" value="edit">{t('common.edit')}</Button>
          <ButtonLink href={path}>{t('common.cancel')}</ButtonLink>
          <Button name="_action" value="confirm">{t('common.confirm')}</Button>
        </div>
      </Form>
    </Layout>
  );
}

/** "Les applications que vous avez sélectionnées ont été ajoutées aux utilisateurs que vous avez sélectionnés." */
export function CapacityDonePage(props: { page: Page; added: DoneRow[]; skipped: DoneRow[] }) {
  const { t } = usePage();
  const { page } = props;
  return (
    <Layout title={t('access.direct.capacity.done_title')}>
      <Heading page={page} />
      <Banner kind="success">
        <p>{t('access.direct.capacity.done', { count: props.added.length })}</p>
      </Banner>
      {props.added.length > 0 && <DoneTable rows={props.added} />}
      {props.skipped.length > 0 && (
        <>
          <p>{t('access.direct.capacity.skipped_text')}</p>
          <DoneTable rows={props.skipped} caption={t('access.direct.capacity.skipped')} />
        </>
      )}
      <p>
        <a href={`/access/enterprises/${page.enterprise.number}/capacities/${page.unit.id}`}>{t('access.direct.capacity.back')}</a>
      </p>
    </Layout>
  );
}

/** The capacities whose users the actor may give social-security applications. */
export function CapacitiesPage(props: { enterprise: { number: string; name: string | null }; units: Unit[] }) {
  const { t } = usePage();
  return (
    <Layout title={t('access.direct.capacities.title')}>
      <AccessNav current="manage" />
      <h1>{t('access.direct.capacities.title')}</h1>
      <p>{`${props.enterprise.name ?? ''} (${formatEnterpriseNumber(props.enterprise.number)})`}</p>
      {props.units.length === 0 ? (
        <p>{t('access.direct.capacities.none')}</p>
      ) : (
        <ul class="link-list">
          {props.units.map((u) => (
            <li>
              <a href={`/access/enterprises/${props.enterprise.number}/capacities/${u.id}`}>{u.number ? `${u.name} – ${u.number}` : u.name}</a>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
