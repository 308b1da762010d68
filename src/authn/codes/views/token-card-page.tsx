import { Button, Form } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { PrintedCard } from '../token-card/model';

/** The token card: phased out (no new cards) unless TOKEN_CARDS_ENABLED; once issued, shown once to print. */
export function TokenCardPage(props: { enabled: boolean; card?: PrintedCard }) {
  const { t } = usePage();
  return (
    <Layout title={t('codes.token.title')}>
      <h1>{t('codes.token.title')}</h1>
      {!props.enabled ? (
        <p class="banner banner--info">{t('codes.token.disabled')}</p>
      ) : props.card ? (
        <>
          <p class="lead">{t('codes.token.print')}</p>
          <table class="table">
            <caption>{t('codes.token.serial', { serial: props.card.serial })}</caption>
            <thead><tr><th scope="col">{t('codes.token.position_header')}</th><th scope="col">{t('codes.token.code_header')}</th></tr></thead>
            <tbody>
              {Object.entries(props.card.codes).map(([position, code]) => (
                <tr><th scope="row">{position}</th><td><code>{code}</code></td></tr>
              ))}
            </tbody>
          </table>
        </>
      ) : (
        <>
          <p class="lead">{t('codes.token.intro')}</p>
          <Form action="/keys/token_card/activate"><Button>{t('codes.token.issue')}</Button></Form>
        </>
      )}
    </Layout>
  );
}
