import { Banner } from '../../../platform/views/components/banner';
import { Button, Form, Radios, TextInput, type FormErrors } from '../../../platform/views/components/form';
import type { FormBody } from '../../../platform/views/form-data';
import { formValue } from '../../../platform/views/form-data';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { formatEnterpriseNumber } from '../../../registries/identifiers';
import type { EnterpriseScope } from '../service';
import { EnterpriseBar } from './enterprise-bar';

/** "Unités": establishment units from the register, capacities and sub-entities; the form to add one for who may. */
export function UnitsPage(props: { scope: EnterpriseScope; values?: FormBody; errors?: FormErrors; done?: boolean }) {
  const { t } = usePage();
  const { enterprise, units } = props.scope;
  const values = props.values ?? {};
  return (
    <Layout title={`${t('members.units.title')} – ${enterprise.name ?? ''}`}>
      <EnterpriseBar enterprise={enterprise} current="units" sections={props.scope.sections} />
      {props.done && (
        <Banner kind="success">
          <p>{t('members.units.done')}</p>
        </Banner>
      )}
      <h1>{t('members.units.title')}</h1>
      <div class="table-scroll" role="region" aria-labelledby="units-caption" tabindex={0}>
        <table class="table">
          <caption id="units-caption">{t('members.units.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.units.name')}</th>
              <th scope="col">{t('members.units.kind')}</th>
              <th scope="col">{t('members.units.number')}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr>
                <th scope="row">{u.name}</th>
                <td>{t(`members.unit_kind.${u.kind}`)}</td>
                <td>{u.number ? (u.kind === 'establishment' ? formatEnterpriseNumber(u.number) : u.number) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.scope.mayCreateUnits && (
        <>
          <h2>{t('members.units.add')}</h2>
          <Form action={`/organisations/${enterprise.number}/units`} errors={props.errors} requiredNote>
            <Radios
              name="kind"
              label={t('members.units.kind')}
              required
              value={formValue(values, 'kind')}
              options={[
                { value: 'capacity', label: t('members.unit_kind.capacity'), hint: t('members.units.capacity_hint') },
                { value: 'sub_entity', label: t('members.unit_kind.sub_entity') },
              ]}
            />
            <TextInput name="name" label={t('members.units.name')} required value={formValue(values, 'name')} />
            <TextInput name="number" label={t('members.units.number')} hint={t('members.units.number_hint')} width="short" value={formValue(values, 'number')} />
            <Button>{t('members.units.create')}</Button>
          </Form>
        </>
      )}
    </Layout>
  );
}
