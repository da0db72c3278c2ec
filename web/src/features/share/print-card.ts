/**
 * The gate card: code, QR and address line on one printed page (the print stylesheet hides
 * everything else). Printing waits for the QR image, or the card would print without it.
 */
import { addressLine } from '../../common/address.js';
import { splitApiCode } from '../../common/code.js';
import { shareLink } from './share.js';
import type { CodeLookup } from '../../common/types.js';
import { h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { qrImage } from './share-section.js';

export async function printGateCard(ctx: Ctx, result: CodeLookup, card: HTMLElement) {
  const [code, unit] = result.code.split('/');
  const address = addressLine(result.address?.details, result.admin, null);
  const qr = qrImage(ctx, result, 'print-qr');
  const nodes: (Node | null)[] = [
    h('p', { class: 'print-title' }, ctx.t('place.title')),
    h('p', { class: 'print-code' }, code ?? ''),
    unit ? h('p', { class: 'print-unit' }, `${ctx.t('place.unit')}: ${unit}`) : null,
    qr,
    address ? h('p', { class: 'print-address' }, address) : null,
    h('p', { class: 'print-link' }, shareLink(ctx.origin, splitApiCode(result.code))),
    h('p', { class: 'print-hint' }, ctx.t('print.scan')),
  ];
  card.replaceChildren(...nodes.filter((n): n is Node => n !== null));
  const img = qr.querySelector('img');
  if (img && !img.complete) {
    await new Promise<void>((resolve) => {
      img.addEventListener('load', () => resolve(), { once: true });
      img.addEventListener('error', () => resolve(), { once: true });
      setTimeout(resolve, 8000); // a slow network must not block printing forever
    });
  }
  window.print();
}
