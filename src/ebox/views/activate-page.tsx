import { Banner } from '../../platform/views/components/banner';
import { EmailInput, Form, type FormErrors } from '../../platform/views/components/form';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import type { EboxAccount } from '../service';

/** "Activer l'eBox": the person gives the address notices go to; a link confirms it. */
export function ActivatePage(props: { account: EboxAccount | undefined; email: string; sentTo?: string; errors?: FormErrors }) {
  const { t } = usePage();
  const { account } = props;
  return (
    <Layout title={t('ebox.activate.title')}>
      <p>
        <a href="/ebox">{t('ebox.back')}</a>
      </p>
      <h1>{t('ebox.activate.title')}</h1>
      {props.sentTo && (
        <Banner kind="success" title={t('ebox.activate.sent.title')}>
          <p>{t('ebox.activate.sent.text', { email: props.sentTo })}</p>
        </Banner>
      )}
      <p>{t('ebox.activate.intro')}</p>
      {account?.email && <p>{t('ebox.inbox.active', { email: account.email })}</p>}
      {account?.pendingEmail && !props.sentTo && <p>{t('ebox.inbox.inactive.pending', { email: account.pendingEmail })}</p>}
      <Form action="/ebox/activate" errors={props.errors} requiredNote>
        <EmailInput name="email" label={t('ebox.activate.email')} hint={t('ebox.activate.email_hint')} required value={props.email} />
        <button type="submit" class="button">{t(account?.email ? 'ebox.activate.submit_change' : 'ebox.activate.submit')}</button>
      </Form>
    </Layout>
  );
}

/** The confirmation link's page: a button, so that a mail scanner opening the link confirms nothing. */
export function ConfirmPage(props: { token: string; failed?: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t('ebox.confirm.title')}>
      <h1>{t('ebox.confirm.title')}</h1>
      {props.failed ? (
        <>
          <Banner kind="failure">
            <p>{t('ebox.confirm.failed')}</p>
          </Banner>
          <p>
            <a href="/ebox/activate">{t('ebox.confirm.again')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('ebox.confirm.text')}</p>
          <Form action="/ebox/activate/confirm">
            <input type="hidden" name="token" value={props.token} />
            <button type="submit" class="button">{t('ebox.confirm.submit')}</button>
          </Form>
        </>
      )}
    </Layout>
  );
}
