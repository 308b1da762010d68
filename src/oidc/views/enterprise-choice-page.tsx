import { Button, Form, Radios } from '../../platform/views/components/form';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';

export interface EnterpriseOption {
  number: string;
  formatted: string;
  name: string;
  /** The person's role names in this enterprise, for the application. */
  roles: string[];
}

/** Above this many enterprises, the page offers a search. */
export const SEARCH_FROM = 8;

/** "Se connecter au nom d'une organisation": the enterprise the person acts for in the application. */
export function EnterpriseChoicePage(props: { uid: string; application: string; options: EnterpriseOption[]; total: number; query: string; error?: string }) {
  const { t } = usePage();
  const action = `/interaction/${encodeURIComponent(props.uid)}/enterprise`;
  const title = t('oidc.enterprise.title');
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{t('oidc.enterprise.lead', { application: props.application })}</p>
      {props.total > SEARCH_FROM && (
        <form method="get" action={action} role="search" class="search">
          <label for="enterprise-search">{t('oidc.enterprise.search')}</label>
          <input id="enterprise-search" type="search" name="q" value={props.query} />
          <button class="button button--secondary" type="submit">
            {t('oidc.enterprise.search_button')}
          </button>
        </form>
      )}
      {props.options.length === 0 ? (
        <p>{t('oidc.enterprise.none_found')}</p>
      ) : (
        <Form action={action} errors={props.error ? { enterprise: props.error } : undefined}>
          <Radios
            name="enterprise"
            label={t('oidc.enterprise.legend')}
            required
            value={props.options.length === 1 ? props.options[0]!.number : undefined}
            options={props.options.map((o) => ({ value: o.number, label: `${o.name} (${o.formatted})`, hint: o.roles.join(', ') }))}
          />
          <Button>{t('oidc.enterprise.continue')}</Button>
        </Form>
      )}
    </Layout>
  );
}
