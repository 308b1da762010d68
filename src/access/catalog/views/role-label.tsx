import { usePage } from '../../../platform/views/page-context';
import type { Role } from '../model';

/**
 * A role's name whose long description shows on hover and on keyboard focus
 * (the name is focusable), and is read by screen readers as its description.
 * `idPrefix` keeps ids unique when a page shows the same role twice.
 */
export function RoleLabel(props: { role: Role; idPrefix?: string }) {
  const { lang } = usePage();
  const { role } = props;
  const id = `${props.idPrefix ?? 'role'}-${role.applicationId}-${role.code}-description`;
  return (
    <span class="role-label">
      <span class="role-label__name" tabindex={0} aria-describedby={id}>
        {role.names[lang]}
      </span>
      <span class="role-label__description" role="tooltip" id={id}>
        {role.longDescriptions[lang]}
      </span>
    </span>
  );
}
