import { describe, expect, it } from 'vitest';
import { availableOptions, moveTwoList, readTwoList } from './two-list-state';

const options = [
  { value: 'biztax', label: 'Biztax' },
  { value: 'dimona', label: 'Dimona' },
  { value: 'dmfa', label: 'DmfA' },
  { value: 'elections', label: 'Élections sociales' },
];
const none = { available: [], chosen: [] };

describe('moving values between the two lists', () => {
  it('adds the highlighted possible values, in the options’ order', () => {
    expect(moveTwoList(options, ['dmfa'], 'add', { available: ['elections', 'biztax'], chosen: [] })).toEqual(['biztax', 'dmfa', 'elections']);
  });

  it('removes the highlighted chosen values', () => {
    expect(moveTwoList(options, ['biztax', 'dmfa'], 'remove', { available: [], chosen: ['biztax'] })).toEqual(['dmfa']);
  });

  it('adds all the possible values the filter shows', () => {
    expect(moveTwoList(options, [], 'addAll', none, 'd')).toEqual(['dimona', 'dmfa']);
    expect(moveTwoList(options, ['dimona'], 'addAll', none)).toEqual(['biztax', 'dimona', 'dmfa', 'elections']);
  });

  it('removes all the chosen values', () => {
    expect(moveTwoList(options, ['biztax', 'dmfa'], 'removeAll', none)).toEqual([]);
  });

  it('drops values that are not options', () => {
    expect(moveTwoList(options, ['biztax', 'admin'], 'add', { available: ['root'], chosen: [] })).toEqual(['biztax']);
  });

  it('lists as possible the options not chosen that match the filter, ignoring accents', () => {
    expect(availableOptions(options, ['dimona'], 'ELECT').map((o) => o.value)).toEqual(['elections']);
    expect(availableOptions(options, ['dimona'], '').map((o) => o.value)).toEqual(['biztax', 'dmfa', 'elections']);
  });
});

describe('reading a posted two-list', () => {
  it('applies the move of its own button', () => {
    const body = { apps: ['dmfa'], apps__available: ['biztax', 'dimona'], _move: 'apps:add' };
    expect(readTwoList(body, 'apps', options)).toEqual({ chosen: ['biztax', 'dimona', 'dmfa'], filter: '', moved: true });
  });

  it('ignores the buttons of another list and unknown moves', () => {
    expect(readTwoList({ apps: 'dmfa', _move: 'other:add', apps__available: 'biztax' }, 'apps', options)).toMatchObject({ chosen: ['dmfa'], moved: false });
    expect(readTwoList({ apps: 'dmfa', _move: 'apps:steal' }, 'apps', options)).toMatchObject({ chosen: ['dmfa'], moved: false });
  });

  it('keeps the filter, and a filter button is a move that changes no choice', () => {
    expect(readTwoList({ apps: 'dmfa', apps__filter: ' elec ', _move: 'apps:filter' }, 'apps', options)).toEqual({
      chosen: ['dmfa'],
      filter: 'elec',
      moved: true,
    });
  });
});
