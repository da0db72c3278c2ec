/** The ward's numbers: addresses by status, the verified share, proposals waiting. */
import type { MessageKey } from '../../i18n/console.js';
import { h } from '../../common/dom.js';
import { formatNumber as number, type PanelCtx } from '../view.js';

export function statsPanel(ctx: PanelCtx): Node[] {
  const { t, say, lang, state } = ctx;
  const s = state.stats;
  if (state.statsError) return [h('h3', {}, t('stats.title')), h('p', { class: 'error' }, say(state.statsError))];
  if (!s) return [h('h3', {}, t('stats.title')), h('p', { class: 'loading' }, t('console.loading'))];
  const share = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(
    s.verifiedShare,
  );
  const item = (key: MessageKey, value: string, id: string) => h('div', { class: 'stat', id }, h('dt', {}, t(key)), h('dd', {}, value));
  return [
    h('h3', {}, t('stats.title')),
    h(
      'dl',
      { class: 'stats', id: 'stats' },
      item('stats.addresses', number(lang, s.addresses), 'stat-addresses'),
      item('stats.verified', number(lang, s.verified), 'stat-verified'),
      item('stats.draft', number(lang, s.draft), 'stat-draft'),
      item('stats.needsReview', number(lang, s.needsReview), 'stat-needs-review'),
      item('stats.private', number(lang, s.private), 'stat-private'),
      item('stats.verifiedShare', share, 'stat-share'),
      item('stats.pending', number(lang, s.pendingProposals), 'stat-pending'),
    ),
  ];
}
