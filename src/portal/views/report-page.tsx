import type { Application } from '../../access/catalog/service';
import { Banner } from '../../platform/views/components/banner';
import { EmailInput, Form, Textarea, TextInput, type FormErrors } from '../../platform/views/components/form';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';

/** "Signaler un problème" with an application. */
export function ReportPage(props: { application: Application; values: Record<string, string>; errors?: FormErrors }) {
  const { t, lang } = usePage();
  const name = props.application.names[lang];
  return (
    <Layout title={t('portal.report.title', { application: name })}>
      <p><a href="/apps">{t('portal.back')}</a></p>
      <h1>{t('portal.report.title', { application: name })}</h1>
      <p>{props.application.supportEmail ? t('portal.report.intro') : t('portal.report.intro_no_support')}</p>
      <Form action={`/apps/${encodeURIComponent(props.application.id)}/report`} errors={props.errors} requiredNote>
        <TextInput name="subject" label={t('portal.report.subject')} required value={props.values.subject} />
        <Textarea name="description" label={t('portal.report.description')} hint={t('portal.report.description_hint')} required value={props.values.description} rows={8} />
        <EmailInput name="contactEmail" label={t('portal.report.email')} hint={t('portal.report.email_hint')} value={props.values.contactEmail} />
        <button type="submit" class="button">{t('portal.report.submit')}</button>
      </Form>
    </Layout>
  );
}

export function ReportSentPage(props: { application: Application }) {
  const { t, lang } = usePage();
  return (
    <Layout title={t('portal.report.sent.title')}>
      <h1>{t('portal.report.sent.title')}</h1>
      <Banner kind="success">
        <p>{t(props.application.supportEmail ? 'portal.report.sent.text' : 'portal.report.sent.text_kept', { application: props.application.names[lang] })}</p>
      </Banner>
      <p><a href="/apps">{t('portal.back')}</a></p>
    </Layout>
  );
}
