import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/translate';
import { paginate, parseListQuery } from '../pagination';
import { renderPage } from '../render';
import { Banner } from './banner';
import { Checkboxes, Form, TextInput } from './form';
import { DataTable } from './table';
import { TwoList } from './two-list';
import { Wizard, WizardOverview } from './wizard';

const render = (view: VNode) => renderPage({ lang: 'fr', t: translator('fr'), csrfToken: 'token', url: '/', devTools: false }, view);

describe('form fields', () => {
  it('tie the label, hint and error to the control, and mark it invalid', () => {
    const html = render(
      <Form errors={{ nrn: 'Mauvais numéro' }}>
        <TextInput name="nrn" label="Numéro" hint="11 chiffres" required value="12" />
      </Form>,
    );
    expect(html).toContain('<label class="field__label" for="field-nrn">Numéro<span class="field__required" aria-hidden="true"> *</span></label>');
    expect(html).toContain('id="field-nrn" name="nrn" required aria-describedby="field-nrn-hint field-nrn-error" aria-invalid="true"');
    expect(html).toContain('<p id="field-nrn-error" class="field__error"><span class="visually-hidden">Erreur : </span>Mauvais numéro</p>');
  });

  it('open the form with a summary that links to each field in error, and carry the CSRF token', () => {
    const html = render(<Form errors={{ nrn: 'Mauvais numéro', _form: 'Refusé' }}><p>x</p></Form>);
    expect(html).toMatch(/<div class="error-summary" role="alert"[^>]*data-error-summary/);
    expect(html).toContain('<h2 id="error-summary-title" class="error-summary__title">Il y a un problème</h2>');
    expect(html).toContain('<li><a href="#field-nrn">Mauvais numéro</a></li><li>Refusé</li>');
    expect(html).toContain('<input type="hidden" name="_csrf" value="token"/>');
  });

  it('show no summary and no invalid mark without errors', () => {
    const html = render(<Form><TextInput name="a" label="A" /></Form>);
    expect(html).not.toContain('error-summary');
    expect(html).not.toContain('aria-invalid');
  });

  it('give a group of boxes a legend, and the field’s id to the first box', () => {
    const html = render(
      <Form errors={{ topics: 'Choisissez' }}>
        <Checkboxes name="topics" label="Sujets" values={['b']} options={[{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }]} />
      </Form>,
    );
    expect(html).toContain('<fieldset class="choices" aria-describedby="field-topics-error"><legend class="field__label">Sujets</legend>');
    expect(html).toContain('id="field-topics" name="topics" value="a"/>');
    expect(html).toContain('id="field-topics-1" name="topics" value="b" checked/>');
  });
});

describe('banners', () => {
  it('announce a success politely and a failure at once', () => {
    expect(render(<Banner kind="success" />)).toContain('<div class="banner banner--success" role="status"><p class="banner__title">Opération réussie !</p></div>');
    expect(render(<Banner kind="failure" />)).toContain('role="alert"');
  });
});

describe('tables', () => {
  const rows = Array.from({ length: 10 }, (_, i) => ({ name: `N${i}` }));
  const table = (query: object) => {
    const q = parseListQuery(query, { sortKeys: ['name'] });
    return render(
      <DataTable
        id="people"
        caption="Personnes"
        columns={[{ key: 'name', label: 'Nom', sortable: true, rowHeader: true, render: (r: { name: string }) => r.name }]}
        rows={rows}
        query={q}
        pagination={paginate(35, q.page)}
        path="/people"
        searchLabel="Rechercher"
      />,
    );
  };

  it('say how many results, mark the sorted column and the current page', () => {
    const html = table({ q: 'a', sort: 'name', dir: 'asc', page: '2' });
    expect(html).toContain('35 résultats');
    expect(html).toContain('<th scope="col" aria-sort="ascending"><a class="sort-link" href="/people?q=a&amp;sort=name&amp;dir=desc#people">');
    expect(html).toContain('href="/people?q=a&amp;sort=name&amp;dir=asc&amp;page=2#people" aria-current="page" aria-label="Page 2"');
    expect(html).toContain('href="/people?q=a&amp;sort=name&amp;dir=asc#people" rel="prev"');
    expect(html).toContain('href="/people?q=a&amp;sort=name&amp;dir=asc&amp;page=3#people" rel="next"');
  });

  it('search with a GET form that keeps the sort', () => {
    const html = table({ sort: 'name', dir: 'desc' });
    expect(html).toContain('<form method="get" action="/people#people" role="search"');
    expect(html).toContain('<input type="hidden" name="sort" value="name"/><input type="hidden" name="dir" value="desc"/>');
  });
});

describe('the wizard frame', () => {
  const steps = [
    { id: 'a', title: 'Entreprises' },
    { id: 'b', title: 'Rôles' },
    { id: 'overview', title: 'Aperçu' },
  ];

  it('numbers the steps, marks the current one and offers previous, cancel and next', () => {
    const html = render(
      <Wizard action="/w" steps={steps} current="b" data={{ a: { x: 1 } }} cancelHref="/">
        <p>fields</p>
      </Wizard>,
    );
    expect(html).toContain('<li class="wizard-progress__step wizard-progress__step--done">Étape 1 : Entreprises<span class="visually-hidden"> (terminée)</span></li>');
    expect(html).toContain('<li class="wizard-progress__step wizard-progress__step--current" aria-current="step">Étape 2 : Rôles</li>');
    expect(html).toContain('<h2 class="wizard__title">Étape 2 : Rôles</h2>');
    expect(html).toContain('value="previous">Étape précédente</button><a class="button button--secondary" href="/">Annuler</a>');
    expect(html).toContain('value="next">Étape suivante</button></div>');
    expect(html).toContain(`name="_wizard" value="${Buffer.from('{"a":{"x":1}}').toString('base64url')}"`);
  });

  it('makes Next the button Enter presses, before Previous', () => {
    const html = render(<Wizard action="/w" steps={steps} current="b" data={{}} cancelHref="/"><input name="x" /></Wizard>);
    expect(html.indexOf('<button')).toBe(html.indexOf('<button type="submit" name="_action" value="next" hidden'));
  });

  it('ends with Confirm and an overview whose "Modifier" buttons go back to a step', () => {
    const html = render(
      <Wizard action="/w" steps={steps} current="overview" data={{}} cancelHref="/" confirmLabel="Terminer l’invitation">
        <WizardOverview steps={steps} summaries={{ a: <p>Entreprise de test</p>, b: <p>Rédacteur</p> }} />
      </Wizard>,
    );
    expect(html).toContain('value="goto:a">Modifier<span class="visually-hidden"> – Étape 1 : Entreprises</span></button>');
    expect(html).toContain('value="confirm">Terminer l’invitation</button>');
    expect(html).not.toContain('hidden tabindex');
  });
});

describe('the two-list selector', () => {
  it('lists possible and chosen values with labelled move buttons, and carries the choice in hidden fields', () => {
    const options = [
      { value: 'a', label: 'Alpha' },
      { value: 'b', label: 'Beta' },
    ];
    const html = render(<Form><TwoList name="apps" legend="Applications" options={options} state={{ chosen: ['b'], filter: '' }} required /></Form>);
    expect(html).toContain('<label class="two-list__label" for="field-apps">Valeurs possibles</label>');
    expect(html).toContain('<option value="a" data-order="0">Alpha</option></select>');
    expect(html).toContain('for="field-apps-chosen">Valeurs choisies');
    expect(html).toContain('name="_move" value="apps:add" data-move="add">Ajouter <span aria-hidden="true">→</span></button>');
    expect(html).toContain('<input type="hidden" name="apps" value="b"/>');
    expect(html).toContain('<script src="/assets/two-list.js" defer></script>');
  });
});
