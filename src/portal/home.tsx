import { Layout } from '../platform/views/layout';
import { usePage } from '../platform/views/page-context';

/** The front door: what Sésame offers, in the person's language. */
export function HomePage() {
  const { t } = usePage();
  const sections = [
    ['home.identify.title', 'home.identify.text'],
    ['home.keys.title', 'home.keys.text'],
    ['home.access.title', 'home.access.text'],
    ['home.apps.title', 'home.apps.text'],
  ] as const;
  return (
    <Layout title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <ul class="cards">
        {sections.map(([title, text]) => (
          <li class="card">
            <h2>{t(title)}</h2>
            <p>{t(text)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
