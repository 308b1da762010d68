// The two-list selector, enhanced: the same buttons move the highlighted
// values inside the page instead of posting the form, the filter filters as
// one types, and the chosen values are kept in the hidden fields the server
// reads. Without this file every button posts the form and the server moves
// the values (src/platform/views/two-list-state.ts): keep both in step.
(() => {
  // Same rule as searchable() on the server: ignore case and accents.
  const searchable = (text) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

  function enhance(root) {
    if (root.dataset.twoListReady) return; // the script tag comes once per selector on the page
    root.dataset.twoListReady = 'true';
    const name = root.dataset.twoList;
    const available = root.querySelector('[data-two-list-available]');
    const chosen = root.querySelector('[data-two-list-chosen]');
    const values = root.querySelector('[data-two-list-values]');
    const filter = root.querySelector('[data-two-list-filter]');
    const status = root.querySelector('[data-two-list-status]');
    const filterButton = root.querySelector('[data-two-list-filter-button]');
    if (filterButton) filterButton.hidden = true;

    const visible = (option) => !option.hidden;
    const matches = (option) => searchable(option.textContent).includes(searchable(filter ? filter.value.trim() : ''));

    // Keep each list in the options' original order, whatever the order of moves.
    function insertInOrder(select, option) {
      const order = Number(option.dataset.order);
      const after = [...select.options].find((o) => Number(o.dataset.order) > order);
      select.insertBefore(option, after || null);
    }

    function sync() {
      values.replaceChildren(
        ...[...chosen.options].map((option) => {
          const input = document.createElement('input');
          input.type = 'hidden';
          input.name = name;
          input.value = option.value;
          return input;
        }),
      );
      if (status) status.textContent = root.dataset.statusTemplate.replace('{count}', String(chosen.options.length));
    }

    function move(options, to) {
      for (const option of options) {
        option.selected = false;
        option.hidden = to === available && !matches(option);
        insertInOrder(to, option);
      }
      sync();
    }

    root.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('[data-move]') : null;
      if (!button || !root.contains(button)) return;
      event.preventDefault();
      const kind = button.dataset.move;
      if (kind === 'add') move([...available.selectedOptions].filter(visible), chosen);
      if (kind === 'addAll') move([...available.options].filter(visible), chosen);
      if (kind === 'remove') move([...chosen.selectedOptions], available);
      if (kind === 'removeAll') move([...chosen.options], available);
    });

    // A double-click moves one value across, as in most desktop selectors.
    available.addEventListener('dblclick', (event) => {
      if (event.target instanceof HTMLOptionElement) move([event.target], chosen);
    });
    chosen.addEventListener('dblclick', (event) => {
      if (event.target instanceof HTMLOptionElement) move([event.target], available);
    });

    if (filter) {
      filter.addEventListener('input', () => {
        for (const option of available.options) {
          option.hidden = !matches(option);
          if (option.hidden) option.selected = false;
        }
      });
      // Filtering is live: Enter must not submit the whole form.
      filter.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') event.preventDefault();
      });
    }
  }

  document.querySelectorAll('[data-two-list]').forEach(enhance);
})();
