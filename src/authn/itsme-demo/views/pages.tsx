import type { ComponentChildren } from 'preact';
import { formatNrn } from '../../../registries/identifiers';
import { usePage } from '../../../platform/views/page-context';
import type { DemoAccount } from '../accounts';

/** Every page of the demo provider says, first and plainly, that it is not itsme. */
export function DemoLayout(props: { title: string; children: ComponentChildren }) {
  const { t, lang } = usePage();
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${t('itsme_demo.label')}`}</title>
        <link rel="stylesheet" href="/demo.css" />
      </head>
      <body>
        <header class="demo-banner" id="demo-banner">
          <strong>{t('itsme_demo.label')}</strong>
          <span>{t('itsme_demo.label.text')}</span>
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}

function AccountList(props: { accounts: DemoAccount[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="demo-accounts">
      <h2 id="demo-accounts">{t('itsme_demo.accounts.title')}</h2>
      <table>
        <thead>
          <tr><th scope="col">{t('itsme_demo.accounts.phone')}</th><th scope="col">{t('itsme_demo.accounts.nrn')}</th></tr>
        </thead>
        <tbody>
          {props.accounts.map((account) => (
            <tr>
              <td>{account.phone}</td>
              <td>
                {account.nrn ? formatNrn(account.nrn) : t('itsme_demo.accounts.none')}
                {account.level === 'basic' && ` (${t('itsme_demo.accounts.basic')})`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Step 2 of the guide: "Introduisez votre numéro de téléphone et cliquez sur « envoyer »". */
export function PhoneNumberPage(props: { uid: string; phone?: string; error?: 'itsme_demo.phone.invalid' | 'itsme_demo.phone.unknown'; accounts: DemoAccount[] }) {
  const { t } = usePage();
  return (
    <DemoLayout title={t('itsme_demo.phone.title')}>
      <h1>{t('itsme_demo.phone.title')}</h1>
      <p>{t('itsme_demo.phone.intro')}</p>
      {props.error && <p class="error" role="alert" id="phone-error">{t(props.error)}</p>}
      <form method="post" action={`/interaction/${props.uid}`}>
        <label for="phone">{t('itsme_demo.phone.label')}</label>
        <p class="hint" id="phone-hint">{t('itsme_demo.phone.hint')}</p>
        <input id="phone" name="phone" type="tel" autocomplete="tel" required value={props.phone ?? ''}
          aria-describedby={props.error ? 'phone-hint phone-error' : 'phone-hint'} aria-invalid={props.error ? 'true' : undefined} />
        <button type="submit">{t('itsme_demo.phone.send')}</button>
      </form>
      <AccountList accounts={props.accounts} />
    </DemoLayout>
  );
}

/** Step 3 of the guide, the smartphone: the request of the application, "Confirmer" or "Refuser". */
export function AppPage(props: { uid: string; phone: string; clientName: string }) {
  const { t } = usePage();
  return (
    <DemoLayout title={t('itsme_demo.app.title')}>
      <div class="phone" aria-labelledby="app-title">
        <p class="phone__device">{t('itsme_demo.app.device', { phone: props.phone })}</p>
        <h1 id="app-title">{t('itsme_demo.app.title')}</h1>
        <p class="phone__request">{t('itsme_demo.app.request', { client: props.clientName })}</p>
        <p>{t('itsme_demo.app.shares', { client: props.clientName })}</p>
        <form method="post" action={`/interaction/${props.uid}/app`} class="phone__actions">
          <button type="submit" name="decision" value="confirm" class="confirm">{t('itsme_demo.app.confirm')}</button>
          <button type="submit" name="decision" value="refuse" class="refuse">{t('itsme_demo.app.refuse')}</button>
        </form>
      </div>
    </DemoLayout>
  );
}

export function MessagePage(props: { title: string; message: string; alert?: boolean }) {
  return (
    <DemoLayout title={props.title}>
      <h1>{props.title}</h1>
      <p role={props.alert ? 'alert' : undefined}>{props.message}</p>
    </DemoLayout>
  );
}
