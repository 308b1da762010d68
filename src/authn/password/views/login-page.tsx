import { Button, Form, TextInput, type FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { KeyId } from '../../keys';
import { PasswordInput } from './password-input';

/** Username and password: the whole key at low level, the first step of the security-code keys. */
export function PasswordLoginPage(props: { keyId: KeyId; action: string; username?: string; errors?: FormErrors }) {
  const { t } = usePage();
  const title = t(`authn.key.${props.keyId}`);
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{t(`authn.key.${props.keyId}.text`)}</p>
      <Form action={props.action} errors={props.errors}>
        <TextInput name="username" label={t('password.username')} value={props.username} autocomplete="username" spellcheck={false} width="medium" required />
        <PasswordInput name="password" label={t('password.password')} autocomplete="current-password" />
        <Button>{props.keyId === 'password' ? t('password.login') : t('password.next')}</Button>
      </Form>
      <p>{t('password.no_account')}</p>
      <p><a href="/login">{t('password.other_key')}</a></p>
    </Layout>
  );
}
