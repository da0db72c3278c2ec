/** A line of feedback in a panel, in either app: what just happened, good or bad. */
import { h } from './dom.js';
import type { Message } from './messages.js';

export type Notice = { tone: 'success' | 'notice' | 'error'; message: Message };

/** The notice as a paragraph a screen reader hears (an error interrupts), or nothing. */
export function noticeNode(ctx: { say(message: Message): string }, notice: Notice | null | undefined, id: string): HTMLElement | null {
  if (!notice) return null;
  const cls = notice.tone === 'error' ? 'error' : notice.tone === 'success' ? 'success' : 'notice';
  return h('p', { class: cls, id, attrs: { role: notice.tone === 'error' ? 'alert' : 'status', tabindex: -1 } }, ctx.say(notice.message));
}
