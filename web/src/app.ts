/**
 * The app's controller: one current view (ui/state.ts), actions that change it, a render of the
 * panel and a sync of the map after each change. The map arrives later (dynamic import) and
 * catches up with the view when it does; everything but the map works without it.
 */
import { ApiError, cleanDetails, type Api } from './api.js';
import { adminLine } from './address.js';
import { addressPath, formatRef, isValidUnit, parseAddressPath, spokenCode, splitApiCode, type CodeRef } from './code.js';
import type { LatLng } from './geo.js';
import { translate, type Lang, type MessageKey, type Vars } from './i18n.js';
import type { MapStrings, MapView } from './map/types.js';
import { apiErrorMessage, fieldErrors, type Message } from './messages.js';
import { shareData } from './share.js';
import type { Actions, Ctx } from './ui/context.js';
import { copyText } from './ui/clipboard.js';
import { createPanel } from './ui/create-panel.js';
import { directionsPanel } from './ui/directions-panel.js';
import { currentPosition, GeolocationFailure } from './ui/geolocate.js';
import { placePanel } from './ui/place-panel.js';
import { printGateCard } from './ui/print-card.js';
import { homePanel, searchErrorPanel, searchingPanel } from './ui/simple-panels.js';
import { newCreateView, placePoint, type CreateView, type View } from './ui/state.js';

export type Shell = {
  panel: HTMLElement;
  toast: HTMLElement;
  /** a live region that stays in the page, for results that replace the panel's content */
  announcer: HTMLElement;
  printCard: HTMLElement;
  searchInput: HTMLInputElement;
};

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', 0, {}));
const geoKey = (error: unknown): MessageKey => (error instanceof GeolocationFailure ? error.key : 'geo.unavailable');

export function createController(shell: Shell, api: Api, initialLang: Lang) {
  let lang = initialLang;
  let view: View = { name: 'home' };
  let map: MapView | null = null;
  /** the last camera move asked for before the map was there */
  let pendingCamera: ((map: MapView) => void) | null = null;
  let encodeSeq = 0;
  let lookupSeq = 0;
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  const t = (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
  const say = (message: Message) => t(message.key, message.vars);

  function setView(next: View, { focus = false } = {}) {
    const changed = next.name !== view.name;
    view = next;
    render({ focus, scroll: changed });
    syncMap();
  }

  function updateCreate(patch: Partial<CreateView>) {
    if (view.name === 'create') setView({ ...view, ...patch });
  }

  function render({ focus = false, scroll = false } = {}) {
    const active = document.activeElement;
    const activeId = active && shell.panel.contains(active) ? active.id : '';
    const nodes = panelNodes();
    shell.panel.replaceChildren(...nodes);
    shell.panel.dataset.view = view.name;
    if (scroll) shell.panel.scrollTop = 0;
    const again = activeId ? document.getElementById(activeId) : null;
    if (again && !focus) again.focus();
    else if (focus) shell.panel.querySelector<HTMLElement>('.panel-title')?.focus();
    document.title = view.name === 'place' || view.name === 'directions' ? `${view.result.code} · ${t('app.title')}` : t('app.title');
  }

  function panelNodes(): Node[] {
    switch (view.name) {
      case 'home': return homePanel(ctx);
      case 'create': return createPanel(ctx, view);
      case 'searching': return searchingPanel(ctx, view);
      case 'search-error': return searchErrorPanel(ctx, view);
      case 'place': return placePanel(ctx, view);
      case 'directions': return directionsPanel(ctx, view);
    }
  }

  function syncMap() {
    if (!map) return;
    const v = view;
    map.setPin(v.name === 'create' ? v.point : null);
    const result = v.name === 'place' || v.name === 'directions' ? v.result : null;
    map.setTarget(result ? placePoint(result) : null);
    map.showCell(v.name === 'create' ? (v.preview?.cell ?? null) : (result?.cell ?? null));
    map.setLine(v.name === 'directions' ? v.from : null, result ? placePoint(result) : null);
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

  /** A chosen spot (tap, drag, keyboard or phone location): show the pin and work out its code. */
  async function choosePoint(point: LatLng, accuracy: number | null = null) {
    const base = view.name === 'create' ? view : newCreateView();
    if (base.registering) return;
    setView({ ...base, point, accuracy, geoError: null, encoding: true, encodeError: null, registerError: null, preview: null });
    const seq = ++encodeSeq;
    try {
      const preview = await api.encode(point);
      if (seq !== encodeSeq) return;
      updateCreate({ encoding: false, preview });
      announce(`${t('create.preview')}: ${spokenCode(preview.code)}`);
    } catch (error) {
      if (seq === encodeSeq) updateCreate({ encoding: false, encodeError: apiErrorMessage(asApiError(error)) });
    }
  }

  async function register() {
    if (view.name !== 'create' || !view.point || view.registering) return;
    const { form, point } = view;
    const unit = form.unit.trim().toUpperCase();
    if (unit && !isValidUnit(unit)) {
      updateCreate({ fieldErrors: { unit: { key: 'error.code.unit' } }, detailsOpen: true, registerError: { key: 'create.fixErrors' } });
      document.getElementById('field-unit')?.focus();
      return;
    }
    updateCreate({ registering: true, registerError: null, fieldErrors: {} });
    try {
      const { houseNumber, street, hamlet, building, landmark, note } = form;
      const details = cleanDetails({ houseNumber, street, hamlet, building, landmark, note });
      const { created, result } = await api.register({ lat: point.lat, lng: point.lng, ...(unit ? { unit } : {}), ...(details ? { details } : {}) });
      setView({ name: 'place', result, mine: { created } }, { focus: true });
      announce(`${t('result.yourCode')}: ${spokenCode(result.code)}`);
      setPath(addressPath(splitApiCode(result.code)));
      map?.refreshAddresses();
    } catch (error) {
      const apiError = asApiError(error);
      const fields = fieldErrors(apiError);
      if (Object.keys(fields).length) {
        updateCreate({ registering: false, fieldErrors: fields, detailsOpen: true, registerError: { key: 'create.fixErrors' } });
        const first = Object.keys(fields)[0];
        document.getElementById(`field-${first}`)?.focus();
      } else {
        updateCreate({ registering: false, registerError: apiErrorMessage(apiError) });
      }
    }
  }

  async function lookup(ref: CodeRef, typed: string, { replacePath = false } = {}) {
    const seq = ++lookupSeq;
    setView({ name: 'searching', typed, ref });
    try {
      const result = await api.lookup(ref, map?.center() ?? null);
      if (seq !== lookupSeq) return;
      setView({ name: 'place', result, mine: null });
      shell.searchInput.value = result.code; // the typed text, corrected
      announce([spokenCode(result.code), adminLine(result.admin)].filter(Boolean).join('. '));
      setPath(addressPath(splitApiCode(result.code)), replacePath);
      flyTo(placePoint(result));
    } catch (error) {
      if (seq !== lookupSeq) return;
      const apiError = asApiError(error);
      setView({ name: 'search-error', typed, ref, message: apiErrorMessage(apiError, typed), suggestions: apiError.problem.suggestions ?? [] });
    }
  }

  async function locateForDirections() {
    if (view.name !== 'directions') return;
    setView({ ...view, locating: true, geoError: null });
    try {
      const { point } = await currentPosition();
      if (view.name !== 'directions') return;
      setView({ ...view, locating: false, from: point });
      const to = placePoint(view.result);
      camera((m) => m.fitPoints([point, to]));
    } catch (error) {
      if (view.name === 'directions') setView({ ...view, locating: false, geoError: geoKey(error) });
    }
  }

  const actions: Actions = {
    goHome() {
      lookupSeq++;
      setView({ name: 'home' }, { focus: true });
      setPath('/');
    },
    startCreate() {
      setView(newCreateView(), { focus: true });
      setPath('/');
    },
    async useMyLocation() {
      if (view.name !== 'create') setView(newCreateView());
      updateCreate({ locating: true, geoError: null });
      try {
        const { point, accuracy } = await currentPosition();
        updateCreate({ locating: false });
        flyTo(point, 19);
        await choosePoint(point, accuracy);
      } catch (error) {
        updateCreate({ locating: false, geoError: geoKey(error) });
      }
    },
    updateField(field, value) {
      // no re-render while typing: the input keeps its own text and focus
      if (view.name === 'create') view = { ...view, form: { ...view.form, [field]: value } };
    },
    setDetailsOpen(open) {
      if (view.name === 'create') view = { ...view, detailsOpen: open };
    },
    register: () => void register(),
    retryEncode() {
      if (view.name === 'create' && view.point) void choosePoint(view.point, view.accuracy);
    },
    lookup: (ref, typed) => void lookup(ref, typed),
    openDirections(result) {
      const mine = view.name === 'place' ? view.mine : null;
      setView({ name: 'directions', result, mine, from: null, locating: true, geoError: null }, { focus: true });
      void locateForDirections();
    },
    locateForDirections: () => void locateForDirections(),
    closeDirections() {
      if (view.name !== 'directions') return;
      setView({ name: 'place', result: view.result, mine: view.mine }, { focus: true });
      flyTo(placePoint(view.result));
    },
    copy: (text, done) => void copyText(text).then((ok) => toast(ok ? done : t('copy.failed'))),
    share(result) {
      const data = shareData(location.origin, splitApiCode(result.code), t('share.text', { code: result.code }));
      navigator.share?.(data).catch(() => undefined); // cancelled by the user: nothing to say
    },
    print: (result) => void printGateCard(ctx, result, shell.printCard),
    flyTo: (point) => flyTo(point),
  };

  const ctx: Ctx = {
    get lang() { return lang; },
    origin: location.origin,
    t,
    say,
    actions,
    canShare: typeof navigator.share === 'function',
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
    /** the page path: an address opens it, anything else the home screen */
    openPath(pathname: string, { replace = true } = {}) {
      const ref = parseAddressPath(pathname);
      if (ref) void lookup(ref, formatRef(ref), { replacePath: replace });
      else setView({ name: 'home' });
    },
    setLang(next: Lang) {
      lang = next;
      render();
      map?.setStrings(mapStrings());
    },
    attachMap(view: MapView) {
      map = view;
      syncMap();
      pendingCamera?.(map);
      pendingCamera = null;
    },
    onMapTap(point: LatLng) {
      void choosePoint(point);
    },
  };
}
export type Controller = ReturnType<typeof createController>;
