import type { ComponentChildren } from 'preact';
import { usePage } from '../page-context';

export type BannerKind = 'success' | 'failure' | 'info';

/**
 * A message at the top of a page after an action: "Opération réussie !",
 * a failure, or information. A failure is an alert (announced at once); the
 * others are status messages, polite.
 *
 * @param kind   success (default title `banner.success`), failure (default
 *               title `banner.failure`) or info (no default title)
 * @param title  replaces the default title
 */
export function Banner(props: { kind: BannerKind; title?: string; children?: ComponentChildren }) {
  const { t } = usePage();
  const title = props.title ?? (props.kind === 'success' ? t('banner.success') : props.kind === 'failure' ? t('banner.failure') : undefined);
  const modifier = props.kind === 'failure' ? 'error' : props.kind;
  return (
    <div class={`banner banner--${modifier}`} role={props.kind === 'failure' ? 'alert' : 'status'}>
      {title && <p class="banner__title">{title}</p>}
      {props.children !== undefined && <div class="banner__body">{props.children}</div>}
    </div>
  );
}
