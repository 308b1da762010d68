import { Banner } from '../../../platform/views/components/banner';
import { Button, Checkboxes, DateInput, Radios, Select, Textarea, TextInput } from '../../../platform/views/components/form';
import { TwoList } from '../../../platform/views/components/two-list';
import { SummaryList, Wizard, WizardOverview, type WizardStep } from '../../../platform/views/components/wizard';
import { formValue, formValues, type FormBody, type FormErrors } from '../../../platform/views/form-data';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { readTwoList } from '../../../platform/views/two-list-state';
import { OVERVIEW_STEP } from '../../../platform/views/wizard-state';
import { formatNrn } from '../../../registries/identifiers';
import type { RegisterPerson } from '../../../registries/ports';
import { PermissionMatrix } from '../../catalog/views/permission-matrix';
import { unitChoice, unitsByRole } from '../../invitations/model';
import { enterpriseLabel, roleOptionLabel } from '../../invitations/views/labels';
import { AccessNav } from '../../views/access-nav';
import { chosenRoles, type Draft } from '../draft';
import { postedPersons, type DirectStepId } from '../model';
import type { Member, OfferedRole, ScopeEnterprise } from '../service';

export interface WizardPageProps {
  step: DirectStepId | typeof OVERVIEW_STEP;
  data: Draft;
  values: FormBody;
  errors?: FormErrors;
  scope: ScopeEnterprise[];
  today: string;
  /** Persons step: the results of "Rechercher" (null: no search yet). */
  results?: Member[] | null;
  /** Persons step: the person the register knows by the number typed, shown before adding. */
  found?: RegisterPerson | null;
}

export const ACTION = '/access/assign';

export function useDirectSteps(): WizardStep[] {
  const { t } = usePage();
  return [
    { id: 'enterprise', title: t('access.direct.step.enterprise') },
    { id: 'roles', title: t('access.direct.step.roles') },
    { id: 'persons', title: t('access.direct.step.persons') },
    { id: 'properties', title: t('access.direct.step.properties') },
    { id: OVERVIEW_STEP, title: t('access.direct.step.overview') },
  ];
}

/** "Gestion d'attribution de rôle : attribuer directement un nouveau rôle", in five steps. */
export function WizardPage(props: WizardPageProps) {
  const { t } = usePage();
  const steps = useDirectSteps();
  return (
    <Layout title={t('access.direct.title')}>
      <AccessNav current="manage" />
      <h1>{t('access.direct.title')}</h1>
      <Wizard
        action={ACTION}
        steps={steps}
        current={props.step}
        data={props.data}
        cancelHref="/access/manage"
        errors={props.errors}
        requiredNote={props.step !== OVERVIEW_STEP}
        confirmLabel={t('access.direct.confirm')}
      >
        {props.step === 'enterprise' && <EnterpriseStep {...props} />}
        {props.step === 'roles' && <RolesStep {...props} />}
        {props.step === 'persons' && <PersonsStep {...props} />}
        {props.step === 'properties' && <PropertiesStep {...props} />}
        {props.step === OVERVIEW_STEP && <OverviewStep {...props} steps={steps} />}
      </Wizard>
    </Layout>
  );
}

/** The enterprise of the wizard's data, when the actor may still assign there. */
function enterpriseOf(props: WizardPageProps): ScopeEnterprise | undefined {
  return props.scope.find((e) => e.number === props.data.enterprise?.enterprise);
}

function EnterpriseStep(props: WizardPageProps) {
  const { t } = usePage();
  const chosen = formValue(props.values, 'enterprise') || (props.scope.length === 1 ? props.scope[0]!.number : '');
  return (
    <>
      <p>{t('access.direct.enterprise.intro')}</p>
      <Radios name="enterprise" label={t('access.direct.enterprise.label')} required value={chosen} options={props.scope.map((e) => ({ value: e.number, label: enterpriseLabel(e) }))} />
    </>
  );
}

function RolesStep(props: WizardPageProps) {
  const { t, lang } = usePage();
  const enterprise = enterpriseOf(props);
  if (!enterprise) return null;
  const options = enterprise.roles.map((r) => ({ value: r.key, label: roleOptionLabel(r, lang) }));
  const state = readTwoList(props.values, 'roles', options);
  const units = unitsByRole(formValues(props.values, 'units'));
  const needUnit = enterprise.roles.filter((r) => state.chosen.includes(r.key) && r.role.unitKind !== null);
  return (
    <>
      <p>{t('access.direct.roles.intro')}</p>
      <TwoList name="roles" legend={t('access.direct.roles.for', { enterprise: enterpriseLabel(enterprise) })} options={options} state={state} required size={10} />
      {needUnit.length > 0 && <p>{t('access.direct.roles.units_intro')}</p>}
      {needUnit.map((r) => (
        <Select
          name="units"
          id={`field-units-${r.key.replace(/[^A-Za-z0-9_-]/g, '-')}`}
          error={props.errors?.[`units-${r.key}`]}
          label={t(r.role.unitKind === 'establishment' ? 'access.direct.roles.establishment' : 'access.direct.roles.unit', { role: roleOptionLabel(r, lang) })}
          required
          placeholder={t('access.direct.roles.unit_choose')}
          value={units.has(r.key) ? unitChoice(r.key, units.get(r.key)!) : ''}
          options={r.units.map((u) => ({ value: unitChoice(r.key, u.id), label: u.number ? `${u.name} – ${u.number}` : u.name }))}
        />
      ))}
      <h3>{t('access.direct.roles.which')}</h3>
      <p>{t('access.direct.roles.which_hint')}</p>
      {applicationsOf(enterprise.roles).map(({ application, roles }) => (
        <details open={roles.some((r) => state.chosen.includes(r.key)) || undefined}>
          <summary>{application.names[lang]}</summary>
          <PermissionMatrix application={application} roles={roles.map((r) => r.role)} id={`matrix-${application.id}`} />
        </details>
      ))}
    </>
  );
}

function applicationsOf(roles: OfferedRole[]) {
  const byApp = new Map<string, { application: OfferedRole['application']; roles: OfferedRole[] }>();
  for (const r of roles) {
    const entry = byApp.get(r.application.id) ?? { application: r.application, roles: [] };
    entry.roles.push(r);
    byApp.set(r.application.id, entry);
  }
  return [...byApp.values()];
}

function PersonsStep(props: WizardPageProps) {
  const { t } = usePage();
  const rows = postedPersons(props.values);
  const v = (name: string) => formValue(props.values, name);
  const errors = props.errors ?? {};
  return (
    <>
      <p>{t('access.direct.persons.intro')}</p>
      <h3 id="chosen-title">{t('access.direct.persons.chosen')}</h3>
      {rows.length === 0 ? (
        <p id="field-persons">{t('access.direct.persons.none')}</p>
      ) : (
        <div class="table-scroll" role="region" aria-labelledby="chosen-title" tabindex={0} id="field-persons">
          <table class="table">
            <caption class="visually-hidden">{t('access.direct.persons.chosen')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.direct.persons.family_name')}</th>
                <th scope="col">{t('access.direct.persons.given_name')}</th>
                <th scope="col">{t('access.direct.persons.nrn')}</th>
                <th scope="col">{t('access.direct.persons.email')}</th>
                <th scope="col">{t('access.direct.persons.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((p, i) => {
                const name = `${p.givenName} ${p.familyName}`;
                const id = `field-person_email-${i}`;
                const error = errors[`person_email-${i}`];
                return (
                  <tr>
                    <th scope="row">
                      {p.familyName}
                      <input type="hidden" name="person_nrn" value={p.nrn} />
                      <input type="hidden" name="person_familyName" value={p.familyName} />
                      <input type="hidden" name="person_givenName" value={p.givenName} />
                    </th>
                    <td>{p.givenName}</td>
                    <td>{/^\d{11}$/.test(p.nrn) ? formatNrn(p.nrn) : p.nrn}</td>
                    <td class={error ? 'field--error' : undefined}>
                      <label class="visually-hidden" for={id}>{t('access.direct.persons.email_of', { name })}</label>
                      {error && (
                        <p id={`${id}-error`} class="field__error">
                          {error}
                        </p>
                      )}
                      <input
                        class="input input--medium"
                        type="email"
                        id={id}
                        name="person_email"
                        value={p.email}
                        autocomplete="off"
                        spellcheck={false}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={error ? `${id}-error` : undefined}
                      />
                    </td>
                    <td>
                      <Button variant="link" name="_action" value={`person_remove:${i}`}>
                        {t('access.direct.persons.remove')}
                        <span class="visually-hidden"> – {name}</span>
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <fieldset>
        <legend class="field__label">{t('access.direct.persons.search_title')}</legend>
        <p class="field__hint">{t('access.direct.persons.search_hint')}</p>
        <TextInput name="search_familyName" label={t('access.direct.persons.family_name')} value={v('search_familyName')} width="medium" autocomplete="off" />
        <TextInput name="search_givenName" label={t('access.direct.persons.given_name')} value={v('search_givenName')} width="medium" autocomplete="off" />
        <TextInput name="search_email" label={t('access.direct.persons.email')} value={v('search_email')} width="medium" autocomplete="off" />
        <Button variant="secondary" name="_action" value="search">{t('access.direct.persons.search')}</Button>
      </fieldset>
      {props.results && <SearchResults results={props.results} chosen={new Set(rows.map((r) => r.nrn))} />}
      <fieldset>
        <legend class="field__label">{t('access.direct.persons.nrn_title')}</legend>
        <TextInput name="lookup_nrn" label={t('access.direct.persons.nrn')} hint={t('access.direct.persons.nrn_hint')} value={v('lookup_nrn')} width="medium" inputmode="numeric" autocomplete="off" />
        <Button variant="secondary" name="_action" value="lookup">{t('access.direct.persons.lookup')}</Button>
        {props.found && (
          <div aria-live="polite">
            <SummaryList
              items={[
                { label: t('access.direct.persons.name'), value: `${props.found.firstNames} ${props.found.lastName}` },
                { label: t('access.direct.persons.birth_date'), value: props.found.birthDate ? formatDate(props.found.birthDate) : t('access.direct.persons.birth_unknown') },
                { label: t('access.direct.persons.nrn'), value: formatNrn(props.found.nrn) },
              ]}
            />
            <Button variant="secondary" name="_action" value="add_nrn">{t('access.direct.persons.add_found', { name: `${props.found.firstNames} ${props.found.lastName}` })}</Button>
          </div>
        )}
      </fieldset>
    </>
  );
}

function SearchResults(props: { results: Member[]; chosen: Set<string> }) {
  const { t } = usePage();
  if (props.results.length === 0) return <p role="status">{t('access.direct.persons.no_result')}</p>;
  return (
    <>
      <p role="status">{t('access.direct.persons.results', { count: props.results.length })}</p>
      <div class="table-scroll" role="region" aria-labelledby="results-caption" tabindex={0}>
        <table class="table">
          <caption id="results-caption">{t('access.direct.persons.results_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('access.direct.persons.select')}</th>
              <th scope="col">{t('access.direct.persons.family_name')}</th>
              <th scope="col">{t('access.direct.persons.given_name')}</th>
              <th scope="col">{t('access.direct.persons.unit')}</th>
              <th scope="col">{t('access.direct.persons.email')}</th>
            </tr>
          </thead>
          <tbody>
            {props.results.map((m) => (
              <tr>
                <td>
                  <input
                    type="checkbox"
                    name="pick"
                    value={m.nrn}
                    disabled={props.chosen.has(m.nrn) || undefined}
                    aria-label={t('access.direct.persons.select_one', { name: `${m.givenName} ${m.familyName}` })}
                  />
                </td>
                <th scope="row">{m.familyName}</th>
                <td>{m.givenName}</td>
                <td>{m.units.join(', ') || '—'}</td>
                <td>{m.email || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button variant="secondary" name="_action" value="pick">{t('access.direct.persons.pick')}</Button>
    </>
  );
}

function PropertiesStep(props: WizardPageProps) {
  const { t, lang } = usePage();
  const enterprise = enterpriseOf(props);
  const roles = enterprise ? chosenRoles(enterprise, props.data) : [];
  const needEnd = roles.filter((c) => c.offered.role.endDateRequired);
  const fresh = !('validFrom' in props.values);
  return (
    <>
      <p>{t('access.direct.properties.intro')}</p>
      <ul>
        {roles.map((c) => (
          <li>{t('access.direct.properties.role', { role: roleOptionLabel(c.offered, lang), enterprise: enterprise ? enterpriseLabel(enterprise) : '' })}</li>
        ))}
      </ul>
      <fieldset>
        <legend class="field__label">{t('access.direct.properties.period')}</legend>
        <DateInput name="validFrom" label={t('access.direct.properties.from')} required value={fresh ? props.today : formValue(props.values, 'validFrom')} />
        <DateInput
          name="validUntil"
          label={t('access.direct.properties.until')}
          hint={needEnd.length > 0 ? t('access.direct.properties.end_needed', { roles: needEnd.map((c) => c.offered.role.names[lang]).join(', ') }) : t('access.direct.properties.until_hint')}
          value={formValue(props.values, 'validUntil')}
        />
        <Checkboxes name="unlimited" label={t('access.direct.properties.or')} values={formValues(props.values, 'unlimited')} options={[{ value: 'yes', label: t('access.unlimited') }]} />
      </fieldset>
      <Textarea name="reason" label={t('access.direct.properties.reason')} hint={t('access.direct.properties.reason_hint')} value={formValue(props.values, 'reason')} rows={2} />
    </>
  );
}

function OverviewStep(props: WizardPageProps & { steps: WizardStep[] }) {
  const { t, lang } = usePage();
  const enterprise = enterpriseOf(props);
  const roles = enterprise ? chosenRoles(enterprise, props.data) : [];
  const persons = props.data.persons?.persons ?? [];
  const p = props.data.properties;
  return (
    <WizardOverview
      steps={props.steps}
      summaries={{
        enterprise: <p>{enterprise ? enterpriseLabel(enterprise) : ''}</p>,
        roles: (
          <ul>
            {roles.map((c) => {
              const unit = c.offered.units.find((u) => u.id === c.unitId);
              return <li>{unit ? t('access.direct.overview.role_unit', { role: roleOptionLabel(c.offered, lang), unit: unit.number ? `${unit.name} – ${unit.number}` : unit.name }) : roleOptionLabel(c.offered, lang)}</li>;
            })}
          </ul>
        ),
        persons: (
          <table class="table">
            <caption class="visually-hidden">{t('access.direct.persons.chosen')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('access.direct.persons.family_name')}</th>
                <th scope="col">{t('access.direct.persons.given_name')}</th>
                <th scope="col">{t('access.direct.persons.email')}</th>
              </tr>
            </thead>
            <tbody>
              {persons.map((person) => (
                <tr>
                  <th scope="row">{person.familyName}</th>
                  <td>{person.givenName}</td>
                  <td>{person.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ),
        properties: p ? (
          <>
            <p>{t('access.direct.overview.period', { from: formatDate(p.validFrom), until: p.validUntil ? formatDate(p.validUntil) : t('access.unlimited') })}</p>
            {p.reason && <p>{t('access.assignments.history.reason', { reason: p.reason })}</p>}
          </>
        ) : null,
      }}
    />
  );
}

/** A line of "Opération réussie". */
export interface DoneRow {
  person: string;
  role: string;
  unit: string | null;
  status: string;
  email: string;
}

/** "Opération réussie": what was granted (or scheduled, or waits for a decision), and who is told by e-mail. */
export function DonePage(props: { rows: DoneRow[]; enterprise: { number: string; name: string } }) {
  const { t } = usePage();
  return (
    <Layout title={t('access.direct.done.title')}>
      <AccessNav current="manage" />
      <h1>{t('access.direct.title')}</h1>
      <Banner kind="success">
        <p>{t('access.direct.done.text', { count: props.rows.length, enterprise: enterpriseLabel(props.enterprise) })}</p>
      </Banner>
      <DoneTable rows={props.rows} />
      <p>{t('access.direct.done.emails')}</p>
      <ul class="link-list">
        <li>
          <a href={`/access/enterprises/${props.enterprise.number}/assignments`}>{t('access.direct.done.overview')}</a>
        </li>
        <li>
          <a href={`/access/assign?enterprise=${props.enterprise.number}`}>{t('access.direct.done.again')}</a>
        </li>
      </ul>
    </Layout>
  );
}

export function DoneTable(props: { rows: DoneRow[]; caption?: string }) {
  const { t } = usePage();
  return (
    <div class="table-scroll" role="region" aria-labelledby="done-caption" tabindex={0}>
      <table class="table">
        <caption id="done-caption">{props.caption ?? t('access.direct.done.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('access.direct.persons.name')}</th>
            <th scope="col">{t('access.direct.done.role')}</th>
            <th scope="col">{t('access.direct.persons.unit')}</th>
            <th scope="col">{t('access.direct.done.status')}</th>
            <th scope="col">{t('access.direct.persons.email')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr>
              <th scope="row">{r.person}</th>
              <td>{r.role}</td>
              <td>{r.unit ?? t('access.direct.done.whole')}</td>
              <td>{r.status}</td>
              <td>{r.email || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
