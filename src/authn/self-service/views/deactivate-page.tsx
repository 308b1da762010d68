import { Button, ButtonLink, Form } from '../../../platform/views/components/form';
import { Layout } from '../../../platform/views/layout';
import { usePage } from '../../../platform/views/page-context';
import type { DigitalKey } from '../../digital-keys/service';
import { formatDay } from './format';

/** "Do you really want to deactivate…?": the POST happens only from here. */
export function DeactivatePage(props: { item: DigitalKey }) {
  const { t } = usePage();
  const key = props.item;
  const name = key.label ? `${t(`keys.kind.${key.kind}`)} (${key.label})` : t(`keys.kind.${key.kind}`);
  return (
    <Layout title={t('selfservice.deactivate.title')}>
      <h1>{t('selfservice.deactivate.title')}</h1>
      <p class="lead">{t('selfservice.deactivate.question', { key: name })}</p>
      <p>{t('selfservice.keys.created', { date: formatDay(key.createdAt) })}</p>
      <p>{t('selfservice.deactivate.consequence')}</p>
      <Form action={`/keys/${key.id}/deactivate`}>
        <div class="wizard__actions">
          <Button>{t('selfservice.keys.deactivate')}</Button>
          <ButtonLink href="/keys">{t('common.cancel')}</ButtonLink>
        </div>
      </Form>
    </Layout>
  );
}
