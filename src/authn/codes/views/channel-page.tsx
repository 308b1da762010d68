import { Banner } from '../../../platform/views/components/banner';
import { Button, Form, TextInput, type FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';

/**
 * Activation of a code by SMS or e-mail, in two steps on one page: where to
 * send (the number typed, or the profile's address), then the code sent there.
 */
export function ChannelActivatePage(props: {
  channel: 'sms' | 'email';
  /** The profile's e-mail address, for the e-mail key. */
  email?: string;
  /** Set once a code was sent: the masked destination. */
  sentTo?: string;
  phone?: string;
  notice?: string;
  errors?: FormErrors;
}) {
  const { t } = usePage();
  const title = t(`codes.${props.channel}.title`);
  const action = `/keys/${props.channel}/activate`;
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p class="lead">{props.channel === 'sms' ? t('codes.sms.intro') : t('codes.email.intro', { to: props.email ?? '' })}</p>
      {props.notice && <Banner kind="info">{props.notice}</Banner>}
      {props.sentTo ? (
        <>
          <Form action={action} errors={props.errors}>
            <input type="hidden" name="step" value="confirm" />
            <TextInput name="code" label={t('codes.code')} hint={t('codes.sent_to', { to: props.sentTo })} autocomplete="one-time-code" inputmode="numeric" width="short" spellcheck={false} required />
            <Button>{t('codes.confirm')}</Button>
          </Form>
          <Form action={action} class="form form--inline">
            <input type="hidden" name="step" value="resend" />
            <Button variant="secondary">{t('codes.resend')}</Button>
          </Form>
        </>
      ) : (
        <Form action={action} errors={props.errors}>
          <input type="hidden" name="step" value="send" />
          {props.channel === 'sms' && (
            <TextInput name="phone" type="tel" label={t('codes.sms.phone')} hint={t('codes.sms.phone_hint')} value={props.phone} autocomplete="tel" inputmode="tel" width="medium" required />
          )}
          <Button>{t('codes.send')}</Button>
        </Form>
      )}
    </Layout>
  );
}
