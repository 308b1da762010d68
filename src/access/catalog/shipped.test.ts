import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../platform/testing/app';
import { loadCatalogDir } from './loader';
import { catalogOf, type Catalog } from './service';

/** The catalog shipped in catalog/roles, as a started application holds it (demo data on, as in tests). */
let t: TestApp;
let catalog: Catalog;
beforeAll(async () => {
  t = await createTestApp();
  catalog = await catalogOf(t.ctx);
});
afterAll(() => t.close());

describe('the shipped catalog', () => {
  it('passes every rule and is applied when the application starts', () => {
    expect(() => loadCatalogDir(t.ctx.config.catalogDir)).not.toThrow();
    expect(catalog.applications.length).toBeGreaterThanOrEqual(8);
    expect(catalog.roles.length).toBeGreaterThanOrEqual(15);
  });

  it('holds the domains access managers are designated for', () => {
    expect(catalog.domains.map((d) => d.id)).toEqual(expect.arrayContaining(['finances', 'mobility', 'social_security', 'flemish_government', 'walloon_region']));
  });

  it('holds the permission matrix of "Espace Personnel Wallon" exactly as the guide shows it', () => {
    const app = catalog.application('espace-personnel-wallon')!;
    expect(app).toMatchObject({ domainId: 'walloon_region', clients: ['mon-espace', 'demo-authorization'], url: 'http://localhost:3001/', audience: 'enterprise' });
    expect(app.categories.fr).toBe('Transversal');
    expect(app.permissions.map((p) => p.names.fr)).toEqual(['Lire', 'Modifier', 'Créer', 'Supprimer', 'Signer', 'Soumettre', 'Gérer Espace']);
    const matrix = Object.fromEntries(catalog.rolesOf(app.id).map((r) => [r.names.fr, r.permissions]));
    expect(matrix).toEqual({
      'Relecteur de dossiers': ['read'],
      'Rédacteur de dossiers': ['read', 'modify', 'create', 'delete'],
      'Editeur de dossiers': ['read', 'modify', 'create', 'delete', 'sign', 'submit'],
      "Gestionnaire de l'espace": ['read', 'manage_space'],
      "Propriétaire de l'espace": ['read', 'modify', 'create', 'delete', 'sign', 'submit', 'manage_space'],
    });
    expect(catalog.rolesOf(app.id).map((r) => r.code)).toEqual(['relecteur', 'redacteur', 'editeur', 'gestionnaire', 'proprietaire']);
    const redacteur = catalog.role(app.id, 'redacteur')!;
    expect(redacteur.shortDescriptions.fr).toBe('Créer, lire, modifier et supprimer les dossiers.');
    expect(redacteur.longDescriptions.fr).toBe('Créer, lire, modifier et supprimer des dossiers ainsi que les éléments, formulaires et fichiers constituant ces dossiers.');
  });

  it('shows every kind of role the journeys need', () => {
    const roles = catalog.roles;
    expect(roles.some((r) => r.approval === 'automatic')).toBe(true);
    expect(roles.some((r) => r.endDateRequired)).toBe(true);
    expect(roles.some((r) => r.minLoa === 'high')).toBe(true);
    expect(catalog.rolesOf('dienstencheques').every((r) => r.unitKind === 'establishment')).toBe(true);
    expect(roles.filter((r) => r.unitKind === 'capacity').map((r) => r.applicationId)).toEqual(expect.arrayContaining(['myhandicap', 'dimona']));
    expect(catalog.applications.some((a) => a.audience === 'citizen')).toBe(true);
    expect(catalog.applications.every((a) => a.supportEmail && a.descriptions.fr)).toBe(true);
    expect(catalog.applicationsOfClient('mon-espace').map((a) => a.id)).toEqual(['espace-personnel-wallon']);
  });
});
