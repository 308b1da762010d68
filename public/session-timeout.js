// The idle-timeout warning (loaded only when a person is identified).
// Without this script nothing is lost: the next request after the idle
// deadline simply finds no session. Texts come translated from the server
// in this element's data- attributes (data-text with a {minutes} placeholder,
// data-text-last for the last minute); the CSRF token in <meta name="csrf-token">.
(() => {
  const script = document.currentScript;
  if (!script || typeof HTMLDialogElement !== 'function') return;
  const text = script.dataset;
  const WARN_MS = Number(text.warnMs) || 2 * 60_000;
  const POLL_MS = Number(text.pollMs) || 30_000;
  const TICK_MS = 1_000;

  let deadline = null; // the session's idle deadline, in ms since the epoch, by the server's clock
  let skew = 0; // the server's clock minus this browser's: the deadline is measured against the server's time
  let expired = false; // sent to the login page, or leaving the page: nothing more to do
  let dialog = null;
  let lastPoll = 0;

  const csrfToken = () => document.querySelector('meta[name="csrf-token"]')?.getAttribute('content') ?? '';

  function goToLogin() {
    if (expired) return;
    expired = true;
    const back = location.pathname + location.search;
    location.assign(`/login?${new URLSearchParams({ return: back })}`);
  }

  function apply(status) {
    if (expired) return;
    if (!status || !status.active) return goToLogin();
    deadline = Date.parse(status.idleDeadline);
    const serverNow = Date.parse(status.now);
    if (!Number.isNaN(serverNow)) skew = serverNow - Date.now();
    tick();
  }

  let polling = false;
  async function poll() {
    lastPoll = Date.now();
    polling = true;
    try {
      const response = await fetch('/session/status', { credentials: 'same-origin', headers: { accept: 'application/json' } });
      if (response.ok) apply(await response.json());
    } catch {
      // Offline for a moment: the next poll tries again.
    } finally {
      polling = false;
    }
  }

  async function extend() {
    try {
      const response = await fetch('/session/extend', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'csrf-token': csrfToken() },
      });
      if (response.status === 401) return goToLogin();
      if (!response.ok) throw new Error(String(response.status));
      hide();
      apply(await response.json());
    } catch {
      const message = dialog?.querySelector('[data-session-message]');
      if (message) message.textContent = text.failed ?? '';
    }
  }

  function logout() {
    const form = document.querySelector('form[action="/logout"]');
    if (form) form.requestSubmit();
    else goToLogin();
  }

  function build() {
    dialog = document.createElement('dialog');
    dialog.className = 'session-timeout';
    dialog.setAttribute('role', 'alertdialog');
    dialog.setAttribute('aria-labelledby', 'session-timeout-title');
    dialog.setAttribute('aria-describedby', 'session-timeout-text');
    const title = document.createElement('h2');
    title.id = 'session-timeout-title';
    title.textContent = text.title ?? '';
    const body = document.createElement('p');
    body.id = 'session-timeout-text';
    const message = document.createElement('p');
    message.setAttribute('role', 'status');
    message.dataset.sessionMessage = '';
    const actions = document.createElement('div');
    actions.className = 'wizard__actions';
    const extendButton = button(text.extend, 'button button--primary', extend);
    extendButton.dataset.sessionExtend = '';
    actions.append(extendButton, button(text.logout, 'button button--secondary', logout));
    dialog.append(title, body, message, actions);
    // Escape would close the dialog without extending: treat it as "not now", the deadline still stands.
    dialog.addEventListener('cancel', (event) => event.preventDefault());
    document.body.append(dialog);
  }

  function button(label, className, onClick) {
    const element = document.createElement('button');
    element.type = 'button';
    element.className = className;
    element.textContent = label ?? '';
    element.addEventListener('click', onClick);
    return element;
  }

  // Whole minutes left, rounded up: "2 minutes" from 2:00 down to 1:01, then the last minute's own text.
  function remaining(left) {
    const minutes = Math.ceil(left / 60_000);
    return minutes <= 1 ? (text.textLast ?? '') : (text.text ?? '').replace('{minutes}', String(minutes));
  }

  function show(left) {
    if (!dialog) build();
    const body = dialog.querySelector('#session-timeout-text');
    const wanted = remaining(left);
    // Changed only when the count does, so assistive technology is not told the same thing every second.
    if (body.textContent !== wanted) body.textContent = wanted;
    if (dialog.open) return;
    dialog.showModal();
    dialog.querySelector('[data-session-extend]').focus();
  }

  function hide() {
    if (dialog?.open) dialog.close();
  }

  function tick() {
    if (deadline === null || expired) return;
    const left = deadline - (Date.now() + skew);
    // The deadline passed: ask the server (at most once a tick), which may know of activity in another tab.
    if (left <= 0) {
      if (!polling) void poll();
      return;
    }
    if (left <= WARN_MS) show(left);
    else hide();
  }

  // A form sent or a link followed (the logout among them): the next page takes over.
  window.addEventListener('pagehide', () => {
    expired = true;
  });
  document.addEventListener('submit', (event) => {
    if (!event.defaultPrevented) expired = true;
  });

  setInterval(() => {
    if (Date.now() - lastPoll >= POLL_MS) void poll();
    else tick();
  }, TICK_MS);
  void poll();
})();
