import { Banner } from '../../../platform/views/components/banner';
import { Button, Form, TextInput, type FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { CodeKind } from '../../codes/service';

export interface CodePrompt {
  kind: CodeKind;
  /** SMS or e-mail: the masked destination. */
  to?: string;
  /** Token card: the position asked for and the card's serial. */
  position?: number;
  serial?: string;
}

/** The second step: the security code of the channel the person chose. */
export function CodeStepPage(props: { prompt: CodePrompt; errors?: FormErrors; notice?: string }) {
  const { t } = usePage();
  const { prompt } = props;
  const title = t(`authn.key.password_${prompt.kind}`);
  const hint =
    prompt.kind === 'totp'
      ? t('codes.totp.hint')
      : prompt.kind === 'token'
        ? t('codes.token.hint', { position: prompt.position ?? 0, serial: prompt.serial ?? '' })
        : t(`codes.${prompt.kind}.hint`, { to: prompt.to ?? '' });
  const label = prompt.kind === 'token' ? t('codes.token.position', { position: prompt.position ?? 0 }) : t('codes.code');
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      {props.notice && <Banner kind="info">{props.notice}</Banner>}
      <Form action="/login/password/code" errors={props.errors}>
        <TextInput name="code" label={label} hint={hint} autocomplete="one-time-code" inputmode="numeric" width="short" spellcheck={false} required />
        <Button>{t('codes.submit')}</Button>
      </Form>
      {(prompt.kind === 'sms' || prompt.kind === 'email') && (
        <Form action="/login/password/code/resend" class="form form--inline">
          <Button variant="secondary">{t('codes.resend')}</Button>
        </Form>
      )}
      <p><a href="/login">{t('password.other_key')}</a></p>
    </Layout>
  );
}
