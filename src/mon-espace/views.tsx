import type { ComponentChildren } from 'preact';
import type { Action } from './permissions';
import type { Dossier } from './store';

/*
 * Mon Espace is the Walloon region's demo application: its pages are in
 * French, as the guide's "Espace Personnel Wallon" is. (Sésame's own pages
 * are in four languages; a relying application chooses its own.)
 */

export interface Viewer {
  name: string;
  enterprise: string | null;
  level: string;
  roles: string[];
  permissions: Set<Action>;
  csrf: string;
}

const LEVELS: Record<string, string> = {
  'urn:sesame:loa:low': 'faible',
  'urn:sesame:loa:substantial': 'substantiel',
  'urn:sesame:loa:high': 'élevé',
};

const STATUS: Record<Dossier['status'], string> = { draft: 'Brouillon', signed: 'Signé', submitted: 'Soumis' };

const formatEnterprise = (n: string) => `${n.slice(0, 4)}.${n.slice(4, 7)}.${n.slice(7)}`;

export function Page(props: { title: string; viewer?: Viewer; children: ComponentChildren }) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · Mon Espace`}</title>
        <link rel="stylesheet" href="/style.css" />
      </head>
      <body>
        <header>
          <p class="brand">
            <a href="/">Mon Espace</a> <span class="demo">application de démonstration</span>
          </p>
          {props.viewer && (
            <form method="post" action="/logout">
              <input type="hidden" name="csrf" value={props.viewer.csrf} />
              <span>{props.viewer.name}</span> <button type="submit">Se déconnecter</button>
            </form>
          )}
        </header>
        <main>{props.children}</main>
      </body>
    </html>
  );
}

export function WelcomePage() {
  return (
    <Page title="Bienvenue">
      <h1>Mon Espace</h1>
      <p>Les dossiers de votre entreprise : créer, lire, modifier, supprimer, signer et soumettre, selon votre rôle dans « Espace Personnel Wallon ».</p>
      <p>
        <a class="button" href="/login">
          S’identifier avec Sésame
        </a>
      </p>
    </Page>
  );
}

function Identity(props: { viewer: Viewer }) {
  const v = props.viewer;
  return (
    <dl class="identity">
      <dt>Identifié(e)</dt>
      <dd>{v.name}</dd>
      <dt>Pour l’entreprise</dt>
      <dd>{v.enterprise ? formatEnterprise(v.enterprise) : 'aucune'}</dd>
      <dt>Niveau de garantie</dt>
      <dd>{LEVELS[v.level] ?? v.level}</dd>
      <dt>Vos rôles</dt>
      <dd>{v.roles.length ? v.roles.join(', ') : 'aucun'}</dd>
      <dt>Vous pouvez</dt>
      <dd>{v.permissions.size ? [...v.permissions].join(', ') : 'rien'}</dd>
    </dl>
  );
}

export function HomePage(props: { viewer: Viewer; dossiers: Dossier[]; notice?: string }) {
  const { viewer } = props;
  const can = (a: Action) => viewer.permissions.has(a);
  return (
    <Page title="Mes dossiers" viewer={viewer}>
      <h1>Mes dossiers</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <Identity viewer={viewer} />
      {!viewer.enterprise && <p>Vous n’avez aucun rôle dans « Espace Personnel Wallon » : demandez-en un dans le portail de Sésame.</p>}
      {can('read') && (
        <table>
          <caption>Dossiers de l’entreprise</caption>
          <thead>
            <tr>
              <th scope="col">Titre</th>
              <th scope="col">Statut</th>
              <th scope="col">Modifié par</th>
            </tr>
          </thead>
          <tbody>
            {props.dossiers.map((d) => (
              <tr>
                <td>
                  <a href={`/dossiers/${d.id}`}>{d.title}</a>
                </td>
                <td>{STATUS[d.status]}</td>
                <td>{d.updatedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {can('create') && (
        <form method="post" action="/dossiers">
          <h2>Nouveau dossier</h2>
          <input type="hidden" name="csrf" value={viewer.csrf} />
          <label for="title">Titre</label>
          <input id="title" name="title" required maxlength={200} />
          <label for="body">Contenu</label>
          <textarea id="body" name="body" maxlength={5000} />
          <button type="submit">Créer le dossier</button>
        </form>
      )}
    </Page>
  );
}

export function DossierPage(props: { viewer: Viewer; dossier: Dossier }) {
  const { viewer, dossier: d } = props;
  const can = (a: Action) => viewer.permissions.has(a);
  const action = (path: string, label: string) => (
    <form method="post" action={`/dossiers/${d.id}/${path}`} class="inline">
      <input type="hidden" name="csrf" value={viewer.csrf} />
      <button type="submit">{label}</button>
    </form>
  );
  return (
    <Page title={d.title} viewer={viewer}>
      <p>
        <a href="/">← Mes dossiers</a>
      </p>
      <h1>{d.title}</h1>
      <p>
        Statut : <strong>{STATUS[d.status]}</strong>
        {d.signedBy && ` — signé par ${d.signedBy}`}
        {d.submittedBy && ` — soumis par ${d.submittedBy}`}
      </p>
      {d.status === 'draft' && can('modify') ? (
        <form method="post" action={`/dossiers/${d.id}`}>
          <input type="hidden" name="csrf" value={viewer.csrf} />
          <label for="title">Titre</label>
          <input id="title" name="title" value={d.title} required maxlength={200} />
          <label for="body">Contenu</label>
          <textarea id="body" name="body" maxlength={5000}>
            {d.body}
          </textarea>
          <button type="submit">Enregistrer</button>
        </form>
      ) : (
        <p class="body">{d.body}</p>
      )}
      <div class="actions">
        {d.status === 'draft' && can('sign') && action('sign', 'Signer')}
        {d.status === 'signed' && can('submit') && action('submit', 'Soumettre')}
        {d.status === 'draft' && can('delete') && action('delete', 'Supprimer')}
      </div>
      {d.status !== 'submitted' && !can('submit') && <p class="hint">Votre rôle ne permet pas de soumettre un dossier : il faut le rôle Éditeur ou Propriétaire.</p>}
    </Page>
  );
}

export function MessagePage(props: { title: string; text: string; viewer?: Viewer }) {
  return (
    <Page title={props.title} viewer={props.viewer}>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
      <p>
        <a href="/">Retour à Mon Espace</a>
      </p>
    </Page>
  );
}

export const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#fafafa}
header{display:flex;justify-content:space-between;align-items:center;padding:.75rem 1.5rem;background:#e2001a;color:#fff}
header a{color:#fff;font-weight:700;text-decoration:none}
.demo{font-size:.8rem;background:#fff;color:#000;padding:.1rem .4rem;border-radius:.2rem;margin-left:.5rem}
main{max-width:48rem;margin:0 auto;padding:1.5rem}
.identity{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;background:#fff;padding:1rem;border:1px solid #ccc}
.identity dt{font-weight:600}
table{border-collapse:collapse;width:100%;margin:1rem 0;background:#fff}th,td{border:1px solid #ccc;padding:.4rem .6rem;text-align:left}
label{display:block;font-weight:600;margin-top:.75rem}input,textarea{width:100%;max-width:32rem;font-size:1rem;padding:.4rem;box-sizing:border-box}
button,.button{display:inline-block;margin-top:.75rem;padding:.5rem 1rem;font-size:1rem;border:2px solid #1a1a1a;border-radius:.3rem;background:#fff;color:#1a1a1a;cursor:pointer;text-decoration:none}
.inline{display:inline-block;margin-right:.5rem}.notice{background:#e6f4ea;border-left:4px solid #1e7b34;padding:.5rem 1rem}
.hint{color:#555}
`;
