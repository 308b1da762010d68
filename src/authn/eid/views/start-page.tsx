import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';

/** "Insert your card": the steps, and the way to the listener that asks for the certificate. */
export function EidStartPage(props: { listenerUrl: string; demo: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t('eid.start.title')}>
      <h1>{t('eid.start.title')}</h1>
      <p class="lead">{t('eid.start.intro')}</p>
      <ol class="steps">
        <li>{t('eid.start.step.insert')}</li>
        <li>{t('eid.start.step.continue')}</li>
        <li>{t('eid.start.step.choose')}</li>
        <li>{t('eid.start.step.pin')}</li>
      </ol>
      <p>
        <a class="button" id="eid-continue" href={props.listenerUrl}>{t('eid.start.continue')}</a>
      </p>
      {props.demo && <p class="banner banner--info">{t('eid.start.demo')}</p>}
      <p><a href="/login">{t('eid.start.other_key')}</a></p>
    </Layout>
  );
}
