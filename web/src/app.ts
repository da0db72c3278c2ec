/**
 * The app's controller: one current view (ui/state.ts), actions that change it, a render of the
 * panel and a sync of the map after each change. The map arrives later (dynamic import) and
 * catches up with the view when it does; everything but the map works without it.
 */
import { credentials, displayName, isStaffOf, parseIdentifier } from './common/account.js';
import { ApiError, cleanDetails, type Api } from './common/api.js';
import { adminLine } from './common/address.js';
import { changeInput, formOf, tidy } from './common/changes.js';
import { addressPath, formatRef, hasOnlyCodeCharacters, isValidUnit, parseAddressPath, parseTypedCode, spokenCode, splitApiCode, type CodeRef } from './common/code.js';
import { formatDistance, formatDuration, type LatLng } from './common/geo.js';
import { translate, type Lang, type MessageKey, type Vars } from './i18n/household.js';
import type { MapStrings, MapView } from './map/types.js';
import { anyFieldErrors, apiErrorMessage, fieldErrors, waitMessage, type Message } from './common/messages.js';
import { newestFirst } from './features/account/my-proposals.js';
import { looksLikeCode, opensCode, SEARCH_LIMIT, zoomFor } from './features/search/search.js';
import { shareData } from './features/share/share.js';
import type { CodeLookup, Details, RouteProfile, SearchResult, User } from './common/types.js';
import { DETAIL_FIELDS } from './common/types.js';
import { renderAccountButton } from './features/account/account-button.js';
import { accountPanel } from './features/account/account-panel.js';
import { addPlacePanel } from './features/add-place/add-place-panel.js';
import { apiKeysPanel } from './features/api-keys/api-keys-panel.js';
import { createApiKeysActions } from './features/api-keys/controller.js';
import { createPasswordActions } from './features/password/controller.js';
import { passwordPanel } from './features/password/password-panel.js';
import { batchPanel } from './features/batch/batch-panel.js';
import { createBatchController } from './features/batch/controller.js';
import { createChunkPoster } from './features/batch/run.js';
import type { Actions, Ctx } from './shell/context.js';
import { copyText } from './common/clipboard.js';
import { createPanel } from './features/create/create-panel.js';
import { directionsPanel } from './features/directions/directions-panel.js';
import { editPanel } from './features/edit/edit-panel.js';
import { currentPosition, GeolocationFailure } from './common/geolocate.js';
import { historyPanel } from './features/history/history-panel.js';
import { placePanel } from './features/place/place-panel.js';
import { printGateCard } from './common/print-card.js';
import { createSearchBox } from './features/search/search-box.js';
import { homePanel, searchErrorPanel, searchingPanel } from './shell/simple-panels.js';
import {
  emptyPlaceForm,
  newCreateView,
  placePoint,
  type AccountView,
  type CreateView,
  type Notice,
  type RouteFailure,
  type View,
} from './shell/state.js';

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
const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', 0, {}));
const isLookup = (value: unknown): value is CodeLookup => typeof value === 'object' && value !== null && 'code' in value && 'registered' in value;
const newAccountView = (reason: MessageKey | null, back: View | null): AccountView => ({
  name: 'account', mode: 'signin', identifier: '', password: '', showPassword: false, busy: false, error: null, fieldErrors: {}, reason, back,
});
const geoKey = (error: unknown): MessageKey => (error instanceof GeolocationFailure ? error.key : 'geo.unavailable');

export function createController(shell: Shell, api: Api, initialLang: Lang) {
  let lang = initialLang;
  let view: View = { name: 'home' };
  let map: MapView | null = null;
  /** the last camera move asked for before the map was there */
  let pendingCamera: ((map: MapView) => void) | null = null;
  let encodeSeq = 0;
  let lookupSeq = 0;
  let routeSeq = 0;
  let routeAbort: AbortController | null = null;
  /** the way of travelling last chosen, for the next directions (motorbike, as most people travel) */
  let profile: RouteProfile = 'motorbike';
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let user: User | null = null;
  /** what to do once signed in, when an action sent the user to the account panel */
  let afterSignIn: (() => void) | null = null;

  const t = (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
  const say = (message: Message) => t(message.key, message.vars);

  const batch = createBatchController({
    current: () => view,
    show: (next, options) => setView(next, options),
    post: createChunkPoster(),
    announce,
    reveal: (id) => showNotice(id),
    t,
    lang: () => lang,
  });

  const searchBox = createSearchBox({
    input: shell.searchInput,
    t,
    search: (q, signal) => api.search(q, { near: map?.center() ?? null, limit: SEARCH_LIMIT }, signal),
    onPick: (result) => pickSearchResult(result),
    announce,
  });

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
    const result = 'result' in view ? view.result : null;
    document.title = result ? `${result.code} · ${t('app.title')}` : t('app.title');
  }

  function panelNodes(): Node[] {
    switch (view.name) {
      case 'home': return homePanel(ctx);
      case 'create': return createPanel(ctx, view);
      case 'searching': return searchingPanel(ctx, view);
      case 'search-error': return searchErrorPanel(ctx, view);
      case 'place': return placePanel(ctx, view);
      case 'directions': return directionsPanel(ctx, view);
      case 'account': return accountPanel(ctx, view);
      case 'edit': return editPanel(ctx, view);
      case 'history': return historyPanel(ctx, view);
      case 'add-place': return addPlacePanel(ctx, view);
      case 'api-keys': return apiKeysPanel(ctx, view);
      case 'password': return passwordPanel(ctx, view);
      case 'batch': return batchPanel(ctx, view);
    }
  }

  function syncMap() {
    if (!map) return;
    const v = view;
    map.setPin(v.name === 'create' ? v.point : v.name === 'edit' ? v.entrance : v.name === 'add-place' && !v.done ? v.point : null);
    const result = v.name === 'place' || v.name === 'directions' || v.name === 'edit' || v.name === 'history' ? v.result : null;
    // while editing, the draggable pin is the entrance: no fixed marker under it
    map.setTarget(result && v.name !== 'edit' ? placePoint(result) : null);
    map.showCell(v.name === 'create' ? (v.preview?.cell ?? null) : (result?.cell ?? null));
    map.setDirections(
      v.name === 'directions' && v.from
        ? { from: v.from, to: placePoint(v.result), route: v.route?.geometry.coordinates ?? null, straight: Boolean(v.routeError) }
        : null,
    );
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
      setView({ name: 'place', result, mine: { created }, canManage: null }, { focus: true });
      void probeManage(result);
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
    searchBox.cancel();
    setView({ name: 'searching', typed, ref });
    try {
      const result = await api.lookup(ref, map?.center() ?? null);
      if (seq !== lookupSeq) return;
      setView({ name: 'place', result, mine: null, canManage: null });
      void probeManage(result);
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

  /** A result chosen in the search list: a code opens as a lookup; a street, ward or province moves the map there. */
  function pickSearchResult(result: SearchResult) {
    shell.searchMessage.textContent = '';
    if (opensCode(result)) {
      const ref = parseTypedCode(result.code);
      shell.searchInput.value = result.code;
      if (ref) void lookup(ref, result.code);
      return;
    }
    shell.searchInput.value = result.label;
    if (view.name === 'searching' || view.name === 'search-error') {
      // the failed code search is no longer what the user is after
      lookupSeq++;
      setView({ name: 'home' });
      setPath('/');
    }
    flyTo({ lat: result.lat, lng: result.lng }, zoomFor(result.type));
    announce(result.label);
  }

  /**
   * The search form sent (Enter without a highlighted result, or the button): text that reads as a
   * code is looked up as a code, as always; other text opens its first search result. Nothing
   * found, or the search failed: the code lookup, which says what is wrong with the text.
   */
  async function submitSearch(typed: string) {
    const ref = parseTypedCode(typed);
    if (!ref) return;
    if (looksLikeCode(typed)) return void lookup(ref, typed);
    const outcome = await searchBox.submit(typed);
    if (outcome === 'failed' || (outcome === 'none' && hasOnlyCodeCharacters(ref.code))) void lookup(ref, typed);
    else if (outcome === 'none') shell.searchMessage.textContent = t('search.noResults', { text: typed });
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
      void requestRoute();
    } catch (error) {
      if (view.name === 'directions') setView({ ...view, locating: false, geoError: geoKey(error) });
    }
  }

  function cancelRoute() {
    routeSeq++;
    routeAbort?.abort();
    routeAbort = null;
  }

  /**
   * The road route from where the user is to the address, for the chosen way of travelling. Off
   * the loaded road data, between ends it does not connect, or when the request fails, the
   * straight line stays, with a sentence that says why.
   */
  async function requestRoute() {
    if (view.name !== 'directions' || !view.from) return;
    cancelRoute();
    const seq = routeSeq;
    const abort = (routeAbort = new AbortController());
    const { from, result, profile: travel } = view;
    const to = placePoint(result);
    const current = () => (view.name === 'directions' && seq === routeSeq ? view : null);
    setView({ ...view, routing: true, route: null, routeError: null });
    try {
      const route = await api.route(from, result.code, travel, abort.signal);
      const v = current();
      if (!v) return;
      setView({ ...v, routing: false, route });
      camera((m) => m.fitPoints([from, to, ...route.geometry.coordinates.map(([lng, lat]) => ({ lat, lng }))]));
      announce(t('directions.summary', { distance: formatDistance(route.distance, lang), duration: formatDuration(route.duration, lang) }));
    } catch (error) {
      const v = current();
      if (!v) return;
      const e = asApiError(error);
      const type = e.status === 422 ? (e.problem.type ?? '') : '';
      const routeError: RouteFailure = type.endsWith('/off-network')
        ? { kind: 'off-network' }
        : type.endsWith('/no-route')
          ? { kind: 'no-route' }
          : { kind: 'failed', message: apiErrorMessage(e) };
      setView({ ...v, routing: false, routeError });
      camera((m) => m.fitPoints([from, to]));
      announce(document.getElementById('directions-notice')?.textContent ?? '');
    } finally {
      if (routeAbort === abort) routeAbort = null;
    }
  }

  function showAccount() {
    renderAccountButton(shell.accountButton, user, t);
  }

  function setUser(next: User | null) {
    user = next;
    showAccount();
  }

  /** Signed in: go on. Signed out: the account panel first, then `then` once signed in. */
  function requireUser(then: () => void): boolean {
    if (user) return true;
    afterSignIn = then;
    setView(newAccountView('account.needed', view), { focus: true });
    return false;
  }

  /** A 401 in the middle of an action: the session ended (expired, signed out elsewhere). */
  function sessionLost(then: () => void) {
    setUser(null);
    requireUser(then);
  }

  function showPlace(result: CodeLookup, notice: Notice | null = null, { focus = true } = {}) {
    const known = view.name === 'place' && view.result.code === result.code ? view.canManage : null;
    setView({ name: 'place', result, mine: null, canManage: known ?? null, notice }, { focus });
    setPath(addressPath(splitApiCode(result.code)));
    void probeManage(result);
  }

  const onPlace = (code: string) => (view.name === 'place' && view.result.code === code ? view : null);

  /**
   * Whether the signed-in user may edit this address directly (owner or ward staff): staff know
   * from their wards; others from the history, which names who made each change to them only.
   */
  async function probeManage(result: CodeLookup) {
    let canManage = false;
    if (user && result.registered) {
      if (isStaffOf(user, result.admin.ward?.code)) canManage = true;
      else {
        try {
          const history = await api.history(result.code);
          canManage = history.versions.some((v) => 'by' in v);
        } catch {
          canManage = false;
        }
      }
    }
    const current = onPlace(result.code);
    if (current && current.canManage !== canManage) setView({ ...current, canManage });
  }

  async function reload(result: CodeLookup): Promise<CodeLookup> {
    try {
      return await api.lookup(splitApiCode(result.code));
    } catch {
      return result;
    }
  }

  async function submitAuth() {
    if (view.name !== 'account' || view.busy) return;
    const v = view;
    const identifier = parseIdentifier(v.identifier);
    const errors: Record<string, Message> = {};
    if (!identifier) errors.identifier = { key: 'account.badIdentifier' };
    if (v.password.length < 8) errors.password = { key: 'account.shortPassword' };
    if (Object.keys(errors).length) {
      setView({ ...v, error: null, fieldErrors: errors });
      document.getElementById(errors.identifier ? 'auth-id' : 'auth-password')?.focus();
      return;
    }
    setView({ ...v, busy: true, error: null, fieldErrors: {} });
    try {
      const creds = credentials(identifier!, v.password);
      const answered = v.mode === 'signup' ? await api.signup(creds) : await api.login(creds);
      if (!answered) {
        // sign-up of a login that already had an account: the API says the same as for a new one, minus the session
        if (view.name === 'account') setView({ ...view, mode: 'signin', password: '', busy: false, notice: { key: 'account.signupNeutral' } }, { focus: true });
        return;
      }
      // /v1/me is the full picture (the wards of staff): the login answer may be shorter
      const signedIn = (await api.me().catch(() => null)) ?? answered;
      setUser(signedIn);
      toast(t('account.welcome', { name: displayName(signedIn) }));
      const next = afterSignIn;
      afterSignIn = null;
      if (next) next();
      else if (v.back && v.back.name !== 'account') {
        if ('result' in v.back && v.back.name === 'place') showPlace(v.back.result);
        else setView(v.back, { focus: true });
      } else setView({ name: 'home' }, { focus: true });
    } catch (error) {
      if (view.name !== 'account') return;
      const e = asApiError(error);
      const fields = anyFieldErrors(e);
      const fieldErrorsOut: Record<string, Message> = {};
      if (fields.email || fields.phone) fieldErrorsOut.identifier = { key: 'account.badIdentifier' };
      if (fields.password) fieldErrorsOut.password = fields.password;
      const message: Message =
        e.status === 401 ? { key: 'account.wrong' }
        : e.status === 429 ? waitMessage(e.retryAfter)
        : Object.keys(fieldErrorsOut).length ? { key: 'create.fixErrors' }
        : apiErrorMessage(e);
      setView({ ...view, busy: false, error: message, fieldErrors: fieldErrorsOut });
      document.getElementById('auth-error')?.focus();
    }
  }

  /** "My proposals" in the account panel: newest first; a lost session shows the sign-in form. */
  async function loadMyProposals() {
    if (view.name !== 'account' || !user) return;
    const kept = view.mine?.proposals ?? null;
    setView({ ...view, mine: { loading: true, error: null, proposals: kept } });
    try {
      const proposals = newestFirst(await api.myProposals());
      if (view.name === 'account' && user) setView({ ...view, mine: { loading: false, error: null, proposals } });
    } catch (error) {
      if (view.name !== 'account') return;
      const e = asApiError(error);
      if (e.status === 401) {
        setUser(null);
        setView({ ...view, mine: null });
        return;
      }
      setView({ ...view, mine: { loading: false, error: apiErrorMessage(e), proposals: kept } });
    }
  }

  async function sendEdit() {
    if (view.name !== 'edit' || view.sending || !view.result.address) return;
    const v = view;
    const address = v.result.address!;
    const change = changeInput(address, v.form, v.moveEntrance ? v.entrance : null);
    if (!change) {
      setView({ ...v, error: { key: 'edit.nothing' }, fieldErrors: {} });
      return;
    }
    if (!requireUser(() => setView({ ...v, error: null }, { focus: true }))) return;
    setView({ ...v, sending: true, error: null, fieldErrors: {} });
    const reason = tidy(v.reason);
    try {
      const proposal = await api.proposeChange(v.result.code, { version: address.version, ...change, ...(reason ? { reason } : {}) });
      if (proposal.applied) {
        const fresh = await reload(v.result);
        showPlace(fresh, { tone: 'success', message: { key: 'edit.applied' } });
        map?.refreshAddresses();
      } else {
        showPlace(v.result, { tone: 'notice', message: { key: 'edit.pending' } });
      }
      announce(t(proposal.applied ? 'edit.applied' : 'edit.pending'));
    } catch (error) {
      if (view.name !== 'edit') return;
      const e = asApiError(error);
      if (e.status === 401) return sessionLost(() => setView({ ...v, sending: false }, { focus: true }));
      if (e.status === 409) {
        // someone else's change came first: show theirs, keep what this user typed
        const current = isLookup(e.problem.current) ? e.problem.current : await reload(v.result);
        setView({ ...view, result: current, sending: false, error: { key: 'error.conflict' } });
        return;
      }
      const fields = anyFieldErrors(e);
      setView({ ...view, sending: false, fieldErrors: fields, error: Object.keys(fields).length ? { key: 'create.fixErrors' } : apiErrorMessage(e) });
    }
  }

  async function loadHistory(result: CodeLookup, notice: Notice | null = null) {
    try {
      const history = await api.history(result.code);
      if (view.name === 'history' && view.result.code === result.code) setView({ ...view, result, history, loading: false, error: null, restoring: null, notice });
    } catch (error) {
      if (view.name === 'history' && view.result.code === result.code) setView({ ...view, loading: false, restoring: null, error: apiErrorMessage(asApiError(error)), notice });
    }
  }

  async function restore(version: number) {
    if (view.name !== 'history' || !view.history || view.restoring !== null) return;
    const v = view;
    if (!requireUser(() => actions.openHistory(v.result))) return;
    const expected = Math.max(...v.history!.versions.map((x) => x.version));
    setView({ ...v, restoring: version, notice: null });
    try {
      const result = await api.restore(v.result.code, version, expected);
      map?.refreshAddresses();
      await loadHistory(result, { tone: 'success', message: { key: 'history.restored', vars: { version } } });
      showNotice('history-notice');
    } catch (error) {
      if (view.name !== 'history') return;
      const e = asApiError(error);
      if (e.status === 401) return sessionLost(() => actions.openHistory(v.result));
      if (e.status === 409) {
        const current = isLookup(e.problem.current) ? e.problem.current : await reload(v.result);
        setView({ ...view, result: current, loading: true });
        await loadHistory(current, { tone: 'error', message: { key: 'error.conflict' } });
        showNotice('history-notice');
        return;
      }
      const message: Message = e.status === 403 ? { key: 'history.forbidden' } : apiErrorMessage(e);
      setView({ ...view, restoring: null, notice: { tone: 'error', message } });
      showNotice('history-notice');
    }
  }

  async function claim(result: CodeLookup) {
    const address = result.address;
    if (!address || !requireUser(() => actions.claim(result))) return;
    const place = onPlace(result.code);
    if (place) setView({ ...place, busy: true, notice: null, noticeInline: false });
    try {
      const proposal = await api.proposeChange(result.code, { version: address.version, claim: true });
      const fresh = proposal.applied ? await reload(result) : result;
      const now = onPlace(result.code);
      if (now) setView({ ...now, result: fresh, busy: false, noticeInline: true, notice: { tone: 'success', message: { key: proposal.applied ? 'contrib.claimed' : 'contrib.claimSent' } } });
      announce(t(proposal.applied ? 'contrib.claimed' : 'contrib.claimSent'));
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 401) return sessionLost(() => actions.claim(result));
      const current = e.status === 409 ? (isLookup(e.problem.current) ? e.problem.current : await reload(result)) : result;
      const message: Message = e.status === 409 ? (/owner/i.test(e.problem.detail ?? '') ? { key: 'contrib.owned' } : { key: 'error.conflict' }) : apiErrorMessage(e);
      const now = onPlace(result.code);
      if (now) setView({ ...now, result: current, busy: false, noticeInline: true, notice: { tone: 'error', message } });
    }
  }

  async function setPrivate(result: CodeLookup, value: boolean) {
    const address = result.address;
    if (!address || !requireUser(() => showPlace(result))) return;
    const place = onPlace(result.code);
    if (place) setView({ ...place, busy: true, notice: null, noticeInline: false });
    try {
      const fresh = await api.patch(result.code, { version: address.version, private: value });
      const now = onPlace(result.code);
      if (now) setView({ ...now, result: fresh, busy: false, canManage: true, noticeInline: true, notice: { tone: 'success', message: { key: value ? 'contrib.privateOn' : 'contrib.privateOff' } } });
      map?.refreshAddresses();
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 401) return sessionLost(() => showPlace(result));
      const current = e.status === 409 ? (isLookup(e.problem.current) ? e.problem.current : await reload(result)) : result;
      const now = onPlace(result.code);
      if (now) setView({ ...now, result: current, busy: false, canManage: e.status === 403 ? false : now.canManage, noticeInline: true, notice: { tone: 'error', message: apiErrorMessage(e) } });
    }
  }

  async function sendPlace() {
    if (view.name !== 'add-place' || view.sending) return;
    const v = view;
    const { form } = v;
    const errors: Record<string, Message> = {};
    const name = tidy(form.name);
    const unit = form.unit.trim().toUpperCase();
    if (!name) errors.name = { key: 'addPlace.needName' };
    if (!form.category) errors.category = { key: 'addPlace.needCategory' };
    if (unit && !isValidUnit(unit)) errors.unit = { key: 'error.code.unit' };
    if (!v.point || Object.keys(errors).length) {
      setView({ ...v, fieldErrors: errors, detailsOpen: v.detailsOpen || Boolean(errors.unit), error: v.point ? { key: 'create.fixErrors' } : { key: 'addPlace.needPoint' } });
      const first = errors.name ? 'place-name' : errors.category ? 'place-category' : errors.unit ? 'place-unit' : null;
      if (first) document.getElementById(first)?.focus();
      return;
    }
    if (!requireUser(() => setView({ ...v, error: null }, { focus: true }))) return;
    setView({ ...v, sending: true, error: null, fieldErrors: {} });
    const details = cleanDetails(Object.fromEntries(DETAIL_FIELDS.map((f) => [f, form[f]])) as Partial<Record<keyof Details, string>>);
    const reason = tidy(form.reason);
    try {
      const proposal = await api.proposePlace({
        lat: v.point.lat, lng: v.point.lng, name, category: form.category,
        ...(unit ? { unit } : {}), ...(details ? { details } : {}), ...(reason ? { reason } : {}),
      });
      if (view.name !== 'add-place') return;
      setView({ ...view, sending: false, done: { code: proposal.code ?? '', applied: Boolean(proposal.applied) } }, { focus: true });
      if (proposal.applied) map?.refreshAddresses();
    } catch (error) {
      if (view.name !== 'add-place') return;
      const e = asApiError(error);
      if (e.status === 401) return sessionLost(() => setView({ ...v, sending: false }, { focus: true }));
      const fields = anyFieldErrors(e);
      setView({ ...view, sending: false, fieldErrors: fields, detailsOpen: true, error: Object.keys(fields).length ? { key: 'create.fixErrors' } : apiErrorMessage(e) });
    }
  }

  /** "Khoá API": reached from the account panel; its Back returns there */
  const keysActions = createApiKeysActions({
    api,
    view: () => view,
    setView,
    replaceView: (next) => void (view = next),
    t,
    announce,
    sessionLost,
    openAccount(back) {
      afterSignIn = null;
      setView(newAccountView(null, back), { focus: true });
      void loadMyProposals();
    },
  });

  const passwordActions = createPasswordActions({
    api,
    view: () => view,
    setView,
    replaceView: (next) => void (view = next),
    t,
    toast,
    setUser,
    sessionLost,
    openAccount(back) {
      setView(newAccountView(null, back), { focus: true });
      void loadMyProposals();
    },
  });

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
      cancelRoute();
      setView(
        { name: 'directions', result, mine, from: null, locating: true, geoError: null, profile, routing: false, route: null, routeError: null },
        { focus: true },
      );
      void locateForDirections();
    },
    locateForDirections: () => void locateForDirections(),
    setDirectionsProfile(next) {
      if (view.name !== 'directions' || view.profile === next) return;
      profile = next;
      setView({ ...view, profile: next });
      void requestRoute();
    },
    retryRoute: () => void requestRoute(),
    closeDirections() {
      if (view.name !== 'directions') return;
      cancelRoute();
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

    openAccount() {
      if (view.name === 'account') return;
      afterSignIn = null;
      setView(newAccountView(null, view), { focus: true });
      void loadMyProposals();
    },
    setAuthField(field, value) {
      if (view.name === 'account') view = { ...view, [field]: value };
    },
    setShowPassword(show) {
      if (view.name === 'account') setView({ ...view, showPassword: show });
    },
    switchAuthMode() {
      if (view.name === 'account') setView({ ...view, mode: view.mode === 'signin' ? 'signup' : 'signin', error: null, notice: null, fieldErrors: {} }, { focus: true });
    },
    submitAuth: () => void submitAuth(),
    signOut() {
      void api.logout().catch(() => undefined).then(() => {
        setUser(null);
        toast(t('account.signedOut'));
        if (view.name === 'account' || view.name === 'api-keys') setView({ name: 'home' }, { focus: true });
        else if (view.name === 'place') setView({ ...view, canManage: false, notice: null });
        else render();
      });
    },
    reloadMyProposals: () => void loadMyProposals(),
    keys: keysActions,
    password: passwordActions,
    back() {
      const v = view;
      if (v.name === 'account') {
        afterSignIn = null;
        if (v.back && v.back.name === 'place') showPlace(v.back.result);
        else setView(v.back && v.back.name !== 'account' ? v.back : { name: 'home' }, { focus: true });
      } else if (v.name === 'edit' || v.name === 'history') {
        showPlace(v.result);
      } else {
        actions.goHome();
      }
    },

    openEdit(result) {
      const address = result.address;
      if (!address || !requireUser(() => actions.openEdit(result))) return;
      const direct = Boolean(onPlace(result.code)?.canManage) || isStaffOf(user, result.admin.ward?.code);
      setView(
        { name: 'edit', result, direct, form: formOf(address), reason: '', entrance: address.point, moveEntrance: false, sending: false, error: null, fieldErrors: {} },
        { focus: true },
      );
      flyTo(address.point);
    },
    setEditField(field, value) {
      if (view.name !== 'edit') return;
      view = field === 'reason' ? { ...view, reason: value } : { ...view, form: { ...view.form, [field]: value } };
    },
    setMoveEntrance(move) {
      if (view.name !== 'edit') return;
      view = { ...view, moveEntrance: move };
      if (!move && view.result.address) setView({ ...view, entrance: view.result.address.point });
    },
    sendEdit: () => void sendEdit(),
    openHistory(result) {
      setView({ name: 'history', result, history: null, loading: true, error: null, restoring: null, notice: null }, { focus: true });
      void loadHistory(result);
    },
    restore: (version) => void restore(version),
    claim: (result) => void claim(result),
    setPrivate: (result, value) => void setPrivate(result, value),

    startAddPlace(point) {
      setView({ name: 'add-place', point, form: emptyPlaceForm(), detailsOpen: false, sending: false, error: null, fieldErrors: {}, done: null }, { focus: true });
      setPath('/');
    },
    setPlaceField(field, value) {
      if (view.name === 'add-place') view = { ...view, form: { ...view.form, [field]: value } };
    },
    setPlaceDetailsOpen(open) {
      if (view.name === 'add-place') view = { ...view, detailsOpen: open };
    },
    sendPlace: () => void sendPlace(),

    openBatch() {
      lookupSeq++;
      batch.open();
      setPath('/');
    },
    chooseBatchFile: (file) => batch.choose(file),
    setBatchKind: (kind) => batch.setKind(kind),
    setBatchColumn: (column) => batch.setColumn(column),
    startBatch: () => batch.start(),
    cancelBatch: () => batch.cancel(),
  };

  const ctx: Ctx = {
    get lang() { return lang; },
    origin: location.origin,
    t,
    say,
    actions,
    canShare: typeof navigator.share === 'function',
    get user() {
      return user;
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
    submitSearch: (typed: string) => void submitSearch(typed),
    /** the page path: an address opens it, anything else the home screen */
    openPath(pathname: string, { replace = true, hash = '' } = {}) {
      if (pathname === RESET_PATH) {
        // the link's token is read once and dropped from the address bar and history
        passwordActions.openReset(new URLSearchParams(hash.replace(/^#/, '')).get('token'));
        history.replaceState(null, '', RESET_PATH);
        return;
      }
      const ref = parseAddressPath(pathname);
      if (ref) void lookup(ref, formatRef(ref), { replacePath: replace });
      else setView({ name: 'home' });
    },
    setLang(next: Lang) {
      lang = next;
      render();
      searchBox.render();
      showAccount();
      map?.setStrings(mapStrings());
    },
    attachMap(view: MapView) {
      map = view;
      syncMap();
      pendingCamera?.(map);
      pendingCamera = null;
    },
    /** A tap on the map, or the pin let go: the edit's entrance, the new place's spot, or a new code. */
    onMapTap(point: LatLng) {
      if (view.name === 'edit') setView({ ...view, entrance: point, moveEntrance: true });
      else if (view.name === 'add-place' && !view.done) setView({ ...view, point });
      else void choosePoint(point);
    },
    /** Who is signed in (GET /v1/me), once at start. */
    async loadUser() {
      showAccount();
      try {
        setUser(await api.me());
        if (view.name === 'place') void probeManage(view.result);
        if (view.name === 'account' && !view.mine) void loadMyProposals();
      } catch {
        // offline or the API is away: the app works signed out
      }
    },
  };
}
export type Controller = ReturnType<typeof createController>;
