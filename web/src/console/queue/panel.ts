/**
 * The review queue: each pending proposal as a card (what it changes beside the address as it is
 * now, who sent it, the decisions), and the list of them.
 */
import { proposalRows } from '../../common/changes.js';
import type { MessageKey } from '../../i18n/console.js';
import { formatDateTime, formatDay } from '../../common/time.js';
import { button, h } from '../../common/dom.js';
import { noticeNode } from '../../common/notice.js';
import type { PanelCtx } from '../view.js';
import type { QueueController } from './controller.js';
import { queueForm } from './form.js';
import type { QueueItem } from './state.js';

function reviewTable(ctx: PanelCtx, item: QueueItem): HTMLElement {
  const { t } = ctx;
  const rows = proposalRows(item.proposal, item.current?.address ?? null, t);
  return h(
    'table',
    { class: 'review' },
    h('caption', { class: 'visually-hidden' }, t('queue.title')),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { attrs: { scope: 'col' } }, t('queue.field')),
        h('th', { attrs: { scope: 'col' } }, t('queue.current')),
        h('th', { attrs: { scope: 'col' } }, t('queue.proposed')),
      ),
    ),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { class: r.changed ? 'changed' : '', attrs: { 'data-field': r.field } },
          h('th', { attrs: { scope: 'row' } }, r.label),
          h('td', { class: 'review-current' }, r.current),
          h('td', { class: 'review-proposed' }, r.proposed),
        ),
      ),
    ),
  );
}

function proposalCard(ctx: PanelCtx, actions: QueueController, item: QueueItem): HTMLElement {
  const { t, lang, state } = ctx;
  const p = item.proposal;
  const busy = state.queue.busy === p.id;
  const stale = p.baseVersion != null && p.currentVersion != null && p.baseVersion !== p.currentVersion;
  const kindKey = `queue.kind.${p.kind}` as MessageKey;
  const code = p.code ?? '';
  return h(
    'li',
    { class: 'proposal', attrs: { 'data-id': p.id, 'data-kind': p.kind, 'data-code': code, 'aria-busy': busy ? 'true' : undefined } },
    h(
      'p',
      { class: 'proposal-head' },
      h('span', { class: `badge badge--${p.kind}` }, t(kindKey)),
      code ? h('a', { class: 'code proposal-code', attrs: { href: `/${code}`, target: '_blank', rel: 'noopener' } }, code) : null,
    ),
    h('p', { class: 'hint' }, t('queue.sent', { time: formatDateTime(p.createdAt, lang) })),
    p.proposer
      ? h(
          'p',
          { class: 'hint proposer' },
          t('queue.proposer', {
            id: p.proposer.id,
            since: formatDay(p.proposer.since, lang),
            approved: p.proposer.proposals.approved,
            rejected: p.proposer.proposals.rejected,
            pending: p.proposer.proposals.pending,
          }),
          p.proposer.blocked ? ` ${t('queue.proposerBlocked')}` : '',
        )
      : null,
    stale ? h('p', { class: 'notice stale' }, t('queue.stale', { base: p.baseVersion!, current: p.currentVersion! })) : null,
    item.current === undefined && p.kind !== 'new_place' ? h('p', { class: 'loading' }, t('console.loading')) : reviewTable(ctx, item),
    p.reason ? h('p', { class: 'proposal-reason' }, t('queue.reason', { reason: p.reason })) : null,
    h(
      'div',
      { class: 'row actions' },
      button(t('queue.approve'), () => actions.approve(p.id), 'primary', {
        class: 'btn btn--primary approve',
        disabled: busy || item.current === undefined,
      }),
      button(t('queue.editApprove'), () => actions.openQueueForm(p.id, 'edit'), 'secondary', {
        class: 'btn btn--secondary edit-approve',
        disabled: busy || item.current === undefined,
      }),
      button(t('queue.reject'), () => actions.openQueueForm(p.id, 'reject'), 'secondary', {
        class: 'btn btn--secondary reject',
        disabled: busy,
      }),
      p.proposer && !p.proposer.blocked
        ? button(t('queue.block'), () => actions.openQueueForm(p.id, 'block'), 'quiet', { class: 'btn btn--quiet block', disabled: busy })
        : null,
      p.proposer?.blocked
        ? button(t('queue.unblock'), () => actions.unblock(p.id), 'quiet', { class: 'btn btn--quiet unblock', disabled: busy })
        : null,
      button(t('queue.showOnMap'), () => actions.showProposal(p.id), 'quiet', { class: 'btn btn--quiet show' }),
    ),
    queueForm(ctx, actions, item),
  );
}

export function queuePanel(ctx: PanelCtx, actions: QueueController): Node[] {
  const { t, say, state } = ctx;
  const q = state.queue;
  const nodes: (Node | null)[] = [
    h(
      'div',
      { class: 'section-head' },
      h('h3', {}, t('queue.title')),
      button(t('console.reload'), () => actions.reloadQueue(), 'quiet', { id: 'reload-queue' }),
    ),
    noticeNode(ctx, q.notice, 'queue-notice'),
  ];
  if (q.loading && q.items.length === 0) nodes.push(h('p', { class: 'loading', attrs: { role: 'status' } }, t('console.loading')));
  if (q.error) nodes.push(h('p', { class: 'error', attrs: { role: 'alert' } }, say(q.error)));
  if (!q.loading && !q.error && q.items.length === 0) nodes.push(h('p', { class: 'hint', id: 'queue-empty' }, t('queue.empty')));
  if (q.items.length) nodes.push(h('ol', { class: 'queue', id: 'queue' }, ...q.items.map((item) => proposalCard(ctx, actions, item))));
  return nodes.filter((n): n is Node => n !== null);
}
