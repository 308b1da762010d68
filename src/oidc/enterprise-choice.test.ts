import { describe, expect, it } from 'vitest';
import { filterOptions } from './enterprise-choice';

const options = [
  { number: '0723641873', formatted: '0723.641.873', name: 'Ateliers Zéphyr', roles: ['Editeur de dossiers'] },
  { number: '0551207943', formatted: '0551.207.943', name: 'Boulangerie Lambert', roles: ['Relecteur de dossiers'] },
];

describe('the search of the enterprise choice', () => {
  it('keeps every enterprise for an empty search', () => {
    expect(filterOptions(options, '  ')).toEqual(options);
  });

  it('finds an enterprise by part of its name, whatever the case', () => {
    expect(filterOptions(options, 'zÉph').map((o) => o.number)).toEqual(['0723641873']);
  });

  it('finds an enterprise by its number, with or without dots', () => {
    expect(filterOptions(options, '0551.207').map((o) => o.number)).toEqual(['0551207943']);
    expect(filterOptions(options, '641873').map((o) => o.number)).toEqual(['0723641873']);
  });

  it('finds nothing for a search that matches no name nor number', () => {
    expect(filterOptions(options, 'brasserie')).toEqual([]);
  });
});
