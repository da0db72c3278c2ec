/**
 * The commune console's shell: the state, the drawing of the panel (sign-in gate, ward heading,
 * tabs, the tab's panel), and the wiring of the features, each in its own folder with its state,
 * controller and panel (session, ward, queue, digitise, verify, import, stats). The map arrives
 * later (dynamic import) and catches up with the state when it does.
 */
import type { LatLng } from '../common/geo.js';
import { translate, type Lang, type MessageKey, type Vars } from '../i18n/console.js';
import type { Message } from '../i18n/console.js';
import { h } from '../common/dom.js';
import type { AddressProperties, ConsoleApi } from './api.js';
import type { ConsoleDeps, ConsoleShell } from './deps.js';
import { createDigitiseController } from './digitise/controller.js';
import { digitisePanel } from './digitise/panel.js';
import { fullCode } from './geometry.js';
import { createImportController } from './import/controller.js';
import { importPanel } from './import/panel.js';
import type { ConsoleMap } from './map.js';
import { createQueueController } from './queue/controller.js';
import { queuePanel } from './queue/panel.js';
import { createSessionController } from './session/controller.js';
import { signInPanel, userBox } from './session/panel.js';
import { initialState, type ConsoleState } from './state.js';
import { createStatsController } from './stats/controller.js';
import { statsPanel } from './stats/panel.js';
import { tabs, type Tab } from './tabs.js';
import { createVerifyController } from './verify/controller.js';
import { verifyPanel } from './verify/panel.js';
import type { PanelCtx } from './view.js';
import { createWardController } from './ward/controller.js';
import { wardHeader } from './ward/panel.js';

export function createConsole(shell: ConsoleShell, api: ConsoleApi, initialLang: Lang) {
  let lang = initialLang;
  const state: ConsoleState = initialState();
  let map: ConsoleMap | null = null;

  const t = (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
  const say = (m: Message) => t(m.key, m.vars);

  const deps: ConsoleDeps = {
    api,
    state,
    shell,
    render,
    announce(text) {
      shell.status.textContent = '';
      shell.status.textContent = text;
    },
    t,
    say,
    map: () => map,
    syncMap,
  };

  // The features lend each other what they need through these closures: each is made once,
  // below, before any of them runs.
  const ward = createWardController({
    ...deps,
    loadRest: (seq) => [stats.loadCoverage(seq), stats.load(seq), queue.load(seq)],
    refresh(seq) {
      void stats.loadCoverage(seq);
      void stats.load(seq);
    },
    onLeave: () => digitise.closeEditor(),
  });
  const wardData = { upsertFeature: ward.upsertFeature, refreshSoon: ward.refreshSoon, loadAddresses: () => ward.loadAddresses() };
  const session = createSessionController({ ...deps, enterWards: ward.enter, leaveWard: ward.leave });
  const stats = createStatsController({ ...deps, current: ward.current });
  const queue = createQueueController({ ...deps, ...wardData, wardSeq: ward.wardSeq, current: ward.current });
  const digitise = createDigitiseController({ ...deps, ...wardData });
  const verify = createVerifyController({ ...deps, ...wardData, setTab });
  const imports = createImportController({ ...deps, ...wardData });

  /** The view switch: each tab's panel. */
  const TAB_PANELS: Record<Tab, (ctx: PanelCtx) => Node[]> = {
    queue: (ctx) => queuePanel(ctx, queue),
    digitise: (ctx) => digitisePanel(ctx, digitise),
    verify: (ctx) => verifyPanel(ctx, verify),
    import: (ctx) => importPanel(ctx, imports),
    stats: (ctx) => statsPanel(ctx),
  };

  function setTab(tab: Tab, focus = false) {
    if (tab !== 'digitise') digitise.stop();
    state.tab = tab;
    render();
    if (focus) document.getElementById(`tab-${tab}`)?.focus();
  }

  function render({ focusTitle = false } = {}) {
    const active = document.activeElement;
    const activeId = active && shell.panel.contains(active) ? active.id : '';
    const scroll = shell.panel.scrollTop;
    const ctx: PanelCtx = { t, say, lang, state };
    const nodes: Node[] = [];
    const staff =
      state.user && !state.user.blocked && (state.user.role === 'admin' || (state.user.role === 'staff' && state.user.wards.length > 0));
    if (!state.userKnown) nodes.push(h('p', { class: 'loading' }, t('console.loading')));
    else if (!staff) nodes.push(...signInPanel(ctx, session));
    else {
      nodes.push(...wardHeader(ctx, ward));
      if (state.wardCode) {
        nodes.push(tabs(ctx, setTab));
        const panel = h('div', {
          class: 'tabpanel',
          id: 'tabpanel',
          attrs: { role: 'tabpanel', 'aria-labelledby': `tab-${state.tab}`, 'data-tab': state.tab },
        });
        panel.append(...TAB_PANELS[state.tab](ctx));
        nodes.push(panel);
      }
    }
    shell.panel.replaceChildren(...nodes);
    shell.panel.dataset.signedIn = String(Boolean(staff));
    shell.panel.scrollTop = scroll;
    document.body.dataset.console = staff ? 'ready' : 'signin';
    const again = activeId ? document.getElementById(activeId) : null;
    if (focusTitle) shell.panel.querySelector<HTMLElement>('.panel-title')?.focus();
    else if (again) again.focus();
    userBox(shell.userBox, t, state.user, () => session.signOut());
    document.title = state.ward ? `${state.ward.fullName} · ${t('console.title')}` : t('console.title');
  }

  function syncMap() {
    if (!map) return;
    map.setAddresses(state.addresses ?? { type: 'FeatureCollection', features: [] });
    map.setCoverage(state.coverage ?? { type: 'FeatureCollection', features: [] });
    map.setSelected(state.selected?.code ?? null);
    map.setDigitising(state.digitise.on);
  }

  return {
    render,
    loadUser: () => session.loadUser(),
    setLang(next: Lang) {
      lang = next;
      render();
      map?.setLabel(t('console.map'));
    },
    mapLabel: () => t('console.map'),
    attachMap(view: ConsoleMap) {
      map = view;
      if (state.ward?.geometry) map.setWard(state.ward.geometry);
      syncMap();
    },
    /** A click on the map (or Enter on it): digitise there, or select the address under it. */
    onMapClick(point: LatLng, hit: AddressProperties | null) {
      if (!state.wardCode) return;
      if (state.digitise.on) return digitise.clickAt(point);
      if (hit) verify.selectOnMap(fullCode(hit));
    },
    /** Esc anywhere closes the inline editor. */
    onEscape: () => digitise.onEscape(),
  };
}
export type ConsoleController = ReturnType<typeof createConsole>;
