import { Button, ButtonLink, DateInput, EmailInput, Form, Radios, Select, TextInput, Textarea, type FormErrors } from '../../../platform/views/components/form';
import { SummaryList } from '../../../platform/views/components/wizard';
import { formValue, type FormBody } from '../../../platform/views/form-data';
import { formatDate } from '../../../platform/views/format';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { formatNrn } from '../../../registries/identifiers';
import type { RegisterPerson } from '../../../registries/ports';
import { CATEGORIES } from '../model';
import type { EnterpriseScope } from '../service';
import { EnterpriseBar } from './enterprise-bar';

export interface AddPersonPageProps {
  scope: EnterpriseScope;
  values: FormBody;
  errors?: FormErrors;
  /** Set once the register found the person: the working relationship is asked next. */
  person?: RegisterPerson;
}

/**
 * "Ajouter une personne": the national register number first; the identity
 * the register gives (name, birth date, gender) is shown before the manager
 * describes the working relationship.
 */
export function AddPersonPage(props: AddPersonPageProps) {
  const { t } = usePage();
  const { enterprise } = props.scope;
  const action = `/organisations/${enterprise.number}/persons/new`;
  const v = (name: string) => formValue(props.values, name);
  const units = props.scope.units.filter((u) => props.scope.unitIds.has(u.id));
  const unitOptions = [...(props.scope.all ? [{ value: '', label: t('members.unit.whole') }] : []), ...units.map((u) => ({ value: u.id, label: `${u.name} (${t(`members.unit_kind.${u.kind}`)})` }))];
  const p = props.person;
  return (
    <Layout title={t('members.add.title')}>
      <EnterpriseBar enterprise={enterprise} current="persons" sections={props.scope.sections} />
      <h1>{t('members.add.title')}</h1>
      {!p ? (
        <Form action={action} errors={props.errors} requiredNote>
          <TextInput name="nrn" label={t('organisations.person.nrn')} hint={t('members.add.nrn_hint')} required width="medium" inputmode="numeric" value={v('nrn')} />
          <div class="wizard__actions">
            <ButtonLink href={`/organisations/${enterprise.number}/persons`}>{t('common.cancel')}</ButtonLink>
            <Button name="_action" value="lookup">{t('members.add.lookup')}</Button>
          </div>
        </Form>
      ) : (
        <>
          <h2>{t('members.add.identity')}</h2>
          <SummaryList
            items={[
              { label: t('members.add.family_name'), value: p.lastName },
              { label: t('members.add.given_names'), value: p.firstNames },
              { label: t('organisations.person.nrn'), value: formatNrn(p.nrn) },
              { label: t('members.add.birth_date'), value: p.birthDate ? formatDate(p.birthDate) : t('members.add.unknown') },
              { label: t('members.add.gender'), value: p.gender ? t(`members.gender.${p.gender}`) : t('members.add.unknown') },
            ]}
          />
          <h2>{t('members.add.relationship')}</h2>
          <Form action={action} errors={props.errors} requiredNote>
            <input type="hidden" name="nrn" value={p.nrn} />
            <Select name="unit" label={t('members.filters.unit')} required options={unitOptions} value={v('unit')} />
            <Radios name="category" label={t('members.add.category')} required value={v('category')} options={CATEGORIES.map((c) => ({ value: c, label: t(`members.category.${c}`) }))} />
            <EmailInput name="workEmail" label={t('members.add.work_email')} required value={v('workEmail')} autocomplete="off" />
            <TextInput name="workPhone" type="tel" label={t('members.add.work_phone')} width="medium" value={v('workPhone')} />
            <DateInput name="startDate" label={t('members.add.start')} required value={v('startDate')} />
            <DateInput name="endDate" label={t('members.add.end')} hint={t('members.add.end_hint')} value={v('endDate')} />
            <Textarea name="reason" label={t('members.add.reason')} required rows={3} value={v('reason')} />
            <div class="wizard__actions">
              <ButtonLink href={action}>{t('members.add.other_person')}</ButtonLink>
              <Button name="_action" value="add">{t('members.add.submit')}</Button>
            </div>
          </Form>
        </>
      )}
    </Layout>
  );
}
