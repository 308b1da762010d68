import { Banner } from '../../views/components/banner';
import { Button, Form } from '../../views/components/form';
import { TwoList } from '../../views/components/two-list';
import type { FormErrors } from '../../views/form-data';
import { usePage } from '../../views/page-context';
import type { TwoListState } from '../../views/two-list-state';
import { APPLICATIONS } from '../fixtures';
import { DemoPage } from './gallery';

/** The two-list selector on its own form. */
export function TwoListPage(props: { state: Pick<TwoListState, 'chosen' | 'filter'>; errors?: FormErrors; saved?: number }) {
  const { t } = usePage();
  return (
    <DemoPage title={t('dev.twolist.title')}>
      {props.saved !== undefined && <Banner kind="success"><p>{t('dev.twolist.done', { count: props.saved })}</p></Banner>}
      <Form action="/dev/components/two-list" errors={props.errors} requiredNote>
        <TwoList name="applications" legend={t('dev.twolist.legend')} options={APPLICATIONS} state={props.state} required />
        <Button>{t('common.save')}</Button>
      </Form>
    </DemoPage>
  );
}
