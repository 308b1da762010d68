import { usePage } from '../../../platform/views/page-context';

/** "Mes clés numériques | Mon profil", as in the guides' tabs. */
export function SelfServiceNav(props: { current: 'keys' | 'profile' }) {
  const { t } = usePage();
  const items = [
    { id: 'keys', href: '/keys', label: t('selfservice.nav.keys') },
    { id: 'profile', href: '/keys/profile', label: t('selfservice.nav.profile') },
  ] as const;
  return (
    <nav class="self-service-nav" aria-label={t('selfservice.nav')}>
      <ul class="site-footer__links">
        {items.map((item) => (
          <li>
            <a href={item.href} aria-current={item.id === props.current ? 'page' : undefined}>{item.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
