/** The digitising tab: the switch, the street the next houses are on, and how many were added. */
import { h } from '../../common/dom.js';
import { textField } from '../../common/fields.js';
import { noticeNode } from '../../common/notice.js';
import type { PanelCtx } from '../view.js';
import type { DigitiseController } from './controller.js';

export function digitisePanel(ctx: PanelCtx, actions: DigitiseController): Node[] {
  const { t, state } = ctx;
  const d = state.digitise;
  return [
    h('h3', {}, t('digitise.title')),
    h(
      'button',
      {
        class: `btn ${d.on ? 'btn--primary' : 'btn--secondary'} btn--wide toggle`,
        id: 'digitise-toggle',
        attrs: { type: 'button', 'aria-pressed': d.on ? 'true' : 'false' },
        on: { click: () => actions.toggleDigitise() },
      },
      t('digitise.toggle'),
    ),
    h('p', { class: 'hint' }, t('digitise.help')),
    textField({ id: 'digitise-street', label: t('digitise.street'), value: d.street, max: 200, onInput: (v) => actions.setStreet(v) }),
    h('p', { id: 'digitise-count', attrs: { 'aria-live': 'polite' } }, t('digitise.count', { count: d.count })),
    noticeNode(ctx, d.notice, 'digitise-notice'),
  ].filter((n): n is HTMLElement => n !== null);
}
