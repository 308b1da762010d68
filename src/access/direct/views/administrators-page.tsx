import { Banner } from '../../../platform/views/components/banner';
import { Button, ButtonLink, DateInput, EmailInput, Form, Select, TextInput, type FormErrors } from '../../../platform/views/components/form';
import { SummaryList } from '../../../platform/views/components/wizard';
import { formValue, type FormBody } from '../../../platform/views/form-data';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { formatEnterpriseNumber, formatNrn } from '../../../registries/identifiers';
import type { RegisterPerson } from '../../../registries/ports';
import type { ManagerView } from '../../../organisations/service';
import { AccessNav } from '../../views/access-nav';
import type { AdministratorForm } from '../model';
import type { AdministratorsPage as Page } from '../service';

function period(t: ReturnType<typeof usePage>['t'], from: string, until: string | null) {
  return until ? t('access.direct.admins.bounded', { from: formatDate(from), until: formatDate(until) }) : t('access.direct.admins.unlimited', { from: formatDate(from) });
}

function applicationName(page: Page, id: string | null, lang: ReturnType<typeof usePage>['lang']) {
  return page.applications.find((a) => a.id === id)?.names[lang] ?? id ?? '';
}

/** "Gérer les administrateurs de l'attribution des rôles": who administers which application, and the form to designate one. */
export function AdministratorsPage(props: { page: Page; values: FormBody; errors?: FormErrors; done?: 'designated' | 'revoked'; confirm?: { person: RegisterPerson; form: AdministratorForm } }) {
  const { t } = usePage();
  const { page } = props;
  const base = `/access/enterprises/${page.enterprise.number}/administrators`;
  const title = t('access.direct.admins.title');
  return (
    <Layout title={`${title} – ${page.enterprise.name ?? formatEnterpriseNumber(page.enterprise.number)}`}>
      <AccessNav current="manage" />
      {props.done && (
        <Banner kind="success">
          <p>{t(`access.direct.admins.done.${props.done}`)}</p>
        </Banner>
      )}
      <h1>{title}</h1>
      <p class="lead">{`${page.enterprise.name ?? ''} (${formatEnterpriseNumber(page.enterprise.number)})`}</p>
      <p>{t('access.direct.admins.intro')}</p>
      {page.administrators.length === 0 ? (
        <p>{t('access.direct.admins.none')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="admins-caption" tabindex={0}>
          <table class="table">
            <caption id="admins-caption">{t('access.direct.admins.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.direct.admins.application')}</th>
                <th scope="col">{t('access.direct.persons.name')}</th>
                <th scope="col">{t('access.direct.persons.nrn')}</th>
                <th scope="col">{t('access.direct.persons.email')}</th>
                <th scope="col">{t('access.direct.admins.validity')}</th>
                <th scope="col">{t('access.direct.admins.state')}</th>
                <th scope="col">{t('access.direct.persons.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.administrators.map((m) => (
                <Row page={page} manager={m} base={base} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 id="designate-title">{t('access.direct.admins.designate')}</h2>
      {props.confirm ? <Confirm {...props} confirm={props.confirm} base={base} /> : <Edit {...props} base={base} />}
      <p>
        <a href={`/access/enterprises/${page.enterprise.number}/assignments`}>{t('access.direct.admins.back')}</a>
      </p>
    </Layout>
  );
}

function Row(props: { page: Page; manager: ManagerView; base: string }) {
  const { t, lang } = usePage();
  const m = props.manager;
  const name = `${m.person.givenName} ${m.person.familyName}`;
  return (
    <tr>
      <th scope="row">{applicationName(props.page, m.application, lang)}</th>
      <td>{name}</td>
      <td>{formatNrn(m.person.nrn)}</td>
      <td>{m.contactEmail ?? '—'}</td>
      <td>{period(t, m.validFrom, m.validUntil)}</td>
      <td>{t(`organisations.state.${m.state}`)}</td>
      <td>
        {props.page.revocable.has(m.id) && (
          <a href={`${props.base}/${m.id}/revoke`}>
            {t('access.direct.admins.revoke')}
            <span class="visually-hidden"> – {name}</span>
          </a>
        )}
      </td>
    </tr>
  );
}

function Edit(props: { page: Page; values: FormBody; errors?: FormErrors; base: string }) {
  const { t, lang } = usePage();
  const v = (name: string) => formValue(props.values, name);
  return (
    <Form action={props.base} errors={props.errors} requiredNote>
      <Select
        name="application"
        label={t('access.direct.admins.application')}
        required
        value={v('application')}
        placeholder={t('access.direct.admins.application_choose')}
        options={props.page.applications.map((a) => ({ value: a.id, label: a.names[lang] }))}
      />
      <TextInput name="nrn" label={t('access.direct.persons.nrn')} hint={t('access.direct.persons.nrn_hint')} value={v('nrn')} required width="medium" inputmode="numeric" autocomplete="off" />
      <EmailInput name="email" label={t('access.direct.persons.email')} hint={t('access.direct.admins.email_hint')} value={v('email')} required autocomplete="off" />
      <DateInput name="validFrom" label={t('access.direct.properties.from')} value={v('validFrom')} required />
      <DateInput name="validUntil" label={t('access.direct.properties.until')} hint={t('access.direct.admins.until_hint')} value={v('validUntil')} />
      <div class="wizard__actions">
        <Button name="_action" value="check">{t('common.next')}</Button>
      </div>
    </Form>
  );
}

function Confirm(props: { page: Page; confirm: { person: RegisterPerson; form: AdministratorForm }; errors?: FormErrors; base: string }) {
  const { t, lang } = usePage();
  const { person, form } = props.confirm;
  const hidden = { application: form.application, nrn: form.nrn, email: form.email, validFrom: form.validFrom, validUntil: form.validUntil };
  return (
    <Form action={props.base} errors={props.errors}>
      <p>{t('access.direct.admins.check')}</p>
      <SummaryList
        items={[
          { label: t('access.direct.persons.name'), value: `${person.firstNames} ${person.lastName}` },
          { label: t('access.direct.persons.birth_date'), value: person.birthDate ? formatDate(person.birthDate) : t('access.direct.persons.birth_unknown') },
          { label: t('access.direct.persons.nrn'), value: formatNrn(person.nrn) },
          { label: t('access.direct.admins.application'), value: applicationName(props.page, form.application, lang) },
          { label: t('access.direct.persons.email'), value: form.email },
          { label: t('access.direct.admins.validity'), value: period(t, form.validFrom, form.validUntil || null) },
        ]}
      />
      {Object.entries(hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <div class="wizard__actions">
        <Button variant="secondary" name="_action" value="edit">{t('common.edit')}</Button>
        <ButtonLink href={props.base}>{t('common.cancel')}</ButtonLink>
        <Button name="_action" value="confirm">{t('common.confirm')}</Button>
      </div>
    </Form>
  );
}

/** "Révoquer cet administrateur ?" */
export function RevokeAdministratorPage(props: { page: Page; manager: ManagerView }) {
  const { t, lang } = usePage();
  const m = props.manager;
  const base = `/access/enterprises/${props.page.enterprise.number}/administrators`;
  return (
    <Layout title={t('access.direct.admins.revoke_title')}>
      <AccessNav current="manage" />
      <h1>{t('access.direct.admins.revoke_title')}</h1>
      <p>{t('access.direct.admins.revoke_text', { name: `${m.person.givenName} ${m.person.familyName}`, nrn: formatNrn(m.person.nrn), application: applicationName(props.page, m.application, lang) })}</p>
      <Form action={`${base}/${m.id}/revoke`}>
        <div class="wizard__actions">
          <ButtonLink href={base}>{t('common.cancel')}</ButtonLink>
          <Button>{t('access.direct.admins.revoke_confirm')}</Button>
        </div>
      </Form>
    </Layout>
  );
}
