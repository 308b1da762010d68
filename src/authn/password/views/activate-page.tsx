import { Button, Form, TextInput, type FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import { PasswordInput } from './password-input';

/** Choosing (or replacing) a username and password, from a high-level session. */
export function ActivatePasswordPage(props: { username?: string; replacing: boolean; errors?: FormErrors }) {
  const { t } = usePage();
  return (
    <Layout title={t('password.activate.title')}>
      <h1>{t('password.activate.title')}</h1>
      <p class="lead">{t('password.activate.intro')}</p>
      {props.replacing && <p>{t('password.activate.replace')}</p>}
      <Form action="/keys/password/activate" errors={props.errors} requiredNote>
        <TextInput name="username" label={t('password.username')} hint={t('password.username.hint')} value={props.username} autocomplete="username" spellcheck={false} width="medium" required />
        <PasswordInput name="password" label={t('password.password')} hint={t('password.password.hint')} autocomplete="new-password" />
        <PasswordInput name="confirmation" label={t('password.confirmation')} autocomplete="new-password" />
        <Button>{t('password.activate.submit')}</Button>
      </Form>
    </Layout>
  );
}
