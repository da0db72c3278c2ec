/**
 * The app's shell: one current view (shell/state.ts), the features that change it (each in
 * web/src/features/<name>/, with its state, actions and panel), a render of the panel and a sync
 * of the map after each change. The map arrives later (dynamic import) and catches up with the
 * view when it does; everything but the map works without it. The view switch (which panel, what
 * the map shows) is shell/view-switch.ts; here the features are made and their actions gathered.
 */
import type { Api } from './common/api.js';
import { formatRef, parseAddressPath } from './common/code.js';
import type { LatLng } from './common/geo.js';
import type { User } from './common/types.js';
import { renderAccountButton } from './features/account/account-button.js';
import { createAccount } from './features/account/controller.js';
import { createAddPlace } from './features/add-place/controller.js';
import { createApiKeysActions } from './features/api-keys/controller.js';
import { batchActions, createBatchController } from './features/batch/controller.js';
import { createChunkPoster } from './features/batch/run.js';
import { createCreate } from './features/create/controller.js';
import { createDirections } from './features/directions/controller.js';
import { createEdit } from './features/edit/controller.js';
import { createHistory } from './features/history/controller.js';
import { createPasswordActions } from './features/password/controller.js';
import { createPlace } from './features/place/controller.js';
import { createSearch } from './features/search/controller.js';
import { createShareActions } from './features/share/actions.js';
import { translate, type Lang, type Message, type MessageKey, type Vars } from './i18n/household.js';
import type { MapStrings, MapView } from './map/types.js';
import type { Actions, Ctx } from './shell/context.js';
import type { AppDeps } from './shell/panel-deps.js';
import type { View } from './shell/state.js';
import { panelNodes, syncMap } from './shell/view-switch.js';

export type Shell = {
  panel: HTMLElement;
  toast: HTMLElement;
  /** a live region that stays in the page, for results that replace the panel's content */
  announcer: HTMLElement;
  printCard: HTMLElement;
  searchInput: HTMLInputElement;
  /** the line under the search box, for what a search could not find */
  searchMessage: HTMLElement;
  /** the top bar's account button: signed-in state, opens the account panel */
  accountButton: HTMLElement;
};

/** The page a password reset link opens (server/pages/routes.ts serves the app there). */
export const RESET_PATH = '/dat-lai-mat-khau';

export function createController(shell: Shell, api: Api, initialLang: Lang) {
  let lang = initialLang;
  let view: View = { name: 'home' };
  let map: MapView | null = null;
  /** the last camera move asked for before the map was there */
  let pendingCamera: ((map: MapView) => void) | null = null;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  const t = (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
  const say = (message: Message) => t(message.key, message.vars);

  function setView(next: View, { focus = false } = {}) {
    const changed = next.name !== view.name;
    view = next;
    render({ focus, scroll: changed });
    if (map) syncMap(map, view);
  }

  function render({ focus = false, scroll = false } = {}) {
    const active = document.activeElement;
    const activeId = active && shell.panel.contains(active) ? active.id : '';
    const nodes = panelNodes(ctx, view);
    shell.panel.replaceChildren(...nodes);
    shell.panel.dataset.view = view.name;
    if (scroll) shell.panel.scrollTop = 0;
    const again = activeId ? document.getElementById(activeId) : null;
    if (again && !focus) again.focus();
    else if (focus) shell.panel.querySelector<HTMLElement>('.panel-title')?.focus();
    const result = 'result' in view ? view.result : null;
    document.title = result ? `${result.code} · ${t('app.title')}` : t('app.title');
  }

  function camera(move: (map: MapView) => void) {
    if (map) move(map);
    else pendingCamera = move;
  }
  const flyTo = (point: LatLng, zoom?: number) => camera((m) => m.flyTo(point, zoom));

  function setPath(path: string, replace = false) {
    if (location.pathname === path) return;
    if (replace) history.replaceState(null, '', path);
    else history.pushState(null, '', path);
  }

  function toast(text: string) {
    shell.toast.textContent = text;
    shell.toast.classList.add('toast--shown');
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => shell.toast.classList.remove('toast--shown'), 3500);
  }

  function announce(text: string) {
    shell.announcer.textContent = text;
  }

  /** A notice that answers a button further down the panel: bring it into sight and focus. */
  function showNotice(id: string) {
    const el = document.getElementById(id);
    el?.scrollIntoView({ block: 'nearest' });
    el?.focus({ preventScroll: true });
  }

  const showUser = (user: User | null) => renderAccountButton(shell.accountButton, user, t);

  // What the features lend one another goes through `deps`; the features are made just below.
  const deps: AppDeps = {
    api,
    view: () => view,
    setView,
    replaceView: (next) => void (view = next),
    t,
    lang: () => lang,
    render: () => render(),
    announce,
    toast,
    showNotice,
    setPath,
    map: () => map,
    camera,
    flyTo,
    user: () => account.user(),
    setUser: (user) => account.setUser(user),
    requireUser: (then) => account.requireUser(then),
    sessionLost: (then) => account.sessionLost(then),
    openAccount: (back) => account.openAccount(back),
    showPlace: (result, notice, options) => place.showPlace(result, notice, options),
    onPlace: (code) => place.onPlace(code),
    probeManage: (result) => place.probeManage(result),
    reload: (result) => place.reload(result),
  };

  const account = createAccount({ ...deps, showUser });
  const search = createSearch({
    ...deps,
    input: shell.searchInput,
    message: shell.searchMessage,
    lookup: (ref, typed) => void place.lookup(ref, typed),
    cancelLookup: () => place.cancelLookup(),
  });
  const place = createPlace({ ...deps, showTyped: (code) => search.showTyped(code), cancelSearch: () => search.cancel() });
  const create = createCreate(deps);
  const directions = createDirections(deps);
  const edit = createEdit({ ...deps, currentOf: place.currentOf });
  const historyFeature = createHistory({ ...deps, currentOf: place.currentOf });
  const addPlace = createAddPlace(deps);
  const batch = createBatchController({
    current: () => view,
    show: (next, options) => setView(next, options),
    post: createChunkPoster(),
    announce,
    reveal: (id) => showNotice(id),
    t,
    lang: () => lang,
  });
  /** "Khoá API": reached from the account panel; its Back returns there */
  const keys = createApiKeysActions(deps);
  const password = createPasswordActions({ ...deps, openAccount: (back) => account.openAccount(back, { keepPending: true }) });

  const actions: Actions = {
    goHome() {
      place.cancelLookup();
      setView({ name: 'home' }, { focus: true });
      setPath('/');
    },
    back() {
      const v = view;
      if (v.name === 'account') {
        account.forgetPending();
        if (v.back && v.back.name === 'place') place.showPlace(v.back.result);
        else setView(v.back && v.back.name !== 'account' ? v.back : { name: 'home' }, { focus: true });
      } else if (v.name === 'edit' || v.name === 'history') {
        place.showPlace(v.result);
      } else {
        actions.goHome();
      }
    },
    flyTo: (point) => flyTo(point),
    keys,
    password,
    ...create.actions,
    ...place.actions,
    ...createShareActions({ t, toast, ctx: () => ctx, printCard: shell.printCard }),
    ...directions.actions,
    ...account.actions,
    ...edit.actions,
    ...historyFeature.actions,
    ...addPlace.actions,
    ...batchActions(batch, () => {
      place.cancelLookup();
      setPath('/');
    }),
  };

  const ctx: Ctx = {
    get lang() {
      return lang;
    },
    origin: location.origin,
    t,
    say,
    actions,
    canShare: typeof navigator.share === 'function',
    get user() {
      return account.user();
    },
  };

  const mapStrings = (): MapStrings => ({
    label: t('map.label'),
    pin: t('map.pin'),
    target: t('map.target'),
    you: t('map.you'),
    zoomIn: t('map.zoomIn'),
    zoomOut: t('map.zoomOut'),
  });

  return {
    actions,
    mapStrings,
    render,
    submitSearch: (typed: string) => void search.submit(typed),
    /** the page path: an address opens it, anything else the home screen */
    openPath(pathname: string, { replace = true, hash = '' } = {}) {
      if (pathname === RESET_PATH) {
        // the link's token is read once and dropped from the address bar and history
        password.openReset(new URLSearchParams(hash.replace(/^#/, '')).get('token'));
        history.replaceState(null, '', RESET_PATH);
        return;
      }
      const ref = parseAddressPath(pathname);
      if (ref) void place.lookup(ref, formatRef(ref), { replacePath: replace });
      else setView({ name: 'home' });
    },
    setLang(next: Lang) {
      lang = next;
      render();
      search.render();
      showUser(account.user());
      map?.setStrings(mapStrings());
    },
    attachMap(attached: MapView) {
      map = attached;
      syncMap(map, view);
      pendingCamera?.(map);
      pendingCamera = null;
    },
    /** A tap on the map, or the pin let go: the edit's entrance, the new place's spot, or a new code. */
    onMapTap(point: LatLng) {
      if (view.name === 'edit') setView({ ...view, entrance: point, moveEntrance: true });
      else if (view.name === 'add-place' && !view.done) setView({ ...view, point });
      else void create.choosePoint(point);
    },
    /** Who is signed in (GET /v1/me), once at start. */
    async loadUser() {
      showUser(account.user());
      try {
        account.setUser(await api.me());
        if (view.name === 'place') void place.probeManage(view.result);
        if (view.name === 'account' && !view.mine) void account.loadMyProposals();
      } catch {
        // offline or the API is away: the app works signed out
      }
    },
  };
}
export type Controller = ReturnType<typeof createController>;
