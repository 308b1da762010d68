import { Layout } from '../platform/views/layout';
import { usePage } from '../platform/views/page-context';

/** The front door: what Sésame offers, in the person's language, each section one click away. */
export function HomePage() {
  const { t } = usePage();
  const sections = [
    ['home.identify.title', 'home.identify.text', '/login'],
    ['home.keys.title', 'home.keys.text', '/keys'],
    ['home.access.title', 'home.access.text', '/organisations'],
    ['access.title', 'home.roles.text', '/access'],
    ['home.apps.title', 'home.apps.text', '/apps'],
    ['portal.home.ebox.title', 'portal.home.ebox.text', '/ebox'],
  ] as const;
  return (
    <Layout title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.intro')}</p>
      <ul class="cards">
        {sections.map(([title, text, href]) => (
          <li class="card">
            <h2>
              <a href={href}>{t(title)}</a>
            </h2>
            <p>{t(text)}</p>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
