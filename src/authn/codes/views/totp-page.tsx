import { Button, Form, TextInput, type FormErrors } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';

/** Enrolment of an authenticator app: the QR code, the key in text, and the first code to confirm. */
export function TotpActivatePage(props: { secret: string; qrDataUrl: string; errors?: FormErrors }) {
  const { t } = usePage();
  const grouped = props.secret.match(/.{1,4}/g)?.join(' ') ?? props.secret;
  return (
    <Layout title={t('codes.totp.title')}>
      <h1>{t('codes.totp.title')}</h1>
      <p>{t('codes.totp.step1')}</p>
      <p>{t('codes.totp.step2')}</p>
      <p><img src={props.qrDataUrl} alt={t('codes.totp.qr_alt')} width={200} height={200} /></p>
      <p>{t('codes.totp.manual')}</p>
      <p><code id="totp-secret" data-secret={props.secret}>{grouped}</code></p>
      <p>{t('codes.totp.step3')}</p>
      <Form action="/keys/totp/activate" errors={props.errors}>
        <TextInput name="code" label={t('codes.code')} autocomplete="one-time-code" inputmode="numeric" width="short" spellcheck={false} required />
        <Button>{t('codes.confirm')}</Button>
      </Form>
    </Layout>
  );
}
