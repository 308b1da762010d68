import { SummaryList } from '../../platform/views/components/wizard';
import { Layout } from '../../platform/views/layout';
import { usePage } from '../../platform/views/page-context';
import type { EboxDocument } from '../service';
import { formatMoment } from './inbox-page';

/** One document, as its sender wrote it (plain text: paragraphs and line breaks kept, everything escaped). */
export function DocumentPage(props: { document: EboxDocument }) {
  const { t } = usePage();
  const d = props.document;
  return (
    <Layout title={d.title}>
      <p>
        <a href="/ebox">{t('ebox.back')}</a>
      </p>
      <h1>{d.title}</h1>
      <SummaryList
        items={[
          { label: t('ebox.col.sender'), value: d.senderName },
          { label: t('ebox.col.date'), value: formatMoment(d.depositedAt) },
        ]}
      />
      <div class="ebox-document">
        {d.body.split(/\n{2,}/).map((paragraph) => (
          <p class="ebox-document__paragraph">{paragraph}</p>
        ))}
      </div>
    </Layout>
  );
}
