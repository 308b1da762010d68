import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { RefusalReason } from '../model';

/** The clear page a refused certificate gets, instead of a TLS failure. */
export function EidRefusedPage(props: { reason: RefusalReason; retryUrl: string; otherKeyUrl: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('eid.refused.title')}>
      <h1>{t('eid.refused.title')}</h1>
      <div class="banner banner--error" role="alert" data-reason={props.reason}>
        <p>{t(`eid.refused.${props.reason}`)}</p>
      </div>
      <ul class="actions">
        <li><a href={props.retryUrl}>{t('eid.refused.retry')}</a></li>
        <li><a href={props.otherKeyUrl}>{t('eid.refused.other_key')}</a></li>
      </ul>
    </Layout>
  );
}
