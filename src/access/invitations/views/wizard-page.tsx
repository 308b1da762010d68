import { Checkboxes, DateInput, Select, Textarea, TextInput } from '../../../platform/views/components/form';
import { TwoList } from '../../../platform/views/components/two-list';
import { Wizard, type WizardStep } from '../../../platform/views/components/wizard';
import { formValue, formValues, type FormBody, type FormErrors } from '../../../platform/views/form-data';
import { formatDate } from '../../../platform/views/format';
import type { Lang } from '../../../platform/i18n/languages';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { readTwoList } from '../../../platform/views/two-list-state';
import { OVERVIEW_STEP } from '../../../platform/views/wizard-state';
import { PermissionMatrix } from '../../catalog/views/permission-matrix';
import { AccessNav } from '../../views/access-nav';
import type { Draft } from '../draft';
import { latestExpiry, unitChoice, unitsByRole, type InvitationStepId } from '../model';
import type { OfferedRole, ScopeEnterprise } from '../service';
import { enterpriseLabel, roleOptionLabel } from './labels';
import { OverviewStep } from './overview-step';
import { PersonsStep } from './persons-step';

export interface WizardPageProps {
  step: InvitationStepId | typeof OVERVIEW_STEP;
  data: Draft;
  values: FormBody;
  errors?: FormErrors;
  scope: ScopeEnterprise[];
  today: string;
}

export function useInvitationSteps(): WizardStep[] {
  const { t } = usePage();
  return [
    { id: 'enterprises', title: t('access.invitations.step.enterprises') },
    { id: 'roles', title: t('access.invitations.step.roles') },
    { id: 'properties', title: t('access.invitations.step.properties') },
    { id: 'persons', title: t('access.invitations.step.persons') },
    { id: 'details', title: t('access.invitations.step.details') },
    { id: OVERVIEW_STEP, title: t('access.invitations.step.overview') },
  ];
}

/** "Gestion des invitations - Nouvelle invitation": the guide's six steps. */
export function WizardPage(props: WizardPageProps) {
  const { t } = usePage();
  const steps = useInvitationSteps();
  return (
    <Layout title={t('access.invitations.new.title')}>
      <AccessNav current="invitations" />
      <h1>{t('access.invitations.new.title')}</h1>
      <Wizard
        action="/access/invitations/new"
        steps={steps}
        current={props.step}
        data={props.data}
        cancelHref="/access/invitations"
        errors={props.errors}
        requiredNote={props.step !== OVERVIEW_STEP && props.step !== 'persons'}
        confirmLabel={t('access.invitations.new.confirm')}
      >
        {props.step === 'enterprises' && <EnterprisesStep {...props} />}
        {props.step === 'roles' && <RolesStep {...props} />}
        {props.step === 'properties' && <PropertiesStep {...props} />}
        {props.step === 'persons' && <PersonsStep values={props.values} />}
        {props.step === 'details' && <DetailsStep {...props} />}
        {props.step === OVERVIEW_STEP && <OverviewStep {...props} steps={steps} />}
      </Wizard>
    </Layout>
  );
}

function EnterprisesStep(props: WizardPageProps) {
  const { t } = usePage();
  const chosen = 'enterprises' in props.values ? formValues(props.values, 'enterprises') : props.scope.length === 1 ? [props.scope[0]!.number] : [];
  return (
    <>
      <p>{t('access.invitations.enterprises.intro')}</p>
      <Checkboxes name="enterprises" label={t('access.invitations.enterprises.label')} required values={chosen} options={props.scope.map((e) => ({ value: e.number, label: enterpriseLabel(e) }))} />
    </>
  );
}

/** The chosen role keys of one enterprise: from the step's saved data, or from its two-list as posted (moves applied). */
function chosenRoles(values: FormBody, enterprise: ScopeEnterprise, lang: Lang) {
  const options = enterprise.roles.map((r) => ({ value: r.key, label: roleOptionLabel(r, lang) }));
  if (Array.isArray(values.roles)) return { options, state: { chosen: formValues(values, 'roles').filter((k) => k.startsWith(`${enterprise.number}/`)), filter: '' } };
  return { options, state: readTwoList(values, `roles-${enterprise.number}`, options) };
}

function RolesStep(props: WizardPageProps) {
  const { t, lang } = usePage();
  const chosenNumbers = props.data.enterprises?.enterprises ?? [];
  const enterprises = props.scope.filter((e) => chosenNumbers.includes(e.number));
  const chosenKeys = new Set<string>();
  return (
    <>
      <p>{t('access.invitations.roles.intro')}</p>
      {enterprises.map((e) => {
        const { options, state } = chosenRoles(props.values, e, lang);
        state.chosen.forEach((k) => chosenKeys.add(k));
        return (
          <TwoList
            name={`roles-${e.number}`}
            legend={t('access.invitations.roles.for', { enterprise: enterpriseLabel(e) })}
            options={options}
            state={state}
            required
            size={10}
          />
        );
      })}
      <h3>{t('access.invitations.roles.which')}</h3>
      <p>{t('access.invitations.roles.which_hint')}</p>
      {applicationsOf(enterprises).map(({ application, roles }) => (
        <details open={roles.some((r) => chosenKeys.has(r.key)) || undefined}>
          <summary>{application.names[lang]}</summary>
          <PermissionMatrix application={application} roles={roles.map((r) => r.role)} id={`matrix-${application.id}`} />
        </details>
      ))}
    </>
  );
}

/** The applications of the offered roles, each with its roles once (the same role may be offered in several enterprises). */
function applicationsOf(enterprises: ScopeEnterprise[]) {
  const byApp = new Map<string, { application: OfferedRole['application']; roles: OfferedRole[] }>();
  for (const e of enterprises) {
    for (const r of e.roles) {
      const entry = byApp.get(r.application.id) ?? { application: r.application, roles: [] };
      if (!entry.roles.some((x) => x.role.code === r.role.code)) entry.roles.push(r);
      byApp.set(r.application.id, entry);
    }
  }
  return [...byApp.values()];
}

function PropertiesStep(props: WizardPageProps) {
  const { t, lang } = usePage();
  const offered = new Map(props.scope.flatMap((e) => e.roles.map((r) => [r.key, { role: r, enterprise: e }] as const)));
  const chosen = (props.data.roles?.roles ?? []).flatMap((key) => (offered.has(key) ? [offered.get(key)!] : []));
  const fresh = !('validFrom' in props.values);
  const units = unitsByRole(formValues(props.values, 'units'));
  const needUnit = chosen.filter((c) => c.role.role.unitKind !== null);
  const needEnd = chosen.filter((c) => c.role.role.endDateRequired);
  return (
    <>
      <p>{t('access.invitations.properties.intro')}</p>
      <ul>
        {chosen.map((c) => (
          <li>{t('access.invitations.properties.role', { role: roleOptionLabel(c.role, lang), enterprise: enterpriseLabel(c.enterprise) })}</li>
        ))}
      </ul>
      <fieldset>
        <legend class="field__label">{t('access.invitations.properties.period')}</legend>
        <DateInput name="validFrom" label={t('access.invitations.properties.from')} required value={fresh ? props.today : formValue(props.values, 'validFrom')} />
        <DateInput
          name="validUntil"
          label={t('access.invitations.properties.until')}
          hint={needEnd.length > 0 ? t('access.invitations.properties.end_needed', { roles: needEnd.map((c) => c.role.role.names[lang]).join(', ') }) : t('access.invitations.properties.until_hint')}
          value={formValue(props.values, 'validUntil')}
        />
        <Checkboxes name="unlimited" label={t('access.invitations.properties.or')} values={formValues(props.values, 'unlimited')} options={[{ value: 'yes', label: t('access.unlimited') }]} />
      </fieldset>
      {needUnit.map((c, i) => (
        <Select
          name="units"
          id={i === 0 ? undefined : `field-units-${i}`}
          label={t('access.invitations.properties.unit', { role: roleOptionLabel(c.role, lang), enterprise: c.enterprise.name })}
          required
          placeholder={t('access.invitations.properties.unit_choose')}
          value={units.has(c.role.key) ? unitChoice(c.role.key, units.get(c.role.key)!) : ''}
          options={c.role.units.map((u) => ({ value: unitChoice(c.role.key, u.id), label: u.number ? `${u.name} (${u.number})` : u.name }))}
        />
      ))}
    </>
  );
}

function DetailsStep(props: WizardPageProps) {
  const { t } = usePage();
  const fresh = !('expiresOn' in props.values);
  const latest = latestExpiry(props.today);
  return (
    <>
      <p>{t('access.invitations.details.intro')}</p>
      <Textarea name="message" label={t('access.invitations.details.message')} hint={t('access.invitations.details.message_hint')} value={formValue(props.values, 'message')} rows={5} />
      <DateInput
        name="expiresOn"
        label={t('access.invitations.details.expires')}
        hint={t('access.invitations.details.expires_hint', { latest: formatDate(latest) })}
        required
        value={fresh ? latest : formValue(props.values, 'expiresOn')}
      />
      <fieldset>
        <legend class="field__label">{t('access.invitations.details.save')}</legend>
        <Checkboxes
          name="saveTemplate"
          label={t('access.invitations.details.save_label')}
          values={formValues(props.values, 'saveTemplate')}
          options={[{ value: 'yes', label: t('access.invitations.details.save_option') }]}
        />
        <TextInput name="templateName" label={t('access.invitations.details.template_name')} hint={t('access.invitations.details.template_hint')} value={formValue(props.values, 'templateName')} />
        <Textarea name="templateDescription" label={t('access.invitations.details.template_description')} value={formValue(props.values, 'templateDescription')} rows={2} />
      </fieldset>
    </>
  );
}
