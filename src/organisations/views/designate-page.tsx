import type { Enterprise, RegisterPerson } from '../../registries/ports';
import { formatEnterpriseNumber, formatNrn } from '../../registries/identifiers';
import { Button, ButtonLink, DateInput, EmailInput, Form, Radios, Select, TextInput, type FormErrors } from '../../platform/views/components/form';
import { SummaryList } from '../../platform/views/components/wizard';
import { formatDate } from '../../platform/views/format';
import { formValue, type FormBody } from '../../platform/views/form-data';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import type { Domain } from '../../access/catalog/model';
import type { MandateKind } from '../model';
import type { DesignationForm } from '../forms';
import { domainNamesIn, mandateLabel } from '../labels';
import type { Unit } from '../service';

export interface DesignatePageProps {
  enterprise: Enterprise;
  kinds: MandateKind[];
  /** The catalog's domains, offered for an access manager. */
  domains: readonly Domain[];
  /** The units a local manager may be designated for (asked only when the kinds include local_manager). */
  units: Unit[];
  values: FormBody;
  errors?: FormErrors;
  /** Set once the form is valid: the person found in the register, shown before confirming. */
  confirm?: { person: RegisterPerson; form: DesignationForm };
}

/** "Désigner un gestionnaire d'accès": kind, domain or unit (capacity), person by national register number, e-mail, validity; then a confirmation with the register's name. */
export function DesignatePage(props: DesignatePageProps) {
  const { t } = usePage();
  const base = `/organisations/${props.enterprise.number}/managers`;
  const title = t('organisations.designate.title');
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{`${props.enterprise.name ?? ''} (${formatEnterpriseNumber(props.enterprise.number)})`}</p>
      {props.confirm ? <Confirm {...props} confirm={props.confirm} base={base} /> : <Edit {...props} base={base} />}
    </Layout>
  );
}

function Edit(props: DesignatePageProps & { base: string }) {
  const { t, lang } = usePage();
  const v = (name: string) => formValue(props.values, name);
  return (
    <Form action={`${props.base}/new`} errors={props.errors} requiredNote>
      <Radios
        name="kind"
        label={t('organisations.managers.mandate')}
        required
        value={v('kind')}
        options={props.kinds.map((kind) => ({ value: kind, label: t(`organisations.kind.${kind}`), hint: t(`organisations.kind_hint.${kind}`) }))}
      />
      <Select
        name="domain"
        label={t('organisations.designate.domain')}
        hint={t('organisations.designate.domain_hint')}
        value={v('domain')}
        placeholder={t('organisations.designate.domain_none')}
        options={props.domains.map((domain) => ({ value: domain.id, label: domain.names[lang] }))}
      />
      {props.kinds.includes('local_manager') && (
        <Select
          name="unitId"
          label={t('organisations.designate.unit')}
          hint={t('organisations.designate.unit_hint')}
          value={v('unitId')}
          placeholder={t('organisations.designate.unit_none')}
          options={props.units.map((u) => ({ value: u.id, label: `${u.name} (${t(`members.unit_kind.${u.kind}`)})` }))}
        />
      )}
      <TextInput name="nrn" label={t('organisations.person.nrn')} hint={t('organisations.register.other_nrn_hint')} value={v('nrn')} required width="medium" inputmode="numeric" autocomplete="off" />
      <EmailInput name="email" label={t('organisations.contact.email')} hint={t('organisations.designate.email_hint')} value={v('email')} required autocomplete="off" />
      <DateInput name="validFrom" label={t('organisations.designate.from')} value={v('validFrom')} required />
      <DateInput name="validUntil" label={t('organisations.designate.until')} hint={t('organisations.designate.until_hint')} value={v('validUntil')} />
      <div class="wizard__actions">
        <ButtonLink href={props.base}>{t('common.cancel')}</ButtonLink>
        <Button name="_action" value="check">{t('common.next')}</Button>
      </div>
    </Form>
  );
}

function Confirm(props: DesignatePageProps & { confirm: NonNullable<DesignatePageProps['confirm']>; base: string }) {
  const { t, lang } = usePage();
  const { person, form } = props.confirm;
  const unit = form.kind === 'local_manager' ? props.units.find((u) => u.id === form.unitId) : undefined;
  const hidden = { kind: form.kind, domain: form.domain, unitId: form.unitId, nrn: form.nrn, email: form.email, validFrom: form.validFrom, validUntil: form.validUntil };
  return (
    <Form action={`${props.base}/new`} errors={props.errors}>
      <p>{t('organisations.designate.check')}</p>
      <SummaryList
        items={[
          { label: t('organisations.person.name'), value: `${person.firstNames} ${person.lastName}` },
          { label: t('organisations.person.nrn'), value: formatNrn(person.nrn) },
          { label: t('organisations.managers.mandate'), value: mandateLabel(t, { kind: form.kind as MandateKind, domain: form.kind === 'domain_access_manager' ? form.domain : null }, unit, domainNamesIn(props.domains, lang)) },
          { label: t('organisations.contact.email'), value: form.email },
          {
            label: t('organisations.managers.validity'),
            value: form.validUntil
              ? t('organisations.validity.bounded', { from: formatDate(form.validFrom), until: formatDate(form.validUntil) })
              : t('organisations.validity.unlimited', { from: formatDate(form.validFrom) }),
          },
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
