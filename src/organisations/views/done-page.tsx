import { Banner } from '../../platform/views/components/banner';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { formatEnterpriseNumber } from '../../registries/identifiers';

/** "Gestionnaire d'Accès Principal désigné !" with the links to manage access. */
export function DonePage(props: { enterpriseName: string; enterpriseNumber: string; self: boolean; principalName: string; email: string }) {
  const { t } = usePage();
  const enterprise = `${props.enterpriseName} (${formatEnterpriseNumber(props.enterpriseNumber)})`;
  return (
    <Layout title={t('organisations.done.title')}>
      <Banner kind="success" title={t('organisations.done.title')}>
        <p>
          {t(props.self ? 'organisations.done.text_self' : 'organisations.done.text_other', { enterprise, name: props.principalName, email: props.email })}
        </p>
      </Banner>
      <h1>{t('organisations.done.next')}</h1>
      <ul>
        <li>
          <a href={`/organisations/${props.enterpriseNumber}/managers`}>{t('organisations.done.managers')}</a>
        </li>
        {props.self && (
          <li>
            <a href="/access">{t('organisations.done.roles')}</a>
          </li>
        )}
        <li>
          <a href="/organisations/register">{t('organisations.done.another_principal')}</a>
        </li>
      </ul>
    </Layout>
  );
}
