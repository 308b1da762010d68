import type { ComponentChildren } from 'preact';
import type { Unit } from '../../../organisations/service';
import { ErrorsContext, ErrorSummary, DateInput, EmailInput, Form, Radios, Select, Textarea, TextInput, type FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import type { Application, Role } from '../../catalog/service';
import { PermissionMatrix } from '../../catalog/views/permission-matrix';
import { AccessNav } from '../../views/access-nav';

export interface RequestPageProps {
  step: 'enterprise' | 'application' | 'role';
  /** The registered enterprises where the person has an open membership. */
  memberships: Array<{ number: string; name: string }>;
  enterprise?: { number: string; name: string };
  applications: Application[];
  application?: Application;
  roles: Role[];
  units: Unit[];
  values: Record<string, string>;
  errors?: FormErrors;
}

/** The steps before this one use GET forms: choosing is not a change, and each choice is a URL. */
function GetForm(props: { errors?: FormErrors; children: ComponentChildren }) {
  const errors = props.errors ?? {};
  return (
    <form method="get" action="/access/request" novalidate class="form">
      <ErrorSummary errors={errors} />
      <ErrorsContext.Provider value={errors}>{props.children}</ErrorsContext.Provider>
    </form>
  );
}

function Chosen(props: RequestPageProps) {
  const { t, lang } = usePage();
  if (!props.enterprise) return null;
  return (
    <dl class="summary-list">
      <div class="summary-list__row">
        <dt>{t('access.home.request.enterprise')}</dt>
        <dd>
          {`${props.enterprise.name} (${formatEnterpriseNumber(props.enterprise.number)}) `}
          <a href="/access/request">{t('access.home.request.change')}</a>
        </dd>
      </div>
      {props.application && (
        <div class="summary-list__row">
          <dt>{t('access.home.request.application')}</dt>
          <dd>
            {`${props.application.names[lang]} `}
            <a href={`/access/request?enterprise=${props.enterprise.number}`}>{t('access.home.request.change')}</a>
          </dd>
        </div>
      )}
    </dl>
  );
}

function EnterpriseStep(props: RequestPageProps) {
  const { t } = usePage();
  const choose = props.memberships.length > 0;
  return (
    <GetForm errors={props.errors}>
      <h2>{t('access.home.request.step1')}</h2>
      {choose ? (
        <Radios
          name="enterprise"
          label={t('access.home.request.enterprise')}
          required
          value={props.values.enterprise}
          options={[
            ...props.memberships.map((m) => ({ value: m.number, label: `${m.name} (${formatEnterpriseNumber(m.number)})` })),
            { value: 'other', label: t('access.home.request.other') },
          ]}
        />
      ) : (
        <input type="hidden" name="enterprise" value="other" />
      )}
      <TextInput name="number" label={t('access.home.request.number')} hint={t('access.home.request.number_hint')} width="medium" inputmode="numeric" value={props.values.number} required={!choose} />
      <button type="submit" class="button">{t('access.home.request.continue')}</button>
    </GetForm>
  );
}

function ApplicationStep(props: RequestPageProps) {
  const { t, lang } = usePage();
  return (
    <GetForm errors={props.errors}>
      <h2>{t('access.home.request.step2')}</h2>
      <input type="hidden" name="enterprise" value={props.enterprise!.number} />
      <Select
        name="application"
        label={t('access.home.request.application')}
        required
        placeholder={t('access.home.request.application_placeholder')}
        value={props.values.application}
        options={props.applications.map((a) => ({ value: a.id, label: a.names[lang] }))}
      />
      <button type="submit" class="button">{t('access.home.request.continue')}</button>
    </GetForm>
  );
}

function RoleStep(props: RequestPageProps) {
  const { t, lang } = usePage();
  const application = props.application!;
  const needsUnit = props.roles.some((r) => r.unitKind !== null);
  return (
    <>
      <h2>{t('access.home.request.step3')}</h2>
      {application.permissions.length > 0 && <PermissionMatrix application={application} roles={props.roles} />}
      <Form action="/access/request" errors={props.errors} requiredNote>
        <input type="hidden" name="enterprise" value={props.enterprise!.number} />
        <input type="hidden" name="application" value={application.id} />
        <Radios
          name="role"
          label={t('access.home.request.role')}
          required
          value={props.values.role}
          options={props.roles.map((r) => ({
            value: r.code,
            label: r.names[lang],
            hint: r.approval === 'automatic' ? `${r.shortDescriptions[lang]} ${t('access.home.request.automatic')}` : r.shortDescriptions[lang],
          }))}
        />
        {needsUnit && (
          <Select
            name="unit"
            label={t('access.home.request.unit')}
            hint={t('access.home.request.unit_hint')}
            placeholder={t('access.home.request.unit_none')}
            value={props.values.unit}
            options={props.units.map((u) => ({ value: u.id, label: u.number ? `${u.name} (${u.number})` : u.name }))}
          />
        )}
        <DateInput name="validFrom" label={t('access.home.request.valid_from')} required value={props.values.validFrom} />
        <DateInput name="validUntil" label={t('access.home.request.valid_until')} hint={t('access.home.request.valid_until_hint')} value={props.values.validUntil} />
        <EmailInput name="contactEmail" label={t('access.home.request.email')} hint={t('access.home.request.email_hint')} required value={props.values.contactEmail} />
        <Textarea name="message" label={t('access.home.request.message')} hint={t('access.home.request.message_hint')} value={props.values.message} rows={4} />
        <button type="submit" class="button">{t('access.home.request.submit')}</button>
      </Form>
    </>
  );
}

/** "Demander soi-même une attribution de rôle": enterprise, application, then role, validity, contact and motivation. */
export function RequestPage(props: RequestPageProps) {
  const { t } = usePage();
  return (
    <Layout title={t('access.home.request.title')}>
      <AccessNav current="mine" />
      <h1>{t('access.home.request.title')}</h1>
      <p>{t('access.home.request.intro')}</p>
      <Chosen {...props} />
      {props.step === 'enterprise' && <EnterpriseStep {...props} />}
      {props.step === 'application' && <ApplicationStep {...props} />}
      {props.step === 'role' && <RoleStep {...props} />}
    </Layout>
  );
}
