import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { KEYS } from '../keys';
import { atLeast, type Loa } from '../loa';

/** The digital keys, as the guides list them; those below the application's level are shown but not offered. */
export function LoginPage(props: { required: Loa }) {
  const { t } = usePage();
  const someUnavailable = KEYS.some((key) => !atLeast(key.loa, props.required));
  return (
    <Layout title={t('authn.login.title')}>
      <h1>{t('authn.login.title')}</h1>
      <p class="lead">{t('authn.login.intro')}</p>
      {someUnavailable && <p class="banner banner--info">{t('authn.login.level_note')}</p>}
      <ul class="keys">
        {KEYS.map((key) => {
          const available = atLeast(key.loa, props.required);
          return (
            <li class={available ? 'key' : 'key key--unavailable'} id={`key-${key.id}`}>
              <h2>{available ? <a href={key.path}>{t(`authn.key.${key.id}`)}</a> : t(`authn.key.${key.id}`)}</h2>
              <p>{t(`authn.key.${key.id}.text`)}</p>
              <p class="key__level">{t('authn.login.level', { level: t(`authn.level.${key.loa}`) })}</p>
              {!available && <p class="key__reason">{t('authn.login.unavailable')}</p>}
            </li>
          );
        })}
      </ul>
    </Layout>
  );
}
