import { describe, expect, it } from 'vitest';
import { actingEnterprise, permissionsFor } from './permissions';

const role = (enterprise: string, code: string, permissions: string[]) => ({ enterprise, application: 'espace-personnel-wallon', role: code, permissions, unit: null });

describe('Mon Espace permissions from the token', () => {
  const redacteur = role('0723641873', 'redacteur', ['read', 'modify', 'create', 'delete']);
  const editeur = role('0212685564', 'editeur', ['read', 'modify', 'create', 'delete', 'sign', 'submit']);

  it('a Rédacteur may create, modify and delete, but not sign or submit', () => {
    const p = permissionsFor({ roles: [redacteur] }, '0723641873');
    expect([...p].sort()).toEqual(['create', 'delete', 'modify', 'read']);
  });

  it('counts only the roles of the enterprise the person acts for, and of this application', () => {
    const claims = { enterprise: '0723641873', roles: [redacteur, editeur, { ...editeur, enterprise: '0723641873', application: 'other' }] };
    expect(actingEnterprise(claims)).toBe('0723641873');
    expect(permissionsFor(claims, '0723641873').has('submit')).toBe(false);
    expect(permissionsFor(claims, '0212685564').has('submit')).toBe(true);
  });

  it('acts for the only enterprise of the roles when the token names none, and for none when there are several', () => {
    expect(actingEnterprise({ roles: [redacteur] })).toBe('0723641873');
    expect(actingEnterprise({ roles: [redacteur, editeur] })).toBeNull();
    expect(permissionsFor({ roles: [redacteur] }, null).size).toBe(0);
  });

  it('ignores malformed claims', () => {
    expect(permissionsFor({ roles: 'admin' }, '0723641873').size).toBe(0);
    expect(permissionsFor({ roles: [{ enterprise: '0723641873', application: 'espace-personnel-wallon', role: 'x', permissions: 'all' }] }, '0723641873').size).toBe(0);
  });
});
