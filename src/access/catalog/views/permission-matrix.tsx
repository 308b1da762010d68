import { usePage } from '../../../platform/views/page-context';
import type { Application, Role } from '../model';
import { RoleLabel } from './role-label';

export { RoleLabel } from './role-label';

/**
 * "Quel rôle choisir ?": the roles of an application (rows) against its
 * permissions (columns), a ✓ where the role grants the permission. Screen
 * readers hear "yes" or "no" in every cell, with the row and column headers.
 */
export function PermissionMatrix(props: { application: Application; roles: Role[]; id?: string }) {
  const { t, lang } = usePage();
  const { application, roles } = props;
  const id = props.id ?? `matrix-${application.id}`;
  return (
    <div class="table-scroll permission-matrix" role="region" aria-labelledby={`${id}-caption`} tabindex={0} id={id}>
      <table class="table">
        <caption id={`${id}-caption`}>{t('catalog.matrix.caption', { application: application.names[lang] })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('catalog.matrix.role')}</th>
            {application.permissions.map((p) => (
              <th scope="col" class="permission-matrix__permission">{p.names[lang]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {roles.map((role) => (
            <tr>
              <th scope="row">
                <RoleLabel role={role} idPrefix={id} />
              </th>
              {application.permissions.map((p) => (
                <td class="permission-matrix__cell">
                  {role.permissions.includes(p.code) ? (
                    <>
                      <span aria-hidden="true">✓</span>
                      <span class="visually-hidden">{t('catalog.matrix.yes')}</span>
                    </>
                  ) : (
                    <span class="visually-hidden">{t('catalog.matrix.no')}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
