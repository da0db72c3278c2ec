/**
 * The console's tasks, one tab each. Adding a tab: its folder (state, controller, panel), its state
 * in state.ts, its name and label here, its controller and panel in app.ts (TAB_PANELS), and its
 * messages in i18n/console-vi.ts and console-en.ts.
 */
import type { MessageKey } from '../i18n/console.js';
import { h } from '../common/dom.js';
import type { PanelCtx } from './view.js';

export const TABS = ['queue', 'digitise', 'verify', 'import', 'stats'] as const;
export type Tab = (typeof TABS)[number];

const TAB_LABEL: Record<Tab, MessageKey> = {
  queue: 'console.tab.queue',
  digitise: 'console.tab.digitise',
  verify: 'console.tab.verify',
  import: 'console.tab.import',
  stats: 'console.tab.stats',
};

/** ARIA tabs: one tab stop, arrow keys move between tabs. */
export function tabs(ctx: PanelCtx, setTab: (tab: Tab, focus?: boolean) => void): HTMLElement {
  const { t, state } = ctx;
  const list = h('div', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': t('console.tasks') } });
  TABS.forEach((tab, i) => {
    const selected = state.tab === tab;
    const count = tab === 'queue' && !state.queue.loading ? state.queue.items.length : null;
    const el = h(
      'button',
      {
        class: 'tab',
        id: `tab-${tab}`,
        attrs: {
          type: 'button',
          role: 'tab',
          'aria-selected': selected ? 'true' : 'false',
          'aria-controls': 'tabpanel',
          tabindex: selected ? 0 : -1,
        },
        on: { click: () => setTab(tab) },
      },
      t(TAB_LABEL[tab]),
      count ? h('span', { class: 'tab-count', id: 'queue-count' }, String(count)) : null,
    );
    el.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      const to = event.key === 'Home' ? 0 : event.key === 'End' ? TABS.length - 1 : step ? (i + step + TABS.length) % TABS.length : null;
      if (to === null) return;
      event.preventDefault();
      setTab(TABS[to]!, true);
    });
    list.append(el);
  });
  return list;
}
