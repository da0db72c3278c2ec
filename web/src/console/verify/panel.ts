/**
 * The verifying tab: the card of the address picked (status, history with restore), and the
 * ward's addresses not yet verified.
 */
import { addressLine } from '../../common/address.js';
import type { Translate } from '../../i18n/console.js';
import type { MessageKey } from '../../i18n/console.js';
import { button, h } from '../../common/dom.js';
import { historyList } from '../../common/history-list.js';
import { fullCode } from '../geometry.js';
import { noticeNode } from '../../common/notice.js';
import type { PanelCtx } from '../view.js';
import type { VerifyController } from './controller.js';

function statusBadge(t: Translate, status: string) {
  const key = (['draft', 'verified', 'needs_review'].includes(status) ? `status.${status}` : 'status.draft') as MessageKey;
  return h('span', { class: `badge badge--status badge--${status}` }, t(key));
}

function selectedCard(ctx: PanelCtx, actions: VerifyController): HTMLElement | null {
  const { t, lang, state } = ctx;
  const s = state.selected;
  if (!s) return null;
  const address = s.lookup?.address;
  const status = address?.status ?? s.props.status;
  const details = address?.details ?? s.props;
  const line = addressLine(details, null, null);
  return h(
    'section',
    { class: 'selected', id: 'selected', attrs: { 'aria-labelledby': 'selected-title', 'data-code': s.code } },
    h('h3', { id: 'selected-title' }, t('verify.selected')),
    h('p', { class: 'selected-code' }, h('span', { class: 'code' }, s.code), ' ', statusBadge(t, status)),
    details.placeName ? h('p', { class: 'selected-name' }, details.placeName) : null,
    line ? h('p', {}, line) : null,
    h(
      'p',
      { class: 'hint' },
      t('edit.version', { version: address?.version ?? s.props.version }),
      (address?.private ?? s.props.private) ? ` · ${t('contrib.private')}` : '',
    ),
    noticeNode(ctx, s.notice, 'selected-notice'),
    h(
      'div',
      { class: 'row' },
      status !== 'verified'
        ? button(t('verify.button'), () => actions.setStatus(s.code, 'verified'), 'primary', { id: 'verify-selected', disabled: s.busy })
        : null,
      status !== 'needs_review'
        ? button(t('verify.needsReview'), () => actions.setStatus(s.code, 'needs_review'), 'secondary', {
            id: 'flag-selected',
            disabled: s.busy,
          })
        : null,
      button(t('contrib.history'), () => actions.toggleHistory(), 'secondary', {
        id: 'selected-history',
        'aria-expanded': s.showHistory ? 'true' : 'false',
      }),
    ),
    s.showHistory
      ? s.history
        ? historyList(t, lang, s.history, { restoring: s.restoring, onRestore: (v) => actions.restore(v) })
        : h('p', { class: 'loading' }, t('history.loading'))
      : null,
    h(
      'div',
      { class: 'row' },
      h('a', { class: 'btn btn--quiet', attrs: { href: `/${s.code}`, target: '_blank', rel: 'noopener' } }, t('verify.open')),
      button(t('verify.close'), () => actions.deselect(), 'quiet', { id: 'deselect' }),
    ),
  );
}

const LIST_MAX = 60;

export function verifyPanel(ctx: PanelCtx, actions: VerifyController): Node[] {
  const { t, state } = ctx;
  const pending = (state.addresses?.features ?? []).filter((f) => f.properties.status !== 'verified');
  const nodes: (Node | null)[] = [
    selectedCard(ctx, actions),
    noticeNode(ctx, state.verifyNotice, 'verify-notice'),
    h('h3', {}, t('verify.title')),
  ];
  if (!state.selected) nodes.push(h('p', { class: 'hint' }, t('verify.pick')));
  if (state.addresses && pending.length === 0) nodes.push(h('p', { class: 'hint', id: 'verify-empty' }, t('verify.empty')));
  if (pending.length) {
    nodes.push(
      h(
        'ul',
        { class: 'address-list', id: 'unverified' },
        ...pending.slice(0, LIST_MAX).map((f) => {
          const code = fullCode(f.properties);
          const line = addressLine(f.properties, null, null) || f.properties.placeName || '';
          return h(
            'li',
            { attrs: { 'data-code': code } },
            button(code, () => actions.select(code), 'quiet', { class: 'btn btn--quiet code address-pick' }),
            h('span', { class: 'address-line' }, line),
            statusBadge(t, f.properties.status),
            button(t('verify.button'), () => actions.setStatus(code, 'verified'), 'secondary', {
              class: 'btn btn--secondary verify',
              'aria-label': `${t('verify.button')} ${code}`,
            }),
          );
        }),
      ),
    );
    if (pending.length > LIST_MAX) nodes.push(h('p', { class: 'hint' }, t('verify.more', { count: pending.length - LIST_MAX })));
  }
  return nodes.filter((n): n is Node => n !== null);
}
