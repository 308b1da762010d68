import { usePage } from '../../platform/views/page-context';

export type AccessSection = 'home' | 'tasks' | 'mine' | 'manage' | 'invitations';

/** "Home | Mes tâches ouvertes | Mes attributions de rôles | Gestion d'attribution de rôle | Gestion des invitations", as in the guide. */
export function AccessNav(props: { current: AccessSection }) {
  const { t } = usePage();
  const items = [
    { id: 'home', href: '/access', label: t('access.nav.home') },
    { id: 'tasks', href: '/access/tasks', label: t('access.nav.tasks') },
    { id: 'mine', href: '/access/mine', label: t('access.nav.mine') },
    { id: 'manage', href: '/access/manage', label: t('access.nav.manage') },
    { id: 'invitations', href: '/access/invitations', label: t('access.nav.invitations') },
  ] as const;
  return (
    <nav class="section-nav" aria-label={t('access.nav')}>
      <ul>
        {items.map((item) => (
          <li>
            <a href={item.href} aria-current={item.id === props.current ? 'page' : undefined}>
              {item.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
