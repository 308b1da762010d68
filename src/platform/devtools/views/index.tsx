import { Layout } from '../../views/layout';
import { usePage } from '../../views/page-context';

/** /dev: the developer tools of this installation. */
export function DevIndexPage(props: { mailbox: boolean }) {
  const { t } = usePage();
  return (
    <Layout title={t('dev.title')}>
      <h1>{t('dev.title')}</h1>
      <p class="lead">{t('dev.intro')}</p>
      <ul class="dev-tools">
        <li>
          <a href="/dev/components">{t('dev.components.title')}</a>
          <p>{t('dev.components.text')}</p>
        </li>
        {props.mailbox && (
          <li>
            <a href="/dev/mailbox">{t('dev.mailbox.title')}</a>
            <p>{t('dev.mailbox.text')}</p>
          </li>
        )}
      </ul>
    </Layout>
  );
}
