import { Banner } from '../../views/components/banner';
import { ButtonLink, DateInput, EmailInput, TextInput } from '../../views/components/form';
import { TwoList } from '../../views/components/two-list';
import { SummaryList, Wizard, WizardOverview, type WizardStep } from '../../views/components/wizard';
import { formValue, type FormErrors } from '../../views/form-data';
import { formatDate } from '../../views/format';
import { usePage } from '../../views/page-context';
import type { TwoListState } from '../../views/two-list-state';
import { OVERVIEW_STEP, type WizardData, type WizardShow } from '../../views/wizard-state';
import { APPLICATIONS } from '../fixtures';
import type { invitationWizard } from '../schemas';
import { DemoPage } from './gallery';

type Invitation = typeof invitationWizard;
const ACTION = '/dev/components/wizard';

/** One step of the gallery's wizard, as advanceWizard() decided. */
export function WizardPage(props: {
  outcome: WizardShow<Invitation>;
  roles: Pick<TwoListState, 'chosen' | 'filter'>;
  errors?: FormErrors;
}) {
  const { t } = usePage();
  const { outcome } = props;
  const steps: WizardStep[] = [
    { id: 'person', title: t('dev.wizard.person') },
    { id: 'roles', title: t('dev.wizard.roles') },
    { id: 'validity', title: t('dev.wizard.validity') },
    { id: OVERVIEW_STEP, title: t('wizard.overview') },
  ];
  const v = (name: string) => formValue(outcome.values, name);
  return (
    <DemoPage title={t('dev.wizard.title')}>
      <Wizard
        action={ACTION}
        steps={steps}
        current={outcome.step}
        data={outcome.data}
        cancelHref="/dev/components"
        errors={props.errors}
        confirmLabel={t('dev.wizard.confirm')}
        requiredNote={outcome.step !== OVERVIEW_STEP}
      >
        {outcome.step === 'person' && (
          <>
            <TextInput name="lastName" label={t('dev.wizard.last_name')} required value={v('lastName')} autocomplete="family-name" width="medium" />
            <TextInput name="firstName" label={t('dev.wizard.first_name')} value={v('firstName')} autocomplete="given-name" width="medium" />
            <EmailInput name="email" label={t('dev.form.email')} required value={v('email')} />
          </>
        )}
        {outcome.step === 'roles' && (
          <TwoList name="roles" legend={t('dev.wizard.roles_legend')} options={APPLICATIONS} state={props.roles} required />
        )}
        {outcome.step === 'validity' && (
          <>
            <DateInput name="from" label={t('dev.wizard.from')} required value={v('from')} />
            <DateInput name="until" label={t('dev.wizard.until')} hint={t('dev.wizard.until_hint')} value={v('until')} />
          </>
        )}
        {outcome.step === OVERVIEW_STEP && <Overview steps={steps} data={outcome.data as WizardData<Invitation>} />}
      </Wizard>
    </DemoPage>
  );
}

function Overview(props: { steps: WizardStep[]; data: WizardData<Invitation> }) {
  const { t } = usePage();
  const { person, roles, validity } = props.data;
  const names = APPLICATIONS.filter((a) => roles.roles.includes(a.value)).map((a) => a.label);
  return (
    <WizardOverview
      steps={props.steps}
      summaries={{
        person: (
          <SummaryList
            items={[
              { label: t('dev.wizard.last_name'), value: person.lastName },
              { label: t('dev.wizard.first_name'), value: person.firstName || '—' },
              { label: t('dev.form.email'), value: person.email },
            ]}
          />
        ),
        roles: <ul>{names.map((name) => <li>{name}</li>)}</ul>,
        validity: (
          <p>
            {validity.until
              ? t('dev.wizard.period', { from: formatDate(validity.from), until: formatDate(validity.until) })
              : t('dev.wizard.period_open', { from: formatDate(validity.from) })}
          </p>
        ),
      }}
    />
  );
}

/** After "Finish": the success banner; nothing was kept. */
export function WizardDonePage() {
  const { t } = usePage();
  return (
    <DemoPage title={t('dev.wizard.title')}>
      <Banner kind="success"><p>{t('dev.wizard.done')}</p></Banner>
      <p><ButtonLink href="/dev/components/wizard" variant="primary">{t('dev.wizard.again')}</ButtonLink></p>
    </DemoPage>
  );
}
