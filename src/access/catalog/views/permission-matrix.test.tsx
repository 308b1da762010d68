import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/translate';
import { renderPage } from '../../../platform/views/render';
import { loadCatalogDir } from '../loader';
import { PermissionMatrix, RoleLabel } from './permission-matrix';

const render = (view: VNode, lang: 'fr' | 'en' = 'fr') => renderPage({ lang, t: translator(lang), csrfToken: 'token', url: '/', devTools: false }, view);
const shipped = loadCatalogDir('catalog/roles');
const application = shipped.applications.find((a) => a.id === 'espace-personnel-wallon')!;
const roles = shipped.roles.filter((r) => r.applicationId === application.id);

/** The table as text: one line per row, cells separated by |, the hidden words included. */
function rowsOf(html: string): string[] {
  const body = html.slice(html.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map(([, row]) =>
    [...row!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)]
      .map(([, cell]) => cell!.replace(/<span class="role-label__description".*?<\/span>/, '').replace(/<[^>]+>/g, ''))
      .join('|'),
  );
}

describe('the permission matrix', () => {
  it('shows the guide\'s roles against its permissions, with a word for screen readers in every cell', () => {
    const html = render(<PermissionMatrix application={application} roles={roles} />);
    expect(html).toContain('<caption id="matrix-espace-personnel-wallon-caption">Quel rôle choisir ? Espace Personnel Wallon</caption>');
    expect(html).toContain('<th scope="col">Rôle</th><th scope="col" class="permission-matrix__permission">Lire</th>');
    expect(html).toContain('<th scope="col" class="permission-matrix__permission">Gérer Espace</th>');
    expect(rowsOf(html)).toEqual([
      'Relecteur de dossiers|✓oui|non|non|non|non|non|non',
      'Rédacteur de dossiers|✓oui|✓oui|✓oui|✓oui|non|non|non',
      'Editeur de dossiers|✓oui|✓oui|✓oui|✓oui|✓oui|✓oui|non',
      "Gestionnaire de l'espace|✓oui|non|non|non|non|non|✓oui",
      "Propriétaire de l'espace|✓oui|✓oui|✓oui|✓oui|✓oui|✓oui|✓oui",
    ]);
    expect(html).toContain('<th scope="row">');
    expect(html).toContain('<span aria-hidden="true">✓</span><span class="visually-hidden">oui</span>');
  });

  it('speaks the reader\'s language', () => {
    const html = render(<PermissionMatrix application={application} roles={roles} />, 'en');
    expect(html).toContain('Which role to choose? Walloon Personal Space');
    expect(rowsOf(html)[0]).toBe('File reviewer|✓yes|no|no|no|no|no|no');
  });
});

describe('a role label', () => {
  it('is focusable and described by the role\'s long description', () => {
    const html = render(<RoleLabel role={roles[1]!} />);
    expect(html).toContain(
      '<span class="role-label__name" tabindex="0" aria-describedby="role-espace-personnel-wallon-redacteur-description">Rédacteur de dossiers</span>' +
        '<span class="role-label__description" role="tooltip" id="role-espace-personnel-wallon-redacteur-description">' +
        'Créer, lire, modifier et supprimer des dossiers ainsi que les éléments, formulaires et fichiers constituant ces dossiers.</span>',
    );
  });
});
