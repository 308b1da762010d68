import type { ComponentChildren } from 'preact';
import type { Application, Role } from '../../../access/catalog/model';
import { PermissionMatrix } from '../../../access/catalog/views/permission-matrix';
import { Banner } from '../../views/components/banner';
import { Layout } from '../../views/layout';
import { usePage } from '../../views/page-context';

/** /dev/components: the banners, the permission matrix of a catalog application, and the way to each building block shown at work. */
export function GalleryPage(props: { matrix?: { application: Application; roles: Role[] } }) {
  const { t } = usePage();
  const demos = [
    ['/dev/components/form', t('dev.form.title')],
    ['/dev/components/table', t('dev.table.title')],
    ['/dev/components/wizard', t('dev.wizard.title')],
    ['/dev/components/two-list', t('dev.twolist.title')],
  ] as const;
  return (
    <Layout title={t('dev.components.title')}>
      <p><a href="/dev">{t('dev.title')}</a></p>
      <h1>{t('dev.components.title')}</h1>
      <p class="lead">{t('dev.components.text')}</p>
      <ul class="dev-tools">
        {demos.map(([href, title]) => (
          <li><a href={href}>{title}</a></li>
        ))}
      </ul>
      <section class="dev-section" aria-labelledby="banners">
        <h2 id="banners">{t('dev.banners.title')}</h2>
        <Banner kind="success"><p>{t('dev.banners.success')}</p></Banner>
        <Banner kind="failure"><p>{t('dev.banners.failure')}</p></Banner>
        <Banner kind="info"><p>{t('dev.banners.info')}</p></Banner>
      </section>
      {props.matrix && (
        <section class="dev-section" aria-labelledby="permission-matrix">
          <h2 id="permission-matrix">{t('catalog.matrix.caption', { application: '' }).trim()}</h2>
          <p>{t('catalog.role.details_hint')}</p>
          <PermissionMatrix application={props.matrix.application} roles={props.matrix.roles} />
        </section>
      )}
    </Layout>
  );
}

/** The frame of one demonstration page, with its way back to the gallery. */
export function DemoPage(props: { title: string; children: ComponentChildren }) {
  const { t } = usePage();
  return (
    <Layout title={props.title}>
      <p><a href="/dev/components">{t('dev.back')}</a></p>
      <h1>{props.title}</h1>
      {props.children}
    </Layout>
  );
}
