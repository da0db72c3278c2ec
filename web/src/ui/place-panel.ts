/** A looked-up or just-registered address: the code, big, and what is known about the place. */
import { addressLine } from '../address.js';
import { spokenCode } from '../code.js';
import type { CodeLookup } from '../types.js';
import { button, fact, h } from './dom.js';
import type { Ctx } from './context.js';
import { shareSection } from './share-section.js';
import { heading } from './simple-panels.js';
import type { View } from './state.js';

/** The code as shown on screen and on the gate card: XXX-XXX-XXX, and the unit under it. */
export function bigCode(ctx: Ctx, result: CodeLookup): HTMLElement {
  const [code, unit] = result.code.split('/');
  return h(
    'div',
    { class: 'code-block' },
    h('p', { class: 'code code--big', id: 'big-code', attrs: { 'aria-label': spokenCode(result.code) } }, code ?? ''),
    unit ? h('p', { class: 'code-unit' }, `${ctx.t('place.unit')}: `, h('span', { class: 'code' }, unit)) : null,
  );
}

export function placeFacts(ctx: Ctx, result: CodeLookup): HTMLElement {
  const { t } = ctx;
  const details = result.address?.details;
  const street = details ? addressLine(details, null, null) : '';
  const { ward, province } = result.admin;
  return h(
    'dl',
    { class: 'facts' },
    ...fact(t('place.address'), street, 'fact-address'),
    ...fact(t('place.ward'), ward ? ward.fullName : t('place.atSea'), 'fact-ward'),
    ...fact(t('place.province'), province ? province.fullName : null, 'fact-province'),
    ...fact(t('place.postalCode'), result.admin.postalCode ?? (province?.postalPrefixes.length ? `${province.postalPrefixes.join(', ')}…` : null), 'fact-postal'),
    ...fact(t('place.note'), details?.note, 'fact-note'),
  );
}

export function placePanel(ctx: Ctx, view: Extract<View, { name: 'place' }>): Node[] {
  const { t, actions } = ctx;
  const { result, mine } = view;
  const code = result.code;
  return [
    heading(mine ? t('result.yourCode') : t('place.title')),
    mine ? h('p', { class: mine.created ? 'success' : 'notice' }, mine.created ? t('result.created') : t('result.existing')) : null,
    bigCode(ctx, result),
    h(
      'div',
      { class: 'row' },
      button(t('copy.code'), () => actions.copy(code, t('copy.codeDone', { code })), 'primary', { id: 'copy-code' }),
      button(t('directions.open'), () => actions.openDirections(result), 'secondary', { id: 'open-directions' }),
    ),
    placeFacts(ctx, result),
    result.registered ? null : h('p', { class: 'notice', id: 'not-registered' }, t('place.notRegistered')),
    shareSection(ctx, result),
    mine ? button(t('result.again'), () => actions.startCreate(), 'secondary') : null,
    button(t('place.close'), () => actions.goHome(), 'quiet', { id: 'close-place' }),
  ].filter((n): n is HTMLElement => n !== null);
}
