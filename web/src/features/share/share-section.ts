/** Sharing an address: the short link, the QR image, the phone's share sheet and a gate card to print. */
import { splitApiCode } from '../../common/code.js';
import { qrImageUrl, shareLink } from './share.js';
import type { CodeLookup } from '../../common/types.js';
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';

export function qrImage(ctx: Ctx, result: CodeLookup, className: string): HTMLElement {
  const ref = splitApiCode(result.code);
  const img = h('img', {
    class: className,
    attrs: { src: qrImageUrl(ref, 'svg'), alt: ctx.t('share.qrAlt', { code: result.code }), width: 160, height: 160, decoding: 'async' },
  });
  const wrapper = h('div', { class: `${className}-wrap` }, img);
  img.addEventListener('error', () => {
    img.remove();
    wrapper.append(h('p', { class: 'hint' }, ctx.t('share.qrMissing')));
  });
  return wrapper;
}

export function shareSection(ctx: Ctx, result: CodeLookup): HTMLElement {
  const { t, actions } = ctx;
  const ref = splitApiCode(result.code);
  const link = shareLink(ctx.origin, ref);
  return h(
    'section',
    { class: 'share', attrs: { 'aria-labelledby': 'share-title' } },
    h('h3', { id: 'share-title' }, t('share.title')),
    h('p', { class: 'share-link' }, `${t('share.link')}: `, h('a', { attrs: { href: link, id: 'share-link' } }, link)),
    h(
      'div',
      { class: 'row' },
      button(t('copy.link'), () => actions.copy(link, t('copy.linkDone')), 'secondary'),
      ctx.canShare ? button(t('share.send'), () => actions.share(result), 'secondary') : null,
    ),
    qrImage(ctx, result, 'qr'),
    h(
      'div',
      { class: 'row' },
      h(
        'a',
        { class: 'btn btn--secondary', attrs: { href: qrImageUrl(ref, 'png'), download: `${result.code.replace('/', '-')}.png` } },
        t('share.qrDownload'),
      ),
      button(t('share.print'), () => actions.print(result), 'secondary', { id: 'print-card-button' }),
    ),
  );
}
