import { Button, ButtonLink, Form } from '../../platform/views/components/form';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { formatNrn } from '../../registries/identifiers';
import type { Application, Domain } from '../../access/catalog/model';
import { applicationNamesIn, domainNamesIn, mandateLabel } from '../labels';
import type { ManagerView } from '../service';

/** "Révoquer ce mandat ?": the confirmation before a mandate ends. */
export function RevokePage(props: { manager: ManagerView; domains: readonly Domain[]; applications?: readonly Application[] }) {
  const { t, lang } = usePage();
  const m = props.manager;
  const base = `/organisations/${m.enterpriseNumber}/managers`;
  const role = mandateLabel(t, m, m.unit, domainNamesIn(props.domains, lang), applicationNamesIn(props.applications ?? [], lang));
  return (
    <Layout title={t('organisations.revoke.title')}>
      <h1>{t('organisations.revoke.title')}</h1>
      <p>{t('organisations.revoke.text', { name: `${m.person.givenName} ${m.person.familyName}`, nrn: formatNrn(m.person.nrn), role })}</p>
      <Form action={`${base}/${m.id}/revoke`}>
        <div class="wizard__actions">
          <ButtonLink href={base}>{t('common.cancel')}</ButtonLink>
          <Button>{t('organisations.revoke.confirm')}</Button>
        </div>
      </Form>
    </Layout>
  );
}
