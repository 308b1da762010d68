import type { FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { PasskeyForm } from './passkey-form';

/** "S'identifier avec une clé d'accès": any passkey the browser holds for this site. */
export function PasskeyLoginPage(props: { challengeId: string; options: unknown; errors?: FormErrors }) {
  const { t } = usePage();
  return (
    <Layout title={t('passkey.login.title')}>
      <h1>{t('passkey.login.title')}</h1>
      <p class="lead">{t('passkey.login.intro')}</p>
      <PasskeyForm mode="login" action="/login/passkey" challengeId={props.challengeId} options={props.options} submit={t('passkey.login.submit')} errors={props.errors} />
      <p>
        <a href="/login">{t('passkey.login.other_key')}</a>
      </p>
    </Layout>
  );
}
