import { formValue, formValues, type FormBody } from './form-data';
import { searchable } from './pagination';

/**
 * The two-list selector ("Valeurs possibles / Valeurs choisies") without
 * JavaScript: its buttons post the form with `_move=<name>:<move>`, the
 * server computes the new choice with {@link moveTwoList} and renders the
 * page again. The chosen values travel in hidden fields named `<name>`; the
 * selects only say which values the person highlighted.
 */

export const TWO_LIST_MOVE_FIELD = '_move';
export const TWO_LIST_MOVES = ['add', 'remove', 'addAll', 'removeAll', 'filter'] as const;
export type TwoListMove = (typeof TWO_LIST_MOVES)[number];

export interface TwoListOption {
  value: string;
  label: string;
}

export interface TwoListState {
  /** Chosen values, in the options' order; only values that are options. */
  chosen: string[];
  /** The filter text applied to the possible values. */
  filter: string;
  /** True when this request was a move of this list (show the page again, do not submit). */
  moved: boolean;
}

/** The names of the fields a two-list named `name` posts. */
export function twoListFields(name: string) {
  return { chosen: name, available: `${name}__available`, selected: `${name}__chosen`, filter: `${name}__filter` };
}

/** Whether an option's label matches a filter, ignoring case and accents. */
export function matchesFilter(label: string, filter: string): boolean {
  return searchable(label).includes(searchable(filter.trim()));
}

/** The possible values to list: options not chosen that match the filter. */
export function availableOptions(options: readonly TwoListOption[], chosen: readonly string[], filter: string): TwoListOption[] {
  const taken = new Set(chosen);
  return options.filter((option) => !taken.has(option.value) && matchesFilter(option.label, filter));
}

/**
 * The chosen values after a move. `selected` are the values highlighted in
 * the possible list (for add) and in the chosen list (for remove); "add all"
 * adds every possible value that the filter shows. Unknown values are dropped.
 */
export function moveTwoList(
  options: readonly TwoListOption[],
  chosen: readonly string[],
  move: TwoListMove,
  selected: { available: readonly string[]; chosen: readonly string[] },
  filter = '',
): string[] {
  const next = new Set(chosen);
  if (move === 'add') selected.available.forEach((v) => next.add(v));
  if (move === 'addAll') availableOptions(options, chosen, filter).forEach((o) => next.add(o.value));
  if (move === 'remove') selected.chosen.forEach((v) => next.delete(v));
  if (move === 'removeAll') next.clear();
  return options.filter((option) => next.has(option.value)).map((option) => option.value);
}

/** Reads a two-list from a posted body, applying its move when one of its buttons was pressed. */
export function readTwoList(body: FormBody, name: string, options: readonly TwoListOption[]): TwoListState {
  const fields = twoListFields(name);
  const chosen = moveTwoList(options, formValues(body, fields.chosen), 'add', { available: [], chosen: [] });
  const filter = formValue(body, fields.filter).trim().slice(0, 100);
  const [target, move] = formValue(body, TWO_LIST_MOVE_FIELD).split(':');
  if (target !== name || !(TWO_LIST_MOVES as readonly string[]).includes(move ?? '')) return { chosen, filter, moved: false };
  const selected = { available: formValues(body, fields.available), chosen: formValues(body, fields.selected) };
  return { chosen: moveTwoList(options, chosen, move as TwoListMove, selected, filter), filter, moved: true };
}
