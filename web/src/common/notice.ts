/** A line of feedback in a panel, in either app: what just happened, good or bad. */
import { h } from './dom.js';

/** `M` is the app's own message type, so a notice holds only keys that app can say. */
export type Notice<M> = { tone: 'success' | 'notice' | 'error'; message: M };

/** The notice as a paragraph a screen reader hears (an error interrupts), or nothing. */
export function noticeNode<M>(ctx: { say(message: M): string }, notice: Notice<M> | null | undefined, id: string): HTMLElement | null {
  if (!notice) return null;
  const cls = notice.tone === 'error' ? 'error' : notice.tone === 'success' ? 'success' : 'notice';
  return h('p', { class: cls, id, attrs: { role: notice.tone === 'error' ? 'alert' : 'status', tabindex: -1 } }, ctx.say(notice.message));
}
