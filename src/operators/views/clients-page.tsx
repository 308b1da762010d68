import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';

export interface OidcClientRow {
  id: string;
  name: string;
  minLoa: string;
  grants: string[];
  urls: string[];
  source: 'catalog' | 'cli';
}

export interface SamlProviderRow {
  id: string;
  name: string;
  minLoa: string;
  urls: string[];
  releaseNrn: boolean;
  source: 'catalog' | 'cli';
}

function Urls(props: { urls: string[] }) {
  return (
    <ul class="plain">
      {props.urls.map((u) => (
        <li>
          <code>{u}</code>
        </li>
      ))}
    </ul>
  );
}

/** "Relying applications": every OpenID client and SAML service provider, for the platform's operators. */
export function ClientsPage(props: { oidc: OidcClientRow[]; saml: SamlProviderRow[] }) {
  const { t } = usePage();
  const source = (s: 'catalog' | 'cli') => t(s === 'catalog' ? 'operators.clients.source.catalog' : 'operators.clients.source.cli');
  return (
    <Layout title={t('operators.clients.title')}>
      <h1>{t('operators.clients.title')}</h1>
      <p class="lead">{t('operators.clients.intro')}</p>
      <table>
        <caption>{t('operators.clients.oidc')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operators.clients.id')}</th>
            <th scope="col">{t('operators.clients.name')}</th>
            <th scope="col">{t('operators.clients.min_loa')}</th>
            <th scope="col">{t('operators.clients.grants')}</th>
            <th scope="col">{t('operators.clients.urls')}</th>
            <th scope="col">{t('operators.clients.source')}</th>
          </tr>
        </thead>
        <tbody>
          {props.oidc.map((c) => (
            <tr>
              <th scope="row">
                <code>{c.id}</code>
              </th>
              <td>{c.name}</td>
              <td>{c.minLoa}</td>
              <td>{c.grants.join(', ')}</td>
              <td>
                <Urls urls={c.urls} />
              </td>
              <td>{source(c.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.oidc.length === 0 && <p>{t('operators.clients.none')}</p>}
      <table>
        <caption>{t('operators.clients.saml')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('operators.clients.id')}</th>
            <th scope="col">{t('operators.clients.name')}</th>
            <th scope="col">{t('operators.clients.min_loa')}</th>
            <th scope="col">{t('operators.clients.urls')}</th>
            <th scope="col">{t('operators.clients.nrn')}</th>
            <th scope="col">{t('operators.clients.source')}</th>
          </tr>
        </thead>
        <tbody>
          {props.saml.map((sp) => (
            <tr>
              <th scope="row">
                <code>{sp.id}</code>
              </th>
              <td>{sp.name}</td>
              <td>{sp.minLoa}</td>
              <td>
                <Urls urls={sp.urls} />
              </td>
              <td>{t(sp.releaseNrn ? 'operators.yes' : 'operators.no')}</td>
              <td>{source(sp.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.saml.length === 0 && <p>{t('operators.clients.none')}</p>}
    </Layout>
  );
}
