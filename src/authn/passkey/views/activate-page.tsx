import { TextInput, type FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { Loa } from '../../loa';
import { stepUpPath } from '../../self-service/model';
import { PasskeyForm } from './passkey-form';

export type ActivatePageProps =
  | { allowed: true; challengeId: string; options: unknown; label: string; errors?: FormErrors }
  | { allowed: false; requiredLevel: Loa };

/** "Activer une clé d'accès", from an identified session strong enough. */
export function ActivatePasskeyPage(props: ActivatePageProps) {
  const { t } = usePage();
  return (
    <Layout title={t('passkey.activate.title')}>
      <p>
        <a href="/keys">{t('selfservice.nav.keys')}</a>
      </p>
      <h1>{t('passkey.activate.title')}</h1>
      <p class="lead">{t('passkey.activate.intro')}</p>
      {props.allowed ? (
        <PasskeyForm mode="register" action="/keys/passkey/activate" challengeId={props.challengeId} options={props.options} submit={t('passkey.activate.submit')} errors={props.errors}>
          <TextInput name="label" label={t('passkey.activate.label')} hint={t('passkey.activate.label_hint')} value={props.label} width="medium" autocomplete="off" />
        </PasskeyForm>
      ) : (
        <div class="banner banner--info">
          <p>{t('selfservice.keys.needs_level', { level: t(`authn.level.${props.requiredLevel}`) })}</p>
          <p>
            <a href={stepUpPath(props.requiredLevel)}>{t('selfservice.keys.step_up')}</a>
          </p>
        </div>
      )}
    </Layout>
  );
}
