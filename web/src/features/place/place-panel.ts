/** A looked-up or just-registered address: the code, big, and what is known about the place. */
import { addressLine } from '../../common/address.js';
import { categoryLabel } from '../../common/places.js';
import type { CodeLookup } from '../../common/types.js';
import { button, fact, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { checkboxField } from '../../common/fields.js';
import { noticeNode } from '../../common/notice.js';
import { shareSection } from '../share/share-section.js';
import { bigCode, heading } from '../../shell/simple-panels.js';
import type { PlaceView } from './view.js';

/** The code as shown on screen and on the gate card: XXX-XXX-XXX, and the unit under it. */
export function placeFacts(ctx: Ctx, result: CodeLookup): HTMLElement {
  const { t } = ctx;
  const details = result.address?.details;
  const street = details ? addressLine(details, null, null) : '';
  const { ward, province } = result.admin;
  return h(
    'dl',
    { class: 'facts' },
    ...fact(t('field.placeName'), details?.placeName, 'fact-place-name'),
    ...fact(t('field.category'), details?.category ? categoryLabel(details.category, t) : null, 'fact-category'),
    ...fact(t('place.address'), street, 'fact-address'),
    ...fact(t('place.ward'), ward ? ward.fullName : t('place.atSea'), 'fact-ward'),
    ...fact(t('place.province'), province ? province.fullName : null, 'fact-province'),
    ...fact(
      t('place.postalCode'),
      result.admin.postalCode ?? (province?.postalPrefixes.length ? `${province.postalPrefixes.join(', ')}…` : null),
      'fact-postal',
    ),
    ...fact(t('place.note'), details?.note, 'fact-note'),
  );
}

/** Proposing an edit, the history, claiming; and for its owner or staff, the private switch. */
function contributeSection(ctx: Ctx, view: PlaceView): HTMLElement | null {
  const { t, actions } = ctx;
  const { result } = view;
  if (!result.registered || !result.address) return null;
  const address = result.address;
  return h(
    'section',
    { class: 'contribute', attrs: { 'aria-labelledby': 'contribute-title' } },
    h('h3', { id: 'contribute-title' }, t('contrib.title')),
    view.noticeInline ? noticeNode(ctx, view.notice, 'place-notice') : null,
    h(
      'div',
      { class: 'row' },
      button(view.canManage ? t('contrib.editOwn') : t('contrib.edit'), () => actions.openEdit(result), 'secondary', {
        id: 'propose-edit',
        disabled: view.busy,
      }),
      button(t('contrib.history'), () => actions.openHistory(result), 'secondary', { id: 'open-history' }),
    ),
    view.canManage
      ? h(
          'div',
          { class: 'owner-controls' },
          h('h4', {}, t('contrib.manage')),
          checkboxField({
            id: 'private-toggle',
            label: t('contrib.private'),
            checked: Boolean(address.private),
            help: t('contrib.privateHelp'),
            disabled: view.busy,
            onChange: (value) => actions.setPrivate(result, value),
          }),
        )
      : h(
          'div',
          { class: 'claim' },
          button(t('contrib.claim'), () => actions.claim(result), 'quiet', {
            id: 'claim',
            disabled: view.busy,
            'aria-describedby': 'claim-help',
          }),
          h('p', { class: 'hint', id: 'claim-help' }, t('contrib.claimHelp')),
        ),
  );
}

export function placePanel(ctx: Ctx, view: PlaceView): Node[] {
  const { t, actions } = ctx;
  const { result, mine } = view;
  const code = result.code;
  return [
    heading(mine ? t('result.yourCode') : t('place.title')),
    view.noticeInline ? null : noticeNode(ctx, view.notice, 'place-notice'),
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
    contributeSection(ctx, view),
    shareSection(ctx, result),
    mine ? button(t('result.again'), () => actions.startCreate(), 'secondary') : null,
    button(t('place.close'), () => actions.goHome(), 'quiet', { id: 'close-place' }),
  ].filter((n): n is HTMLElement => n !== null);
}
