import type { Profile } from '../../../identity/service';
import { formatNrn } from '../../../registries/identifiers';
import { Banner } from '../../../platform/views/components/banner';
import { Button, EmailInput, Form, Radios, type FormErrors } from '../../../platform/views/components/form';
import { LANGUAGE_NAMES, LANGUAGES } from '../../../platform/i18n/languages';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { SelfServiceNav } from './self-service-nav';

export interface ProfilePageProps {
  profile: Profile;
  /** What the form shows: the stored values, or what was submitted when it comes back with errors. */
  values: { email: string; language: string };
  errors?: FormErrors;
  done?: 'saved' | 'unchanged';
}

/** "Mon profil": the register's name and number, read-only; the e-mail address and language, editable. */
export function ProfilePage(props: ProfilePageProps) {
  const { t } = usePage();
  const { profile } = props;
  return (
    <Layout title={t('selfservice.profile.title')}>
      <SelfServiceNav current="profile" />
      <h1>{t('selfservice.profile.title')}</h1>
      {props.done && (
        <Banner kind="success">
          <p>{t(`selfservice.profile.${props.done}`)}</p>
        </Banner>
      )}
      <p class="lead">{t('selfservice.profile.intro')}</p>
      <h2>{t('selfservice.profile.register')}</h2>
      <dl class="summary-list">
        <div class="summary-list__row">
          <dt>{t('selfservice.profile.name')}</dt>
          <dd>{`${profile.givenName} ${profile.familyName}`}</dd>
        </div>
        <div class="summary-list__row">
          <dt>{t('selfservice.profile.nrn')}</dt>
          <dd>{formatNrn(profile.person.nrn)}</dd>
        </div>
      </dl>
      <p>{t('selfservice.profile.register_note')}</p>
      <h2>{t('selfservice.profile.contact')}</h2>
      <Form action="/keys/profile" errors={props.errors} requiredNote>
        <EmailInput name="email" label={t('selfservice.profile.email')} hint={t('selfservice.profile.email_hint')} value={props.values.email} required />
        <Radios
          name="language"
          label={t('selfservice.profile.language')}
          hint={t('selfservice.profile.language_hint')}
          required
          value={props.values.language}
          options={LANGUAGES.map((code) => ({ value: code, label: <span lang={code}>{LANGUAGE_NAMES[code]}</span> }))}
        />
        <div class="wizard__actions">
          <Button>{t('common.save')}</Button>
        </div>
      </Form>
    </Layout>
  );
}
