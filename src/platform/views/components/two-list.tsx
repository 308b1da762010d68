import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import { fieldId } from '../form-data';
import { usePage } from '../page-context';
import { availableOptions, TWO_LIST_MOVE_FIELD, twoListFields, type TwoListOption, type TwoListState } from '../two-list-state';
import { ErrorsContext } from './form';

export interface TwoListProps {
  /** The field name: the chosen values are posted as repeated `name` fields. */
  name: string;
  legend: ComponentChildren;
  options: TwoListOption[];
  /** The current state, from readTwoList() on a post or `{ chosen: [...], filter: '' }` on first display. */
  state: Pick<TwoListState, 'chosen' | 'filter'>;
  required?: boolean;
  hint?: ComponentChildren;
  /** The message to show; by default the one <Form errors> holds for `name`. */
  error?: string;
  /** Visible rows of each list. */
  size?: number;
}

/**
 * "Valeurs possibles / Valeurs choisies": two multiple selects with Add →,
 * Add all, ← Remove, Remove all and a filter. Place it inside a <Form>.
 * Without JavaScript each button posts the form (`_move`) and the server
 * moves the values (readTwoList); with public/two-list.js the same buttons
 * move them in the page and the filter filters as one types.
 * The error summary's link lands on the possible values.
 */
export function TwoList(props: TwoListProps) {
  const { t } = usePage();
  const errors = useContext(ErrorsContext);
  const error = props.error ?? errors[props.name];
  const fields = twoListFields(props.name);
  const id = fieldId(props.name);
  const { chosen, filter } = props.state;
  const order = new Map(props.options.map((option, i) => [option.value, i]));
  const chosenOptions = props.options.filter((option) => chosen.includes(option.value));
  const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  const move = (value: string) => `${props.name}:${value}`;
  return (
    <div
      class={error ? 'field field--error two-list' : 'field two-list'}
      data-two-list={props.name}
      data-status-template={t('twolist.status', { count: '{count}' })}
    >
      <fieldset class="two-list__fieldset" aria-describedby={describedBy}>
        <legend class="field__label">
          {props.legend}
          {props.required && <span class="field__required" aria-hidden="true"> *</span>}
          {props.required && <span class="visually-hidden"> ({t('common.required')})</span>}
        </legend>
        <div id={`${id}-hint`} class="field__hint">
          {props.hint !== undefined && <>{props.hint} </>}
          {t('twolist.hint')}
        </div>
        {error && (
          <p id={`${id}-error`} class="field__error">
            <span class="visually-hidden">{t('form.error_prefix')} </span>
            {error}
          </p>
        )}
        <div class="two-list__filter">
          <label class="two-list__label" for={`${id}-filter`}>{t('twolist.filter')}</label>
          <div class="two-list__filter-row">
            <input class="input input--medium" type="search" id={`${id}-filter`} name={fields.filter} value={filter} maxlength={100} data-two-list-filter />
            <button type="submit" class="button button--secondary" name={TWO_LIST_MOVE_FIELD} value={move('filter')} data-two-list-filter-button>
              {t('twolist.filter_button')}
            </button>
          </div>
        </div>
        <div class="two-list__columns">
          <div class="two-list__column">
            <label class="two-list__label" for={id}>{t('twolist.available')}</label>
            <select class="two-list__select" multiple id={id} name={fields.available} size={props.size ?? 8} data-two-list-available>
              {availableOptions(props.options, chosen, filter).map((option) => (
                <option value={option.value} data-order={order.get(option.value)}>{option.label}</option>
              ))}
            </select>
          </div>
          <div class="two-list__buttons" role="group" aria-label={t('twolist.actions')}>
            <button type="submit" class="button button--secondary" name={TWO_LIST_MOVE_FIELD} value={move('add')} data-move="add">
              {t('twolist.add')} <span aria-hidden="true">→</span>
            </button>
            <button type="submit" class="button button--secondary" name={TWO_LIST_MOVE_FIELD} value={move('addAll')} data-move="addAll">
              {t('twolist.add_all')} <span aria-hidden="true">⇉</span>
            </button>
            <button type="submit" class="button button--secondary" name={TWO_LIST_MOVE_FIELD} value={move('remove')} data-move="remove">
              <span aria-hidden="true">←</span> {t('twolist.remove')}
            </button>
            <button type="submit" class="button button--secondary" name={TWO_LIST_MOVE_FIELD} value={move('removeAll')} data-move="removeAll">
              <span aria-hidden="true">⇇</span> {t('twolist.remove_all')}
            </button>
          </div>
          <div class="two-list__column">
            <label class="two-list__label" for={`${id}-chosen`}>
              {t('twolist.chosen')}
              {props.required && <span class="field__required" aria-hidden="true"> *</span>}
            </label>
            <select class="two-list__select" multiple id={`${id}-chosen`} name={fields.selected} size={props.size ?? 8} data-two-list-chosen>
              {chosenOptions.map((option) => (
                <option value={option.value} data-order={order.get(option.value)}>{option.label}</option>
              ))}
            </select>
          </div>
        </div>
        <div data-two-list-values>
          {chosenOptions.map((option) => (
            <input type="hidden" name={fields.chosen} value={option.value} />
          ))}
        </div>
        <p class="visually-hidden" aria-live="polite" data-two-list-status></p>
      </fieldset>
      <script src="/assets/two-list.js" defer />
    </div>
  );
}
