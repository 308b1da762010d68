import type { ComponentChildren } from 'preact';
import { Button, Form, type FormErrors } from '../../../platform/views/components/form';
import { usePage } from '../../../platform/views/page-context';

/**
 * The form public/passkey.js drives: on submit it hands `options` to
 * navigator.credentials, puts the answer in the hidden `credential` field
 * and sends the form. Without JavaScript the form still posts, and the
 * server says JavaScript is needed.
 */
export function PasskeyForm(props: {
  mode: 'register' | 'login';
  action: string;
  challengeId: string;
  options: unknown;
  submit: string;
  errors?: FormErrors;
  children?: ComponentChildren;
}) {
  const { t } = usePage();
  return (
    <>
      <noscript>
        <p class="banner banner--info">{t('passkey.needs_javascript')}</p>
      </noscript>
      <Form action={props.action} errors={props.errors} id="passkey-form">
        <div
          hidden
          data-passkey={props.mode}
          data-options={JSON.stringify(props.options)}
          data-cancelled={t('passkey.cancelled')}
          data-unsupported={t('passkey.unsupported')}
        />
        <input type="hidden" name="challengeId" value={props.challengeId} />
        <input type="hidden" name="credential" value="" />
        {props.children}
        <p class="field__error" role="alert" data-passkey-error />
        <div class="wizard__actions">
          <Button>{props.submit}</Button>
        </div>
      </Form>
      <script src="/assets/passkey.js" defer />
    </>
  );
}
