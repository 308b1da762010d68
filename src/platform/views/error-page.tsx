import { Layout } from './layout';
import { usePage } from './page-context';

export function ErrorPage(props: { title: string; message: string }) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <div class="banner banner--error" role="alert">
        <p>{props.message}</p>
      </div>
      <p><a href="/">{t('layout.home')}</a></p>
    </Layout>
  );
}
