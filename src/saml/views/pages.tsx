import { createHash } from 'node:crypto';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import type { Refusal } from '../sso';

const REASON_KEYS = {
  unknown_sp: 'saml.refused.unknown_sp',
  unknown_acs: 'saml.refused.unknown_acs',
  unsupported_binding: 'saml.refused.unsupported_binding',
  invalid_request: 'saml.refused.invalid_request',
  invalid_signature: 'saml.refused.invalid_signature',
  stale: 'saml.refused.stale',
  no_slo: 'saml.refused.no_slo',
} as const satisfies Record<Refusal, string>;

/** A request we do not answer to the SP: the person reads why, and nothing is sent anywhere. */
export function RequestRefused(props: { reason: Refusal; entityId?: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('saml.refused.title')}>
      <h1>{t('saml.refused.title')}</h1>
      <div class="banner banner--error" role="alert">
        <p>{t(REASON_KEYS[props.reason])}</p>
        {props.entityId && <p>{t('saml.refused.entity', { entity: props.entityId })}</p>}
      </div>
      <p>{t('saml.refused.advice')}</p>
      <p><a href="/">{t('layout.home')}</a></p>
    </Layout>
  );
}

export function RequestExpired() {
  const { t } = usePage();
  return (
    <Layout title={t('saml.expired.title')}>
      <h1>{t('saml.expired.title')}</h1>
      <div class="banner banner--error" role="alert">
        <p>{t('saml.expired.text')}</p>
      </div>
      <p><a href="/">{t('layout.home')}</a></p>
    </Layout>
  );
}

/** Submits the form as soon as the page loads; the button is there without JavaScript. */
export const AUTO_SUBMIT = "document.getElementById('saml-post').submit();";
/** The CSP source that allows exactly that inline script. */
export const AUTO_SUBMIT_HASH = `'sha256-${createHash('sha256').update(AUTO_SUBMIT).digest('base64')}'`;

/** The HTTP-POST binding: the signed Response goes to the SP's ACS URL through the browser. */
export function PostToServiceProvider(props: { acsUrl: string; samlResponse: string; relayState?: string; spName: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('saml.post.title')}>
      <h1>{t('saml.post.title')}</h1>
      <p class="lead">{t('saml.post.text', { name: props.spName })}</p>
      <form id="saml-post" method="post" action={props.acsUrl}>
        <input type="hidden" name="SAMLResponse" value={props.samlResponse} />
        {props.relayState !== undefined && <input type="hidden" name="RelayState" value={props.relayState} />}
        <button class="button" type="submit" autofocus>
          {t('saml.post.continue')}
        </button>
      </form>
      <script dangerouslySetInnerHTML={{ __html: AUTO_SUBMIT }} />
    </Layout>
  );
}
