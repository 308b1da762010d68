import type { ComponentChildren } from 'preact';
import { LANGUAGES, LANGUAGE_NAMES } from '../i18n/languages';
import { usePage } from './page-context';

/** The frame of every page: header with the language switcher, main content, footer. */
export function Layout(props: { title: string; children: ComponentChildren }) {
  const { t, lang, url, devTools, viewer, csrfToken } = usePage();
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('app.name')}`}</title>
        <link rel="stylesheet" href="/assets/sesame.css" />
        <script src="/assets/sesame.js" defer />
        {viewer && <meta name="csrf-token" content={csrfToken} />}
        {viewer && (
          <script
            src="/assets/session-timeout.js"
            defer
            data-title={t('session.warning.title')}
            data-text={t('session.warning.text')}
            data-text-last={t('session.warning.text_last')}
            data-extend={t('session.warning.extend')}
            data-logout={t('session.warning.logout')}
            data-failed={t('session.warning.failed')}
          />
        )}
      </head>
      <body>
        <a class="skip-link" href="#main">{t('layout.skip')}</a>
        <header class="site-header">
          <div class="container site-header__inner">
            <a class="brand" href="/">
              <span class="brand__name">{t('app.name')}</span>
              <span class="brand__tagline">{t('app.tagline')}</span>
            </a>
            {viewer && (
              <form class="viewer" method="post" action="/logout">
                <span class="viewer__name">{viewer.name}</span>
                <input type="hidden" name="_csrf" value={csrfToken} />
                <button type="submit" class="viewer__logout">{t('layout.logout')}</button>
              </form>
            )}
            <nav class="lang-switcher" aria-label={t('layout.language')}>
              <ul>
                {LANGUAGES.map((code) => (
                  <li>
                    <a
                      href={`/lang/${code}?next=${encodeURIComponent(url)}`}
                      hreflang={code}
                      lang={code}
                      aria-current={code === lang ? 'true' : undefined}
                      title={LANGUAGE_NAMES[code]}
                    >
                      {code.toUpperCase()}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="container" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>{t('layout.footer.about')}</p>
            <ul class="site-footer__links">
              <li><a href="/">{t('layout.home')}</a></li>
              {devTools && <li><a href="/dev">{t('layout.footer.devtools')}</a></li>}
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
