// Progressive enhancement only: every page works without this file.
document.documentElement.classList.add('js');

// A form came back with errors: start from the summary of what to fix (it is
// announced and keyboard users begin there), and let its links put the focus
// in the field they name, with the field's label in view.
const summary = document.querySelector('[data-error-summary]');
if (summary) {
  summary.focus();
  summary.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href^="#"]') : null;
    const target = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    event.preventDefault();
    const fieldset = target.closest('fieldset');
    const label = (fieldset && fieldset.querySelector('legend')) || document.querySelector(`label[for="${CSS.escape(target.id)}"]`);
    (label || target).scrollIntoView();
    target.focus({ preventScroll: true });
  });
}
