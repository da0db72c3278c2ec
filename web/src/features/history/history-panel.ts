/** The history of an address in the household app. */
import { button, h } from '../../common/dom.js';
import type { Ctx } from '../../shell/context.js';
import { historyList } from '../../common/history-list.js';
import { noticeNode } from '../../common/notice.js';
import { bigCode, heading } from '../../shell/simple-panels.js';
import type { HistoryView } from './view.js';

export function historyPanel(ctx: Ctx, view: HistoryView): Node[] {
  const { t, actions } = ctx;
  const nodes: (Node | null)[] = [heading(t('history.title')), bigCode(ctx, view.result), noticeNode(ctx, view.notice, 'history-notice')];
  if (view.loading && !view.history) nodes.push(h('p', { class: 'loading', attrs: { role: 'status' } }, t('history.loading')));
  if (view.error) {
    nodes.push(
      h('p', { class: 'error', attrs: { role: 'alert' } }, ctx.say(view.error)),
      button(t('action.retry'), () => actions.openHistory(view.result), 'secondary'),
    );
  }
  if (view.history)
    nodes.push(historyList(t, ctx.lang, view.history, { restoring: view.restoring, onRestore: (version) => actions.restore(version) }));
  nodes.push(button(t('history.back'), () => actions.back(), 'quiet', { id: 'history-back' }));
  return nodes.filter((n): n is Node => n !== null);
}
