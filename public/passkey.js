// Drives the passkey forms (activation and identification) with the
// browser's WebAuthn API. The options come from the server in the form's
// data-options; the answer goes back in the hidden "credential" field.
(() => {
  const marker = document.querySelector('[data-passkey]');
  const form = marker && marker.closest('form');
  if (!form) return;
  const mode = marker.dataset.passkey;
  const options = JSON.parse(marker.dataset.options);
  const errorBox = form.querySelector('[data-passkey-error]');
  const field = form.querySelector('input[name="credential"]');

  const toBytes = (b64url) => {
    const b64 = b64url.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(b64url.length / 4) * 4, '=');
    return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  };
  const toText = (buffer) => {
    let binary = '';
    for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const withBytes = (descriptors) => (descriptors || []).map((d) => ({ ...d, id: toBytes(d.id) }));

  function publicKey() {
    if (mode === 'register') {
      return {
        ...options,
        challenge: toBytes(options.challenge),
        user: { ...options.user, id: toBytes(options.user.id) },
        excludeCredentials: withBytes(options.excludeCredentials),
      };
    }
    return { ...options, challenge: toBytes(options.challenge), allowCredentials: withBytes(options.allowCredentials) };
  }

  function asJSON(credential) {
    const r = credential.response;
    const response =
      mode === 'register'
        ? {
            clientDataJSON: toText(r.clientDataJSON),
            attestationObject: toText(r.attestationObject),
            transports: typeof r.getTransports === 'function' ? r.getTransports() : [],
          }
        : {
            clientDataJSON: toText(r.clientDataJSON),
            authenticatorData: toText(r.authenticatorData),
            signature: toText(r.signature),
            ...(r.userHandle ? { userHandle: toText(r.userHandle) } : {}),
          };
    return {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      response,
      clientExtensionResults: credential.getClientExtensionResults(),
      ...(credential.authenticatorAttachment ? { authenticatorAttachment: credential.authenticatorAttachment } : {}),
    };
  }

  function fail(message) {
    errorBox.textContent = message;
  }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    fail(marker.dataset.unsupported);
    return;
  }

  let busy = false;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    errorBox.textContent = '';
    try {
      const credential =
        mode === 'register'
          ? await navigator.credentials.create({ publicKey: publicKey() })
          : await navigator.credentials.get({ publicKey: publicKey() });
      if (!credential) throw new Error('no credential');
      field.value = JSON.stringify(asJSON(credential));
      form.submit();
    } catch {
      busy = false;
      fail(marker.dataset.cancelled);
    }
  });
})();
