import type { Application, Role } from '../../access/catalog/service';
import { PermissionMatrix } from '../../access/catalog/views/permission-matrix';
import type { Unit } from '../../organisations/service';
import { Banner } from '../../platform/views/components/banner';
import { DateInput, EmailInput, ErrorsContext, ErrorSummary, Form, Radios, Select, Textarea, TextInput, type FormErrors } from '../../platform/views/components/form';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { formatEnterpriseNumber } from '../../registries/identifiers';

export interface PortalRequestProps {
  application: Application;
  step: 'enterprise' | 'role';
  /** The registered enterprises where the person has an open membership. */
  memberships: Array<{ number: string; name: string }>;
  enterprise?: { number: string; name: string };
  roles: Role[];
  units: Unit[];
  values: Record<string, string>;
  errors?: FormErrors;
}

const base = (app: Application) => `/apps/${encodeURIComponent(app.id)}/request`;

function EnterpriseStep(props: PortalRequestProps) {
  const { t } = usePage();
  const errors = props.errors ?? {};
  const choose = props.memberships.length > 0;
  // Choosing is not a change: a GET form, so each choice is a URL.
  return (
    <form method="get" action={base(props.application)} novalidate class="form">
      <ErrorSummary errors={errors} />
      <ErrorsContext.Provider value={errors}>
        <h2>{t('portal.request.step1')}</h2>
        {choose ? (
          <Radios
            name="enterprise"
            label={t('portal.request.enterprise')}
            required
            value={props.values.enterprise}
            options={[...props.memberships.map((m) => ({ value: m.number, label: `${m.name} (${formatEnterpriseNumber(m.number)})` })), { value: 'other', label: t('portal.request.other') }]}
          />
        ) : (
          <input type="hidden" name="enterprise" value="other" />
        )}
        <TextInput name="number" label={t('portal.request.number')} hint={t('portal.request.number_hint')} width="medium" inputmode="numeric" value={props.values.number} required={!choose} />
        <button type="submit" class="button">{t('portal.request.continue')}</button>
      </ErrorsContext.Provider>
    </form>
  );
}

function RoleStep(props: PortalRequestProps) {
  const { t, lang } = usePage();
  const { application } = props;
  const needsUnit = props.roles.some((r) => r.unitKind !== null);
  return (
    <>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('portal.request.enterprise')}</dt>
          <dd>
            {`${props.enterprise!.name} (${formatEnterpriseNumber(props.enterprise!.number)}) `}
            <a href={base(application)}>{t('portal.request.change')}</a>
          </dd>
        </div>
      </dl>
      <h2>{t('portal.request.step2')}</h2>
      {application.permissions.length > 0 && <PermissionMatrix application={application} roles={props.roles} />}
      <Form action={base(application)} errors={props.errors} requiredNote>
        <input type="hidden" name="enterprise" value={props.enterprise!.number} />
        <Radios
          name="role"
          label={t('portal.request.role')}
          required
          value={props.values.role}
          options={props.roles.map((r) => ({ value: r.code, label: r.names[lang], hint: r.approval === 'automatic' ? `${r.shortDescriptions[lang]} ${t('portal.request.automatic')}` : r.shortDescriptions[lang] }))}
        />
        {needsUnit && (
          <Select
            name="unit"
            label={t('portal.request.unit')}
            placeholder={t('portal.request.unit_none')}
            value={props.values.unit}
            options={props.units.map((u) => ({ value: u.id, label: u.number ? `${u.name} (${u.number})` : u.name }))}
          />
        )}
        <DateInput name="validUntil" label={t('portal.request.valid_until')} hint={t('portal.request.valid_until_hint')} value={props.values.validUntil} />
        <EmailInput name="contactEmail" label={t('portal.request.email')} hint={t('portal.request.email_hint')} required value={props.values.contactEmail} />
        <Textarea name="message" label={t('portal.request.message')} hint={t('portal.request.message_hint')} value={props.values.message} rows={4} />
        <button type="submit" class="button">{t('portal.request.submit')}</button>
      </Form>
    </>
  );
}

/** "Demander l'accès" to an application: the enterprise, then the role; a self-request in role management. */
export function PortalRequestPage(props: PortalRequestProps) {
  const { t, lang } = usePage();
  const name = props.application.names[lang];
  return (
    <Layout title={t('portal.request.title', { application: name })}>
      <p><a href="/apps?all=1">{t('portal.back')}</a></p>
      <h1>{t('portal.request.title', { application: name })}</h1>
      <p>{t('portal.request.intro')}</p>
      {props.step === 'enterprise' ? <EnterpriseStep {...props} /> : <RoleStep {...props} />}
    </Layout>
  );
}

export type RequestOutcome = 'requested' | 'granted' | 'scheduled';

/** After the request: it waits for a manager (or was granted at once, for an automatic-approval role). */
export function PortalRequestedPage(props: { application: Application; outcome: RequestOutcome }) {
  const { t, lang } = usePage();
  const name = props.application.names[lang];
  return (
    <Layout title={t(`portal.requested.title.${props.outcome}`)}>
      <h1>{t(`portal.requested.title.${props.outcome}`)}</h1>
      <Banner kind="success">
        <p>{t(`portal.requested.text.${props.outcome}`, { application: name })}</p>
      </Banner>
      <ul class="link-list">
        <li><a href="/apps">{t('portal.requested.apps')}</a></li>
        <li><a href="/access/mine">{t('portal.requested.mine')}</a></li>
      </ul>
    </Layout>
  );
}
