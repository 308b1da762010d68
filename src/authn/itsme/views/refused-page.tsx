import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { RefusalReason } from '../model';

/** Why the identification through itsme did not succeed, and the two ways on: try again, or another key. */
export function RefusedPage(props: { reason: RefusalReason; otherKeyHref: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('itsme.refused.title')}>
      <h1>{t('itsme.refused.title')}</h1>
      <div class="banner banner--error" role="alert" id="itsme-refusal" data-reason={props.reason}>
        <p>{t(`itsme.refused.${props.reason}`)}</p>
      </div>
      <ul class="actions">
        <li><a href="/login/itsme">{t('itsme.retry')}</a></li>
        <li><a href={props.otherKeyHref}>{t('itsme.other_key')}</a></li>
      </ul>
    </Layout>
  );
}
