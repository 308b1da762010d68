import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import { renderPage } from '../../platform/views/render';

/** The provider's own pages (logout confirmation, errors) rendered as ours: same layout, same language. */
function render(request: FastifyRequest, reply: FastifyReply, view: VNode): string {
  return renderPage({ lang: request.lang, t: request.t, csrfToken: reply.generateCsrf(), url: request.url, devTools: false }, view);
}

function LogoutConfirmation(props: { action: string; xsrf: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('oidc.logout.title')}>
      <h1>{t('oidc.logout.title')}</h1>
      <p class="lead">{t('oidc.logout.question')}</p>
      <form method="post" action={props.action}>
        <input type="hidden" name="xsrf" value={props.xsrf} />
        <button class="button" type="submit" name="logout" value="yes" autofocus>
          {t('oidc.logout.confirm')}
        </button>
      </form>
    </Layout>
  );
}

function LogoutDone() {
  const { t } = usePage();
  return (
    <Layout title={t('oidc.logout.done.title')}>
      <h1>{t('oidc.logout.done.title')}</h1>
      <div class="banner banner--success" role="status">
        <p>{t('oidc.logout.done.text')}</p>
      </div>
      <p><a href="/">{t('layout.home')}</a></p>
    </Layout>
  );
}

function ProviderError(props: { code: string }) {
  const { t } = usePage();
  return (
    <Layout title={t('oidc.error.title')}>
      <h1>{t('oidc.error.title')}</h1>
      <div class="banner banner--error" role="alert">
        <p>{t('oidc.error.text')}</p>
        <p>{t('oidc.error.code', { code: props.code })}</p>
      </div>
      <p><a href="/">{t('layout.home')}</a></p>
    </Layout>
  );
}

/** The provider hands its form as HTML; we take its action and token and draw our own. */
export function renderLogoutConfirmation(request: FastifyRequest, reply: FastifyReply, form: string): string {
  const action = /action="([^"]+)"/.exec(form)?.[1] ?? '';
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
  return render(request, reply, <LogoutConfirmation action={action} xsrf={xsrf} />);
}

export function renderLogoutDone(request: FastifyRequest, reply: FastifyReply): string {
  return render(request, reply, <LogoutDone />);
}

export function renderProviderError(request: FastifyRequest, reply: FastifyReply, code: string): string {
  return render(request, reply, <ProviderError code={code} />);
}

/** Our interaction route's answer when the sign-in request is unknown or expired. */
export function InteractionExpired() {
  const { t } = usePage();
  return (
    <Layout title={t('oidc.interaction.expired.title')}>
      <h1>{t('oidc.interaction.expired.title')}</h1>
      <div class="banner banner--error" role="alert">
        <p>{t('oidc.interaction.expired.text')}</p>
      </div>
      <p><a href="/">{t('layout.home')}</a></p>
    </Layout>
  );
}
