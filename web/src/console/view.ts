/**
 * What every panel of the console gets to draw with, and the small parts they share. Everything a
 * user or the API typed goes in as text (ui/dom.ts); the controllers own the state and the actions.
 */
import type { Translate } from '../common/changes.js';
import type { Lang } from '../i18n/console.js';
import type { Message } from '../common/messages.js';
import { h } from '../common/dom.js';
import type { ConsoleState, Notice } from './state.js';

export type PanelCtx = { t: Translate; say: (m: Message) => string; lang: Lang; state: ConsoleState };

export const formatNumber = (lang: Lang, n: number) => new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(n);

export function noticeNode(ctx: PanelCtx, notice: Notice | null, id: string): HTMLElement | null {
  if (!notice) return null;
  const cls = notice.tone === 'error' ? 'error' : notice.tone === 'success' ? 'success' : 'notice';
  return h('p', { class: cls, id, attrs: { role: notice.tone === 'error' ? 'alert' : 'status', tabindex: -1 } }, ctx.say(notice.message));
}
