import type { RegisterPerson } from '../../registries/ports';
import { formatNrn } from '../../registries/identifiers';
import { Banner } from '../../platform/views/components/banner';
import { Button, Checkboxes, EmailInput, Radios, TextInput, type FormErrors } from '../../platform/views/components/form';
import { SummaryList, Wizard, WizardOverview, type WizardStep } from '../../platform/views/components/wizard';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { formValue, type FormBody } from '../../platform/views/form-data';
import { OVERVIEW_STEP, WIZARD_ACTION_FIELD } from '../../platform/views/wizard-state';
import type { RegistrationCheck } from '../service';
import { EnterpriseSummary } from './enterprise-summary';

export interface RegisterPageProps {
  step: 'enterprise' | 'principal' | typeof OVERVIEW_STEP;
  data: Record<string, unknown>;
  values: FormBody;
  errors?: FormErrors;
  /** The enterprise once step one passed. */
  check?: RegistrationCheck;
  /** The identified legal representative. */
  self: { name: string; nrn: string };
  /** The other person found in the register for the number typed. */
  other?: RegisterPerson;
  /** The principal as confirmed, on the overview. */
  principal?: { name: string; nrn: string; email: string; phone: string };
}

/** "Désigner un Gestionnaire d'Accès Principal": the three steps of the guide in one wizard. */
export function RegisterPage(props: RegisterPageProps) {
  const { t } = usePage();
  const steps: WizardStep[] = [
    { id: 'enterprise', title: t('organisations.register.step.enterprise') },
    { id: 'principal', title: t('organisations.register.step.principal') },
    { id: OVERVIEW_STEP, title: t('organisations.register.step.confirm') },
  ];
  return (
    <Layout title={t('organisations.register.title')}>
      <h1>{t('organisations.register.title')}</h1>
      <Wizard
        action="/organisations/register"
        steps={steps}
        current={props.step}
        data={props.data}
        cancelHref="/"
        errors={props.errors}
        requiredNote={props.step !== OVERVIEW_STEP}
        confirmLabel={t('common.confirm')}
      >
        {props.step === 'enterprise' && <EnterpriseStep {...props} />}
        {props.step === 'principal' && <PrincipalStep {...props} />}
        {props.step === OVERVIEW_STEP && <ConfirmStep {...props} steps={steps} />}
      </Wizard>
    </Layout>
  );
}

function EnterpriseStep(props: RegisterPageProps) {
  const { t } = usePage();
  return (
    <>
      <p>{t('organisations.register.intro')}</p>
      <p>{t('organisations.register.legal_function')}</p>
      <TextInput
        name="enterpriseNumber"
        label={t('organisations.enterprise.number')}
        hint={t('organisations.register.number_hint')}
        value={formValue(props.values, 'enterpriseNumber')}
        required
        width="medium"
        inputmode="numeric"
        autocomplete="off"
      />
    </>
  );
}

function PrincipalStep(props: RegisterPageProps) {
  const { t } = usePage();
  const who = formValue(props.values, 'who');
  return (
    <>
      {props.check && (
        <section aria-labelledby="enterprise-title">
          <h3 id="enterprise-title">{t('organisations.register.enterprise')}</h3>
          <EnterpriseSummary enterprise={props.check.enterprise} />
          {props.check.principal && (
            <Banner kind="info">
              <p>
                {t('organisations.register.current_principal', {
                  name: `${props.check.principal.person.givenName} ${props.check.principal.person.familyName}`,
                })}
              </p>
            </Banner>
          )}
        </section>
      )}
      <h3>{t('organisations.kind.principal')}</h3>
      <p>{t('organisations.register.principal_intro')}</p>
      <ul>
        <li>{t('organisations.register.principal_duty1')}</li>
        <li>{t('organisations.register.principal_duty2')}</li>
      </ul>
      <input type="hidden" name="expected" value={props.check?.principal?.id ?? ''} />
      <Radios
        name="who"
        label={t('organisations.kind.principal')}
        hint={t('organisations.register.who_hint')}
        required
        value={who}
        options={[
          { value: 'self', label: t('organisations.register.self', { name: props.self.name }) },
          { value: 'other', label: t('organisations.register.other') },
        ]}
      />
      <TextInput
        name="nrn"
        label={t('organisations.register.other_nrn')}
        hint={t('organisations.register.other_nrn_hint')}
        value={formValue(props.values, 'nrn') && /^\d{11}$/.test(formValue(props.values, 'nrn')) ? formatNrn(formValue(props.values, 'nrn')) : formValue(props.values, 'nrn')}
        width="medium"
        inputmode="numeric"
        autocomplete="off"
      />
      <div class="field">
        <Button variant="secondary" name={WIZARD_ACTION_FIELD} value="lookup">
          {t('organisations.register.lookup')}
        </Button>
      </div>
      {props.other && (
        <p role="status">
          {t('organisations.register.found', { name: `${props.other.firstNames} ${props.other.lastName}`, nrn: formatNrn(props.other.nrn) })}
        </p>
      )}
      <h3>{t('organisations.register.contact')}</h3>
      <EmailInput name="email" label={t('organisations.contact.email')} hint={t('organisations.register.email_hint')} value={formValue(props.values, 'email')} required />
      <TextInput
        name="phone"
        type="tel"
        label={t('organisations.contact.phone')}
        hint={t('organisations.register.phone_hint')}
        value={formValue(props.values, 'phone')}
        required
        width="medium"
        autocomplete="tel"
      />
    </>
  );
}

function ConfirmStep(props: RegisterPageProps & { steps: WizardStep[] }) {
  const { t } = usePage();
  const p = props.principal;
  return (
    <>
      <WizardOverview
        steps={props.steps}
        summaries={{
          enterprise: props.check ? <EnterpriseSummary enterprise={props.check.enterprise} /> : null,
          principal: p ? (
            <SummaryList
              items={[
                { label: t('organisations.person.name'), value: p.name },
                { label: t('organisations.person.nrn'), value: formatNrn(p.nrn) },
                { label: t('organisations.contact.email'), value: p.email },
                { label: t('organisations.contact.phone'), value: p.phone },
              ]}
            />
          ) : null,
        }}
      />
      <h3>{t('organisations.register.conditions')}</h3>
      <p>{t('organisations.register.declaration')}</p>
      <Checkboxes name="declaration" label={t('organisations.register.declaration_label')} required values={[]} options={[{ value: 'yes', label: t('organisations.register.confirm') }]} />
    </>
  );
}
