/**
 * The commune console's controller: signs staff in, loads a ward (boundary, addresses, coverage,
 * statistics, review queue), and carries out the actions of the panels. The map arrives later
 * (dynamic import) and catches up with the state when it does.
 */
import { credentials, parseIdentifier } from '../common/account.js';
import { ApiError, cleanDetails } from '../common/api.js';
import { approvalEdits, reviewForm, proposalPoint } from '../common/changes.js';
import type { LatLng } from '../common/geo.js';
import { translate, type Lang, type MessageKey, type Vars } from '../i18n/console.js';
import { anyFieldErrors, apiErrorMessage, type Message } from '../common/messages.js';
import type { CodeLookup } from '../common/types.js';
import { h } from '../common/dom.js';
import type { AddressFeature, AddressProperties, ConsoleApi } from './api.js';
import { importUrl } from './api.js';
import { contains, fullCode } from './geometry.js';
import { importMediaType, MAX_IMPORT_BYTES, normalizeReport } from './imports.js';
import type { ConsoleMap } from './map.js';
import {
  digitiseEditor,
  digitisePanel,
  importPanel,
  queuePanel,
  signInPanel,
  statsPanel,
  tabs,
  verifyPanel,
  wardHeader,
  type ConsoleActions,
  type PanelCtx,
} from './panels.js';
import { emptyAuth, initialState, type ConsoleState, type Notice, type Tab } from './state.js';
import { upload } from './upload.js';
import type { ImportReport, ImportResult } from '../common/types.js';

export type ConsoleShell = {
  panel: HTMLElement;
  status: HTMLElement;
  userBox: HTMLElement;
  mapContainer: HTMLElement;
};

const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', 0, {}));
const isLookup = (value: unknown): value is CodeLookup => typeof value === 'object' && value !== null && 'code' in value && 'registered' in value;
const WARD = /^\d{5}$/;

/** A feature for the map from the address the API answered with. */
function featureOf(result: CodeLookup): AddressFeature | null {
  const a = result.address;
  if (!a) return null;
  const d = a.details;
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [a.point.lng, a.point.lat] },
    properties: {
      code: a.code || result.code, unit: a.unit, status: a.status, private: Boolean(a.private), version: a.version,
      houseNumber: d.houseNumber, street: d.street, hamlet: d.hamlet, building: d.building, landmark: d.landmark, note: d.note,
      placeName: d.placeName ?? null, category: d.category ?? null,
    },
  };
}

export function createConsole(shell: ConsoleShell, api: ConsoleApi, initialLang: Lang) {
  let lang = initialLang;
  const state: ConsoleState = initialState();
  let map: ConsoleMap | null = null;
  let wardSeq = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let editor: ReturnType<typeof digitiseEditor> | null = null;

  const t = (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
  const say = (m: Message) => t(m.key, m.vars);

  function announce(text: string) {
    shell.status.textContent = '';
    shell.status.textContent = text;
  }

  // ------------------------------------------------------------ rendering

  function render({ focusTitle = false } = {}) {
    const active = document.activeElement;
    const activeId = active && shell.panel.contains(active) ? active.id : '';
    const scroll = shell.panel.scrollTop;
    const ctx: PanelCtx = { t, say, lang, state, actions };
    const nodes: Node[] = [];
    const staff = state.user && !state.user.blocked && (state.user.role === 'admin' || (state.user.role === 'staff' && state.user.wards.length > 0));
    if (!state.userKnown) nodes.push(h('p', { class: 'loading' }, t('console.loading')));
    else if (!staff) nodes.push(...signInPanel(ctx));
    else {
      nodes.push(...wardHeader(ctx));
      if (state.wardCode) {
        nodes.push(tabs(ctx));
        const panel = h('div', { class: 'tabpanel', id: 'tabpanel', attrs: { role: 'tabpanel', 'aria-labelledby': `tab-${state.tab}`, 'data-tab': state.tab } });
        const content =
          state.tab === 'queue' ? queuePanel(ctx)
          : state.tab === 'digitise' ? digitisePanel(ctx)
          : state.tab === 'verify' ? verifyPanel(ctx)
          : state.tab === 'import' ? importPanel(ctx)
          : statsPanel(ctx);
        panel.append(...content);
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
    renderUser();
    document.title = state.ward ? `${state.ward.fullName} · ${t('console.title')}` : t('console.title');
  }

  function renderUser() {
    const u = state.user;
    shell.userBox.replaceChildren();
    if (!u) return;
    const name = u.email ?? u.phone ?? '';
    const signOut = h('button', { class: 'topbar-button', id: 'console-sign-out', attrs: { type: 'button' }, on: { click: () => actions.signOut() } }, t('account.signOut'));
    shell.userBox.append(h('span', { class: 'console-user', attrs: { title: name } }, name), signOut);
  }

  function syncMap() {
    if (!map) return;
    map.setAddresses(state.addresses ?? { type: 'FeatureCollection', features: [] });
    map.setCoverage(state.coverage ?? { type: 'FeatureCollection', features: [] });
    map.setSelected(state.selected?.code ?? null);
    map.setDigitising(state.digitise.on);
  }

  // ------------------------------------------------------------ loading

  async function loadUser() {
    try {
      state.user = await api.me();
    } catch (error) {
      state.user = null;
      state.auth.error = apiErrorMessage(asApiError(error));
    }
    state.userKnown = true;
    await afterSignIn({ focusTitle: false });
  }

  async function afterSignIn({ focusTitle = true } = {}) {
    const u = state.user;
    state.wards = (u?.wards ?? []).map((code) => ({ code, name: null }));
    render({ focusTitle });
    if (!u || u.blocked) return;
    const wanted = new URLSearchParams(location.search).get('ward');
    const first = wanted && WARD.test(wanted) && (u.role === 'admin' || u.wards.includes(wanted)) ? wanted : u.wards[0];
    if (first) void openWard(first);
    // the names of the other wards, for the picker
    await Promise.all(
      state.wards.map(async (w) => {
        try {
          w.name = (await api.ward(w.code)).fullName;
        } catch {
          // the code stays as the label
        }
      }),
    );
    render();
  }

  async function openWard(code: string) {
    const seq = ++wardSeq;
    closeEditor();
    Object.assign(state, {
      wardCode: code, ward: null, wardError: null, addresses: null, coverage: null, stats: null, statsError: null, selected: null, verifyNotice: null,
      queue: { loading: true, error: null, items: [], open: null, busy: null, notice: null },
    });
    state.import = initialState().import;
    history.replaceState(null, '', `/console?ward=${code}`);
    render();
    syncMap();
    try {
      const ward = await api.ward(code, true);
      if (seq !== wardSeq) return;
      state.ward = ward;
      const known = state.wards.find((w) => w.code === code);
      if (known) known.name = ward.fullName;
      render();
      map?.setWard(ward.geometry ?? null);
    } catch (error) {
      if (seq !== wardSeq) return;
      state.wardError = apiErrorMessage(asApiError(error));
      render();
      return;
    }
    await Promise.all([loadAddresses(seq), loadCoverage(seq), loadStats(seq), loadQueue(seq)]);
  }

  const current = (seq: number) => seq === wardSeq && state.wardCode !== null;

  async function loadAddresses(seq = wardSeq) {
    try {
      const addresses = await api.addresses(state.wardCode!);
      if (!current(seq)) return;
      state.addresses = addresses;
      map?.setAddresses(addresses);
      render();
    } catch (error) {
      if (current(seq)) state.verifyNotice = { tone: 'error', message: apiErrorMessage(asApiError(error)) };
    }
  }

  async function loadCoverage(seq = wardSeq) {
    try {
      const coverage = await api.coverage(state.wardCode!);
      if (!current(seq)) return;
      state.coverage = coverage;
      map?.setCoverage(coverage);
    } catch {
      // the map simply shows no coverage shading
    }
  }

  async function loadStats(seq = wardSeq) {
    try {
      const stats = await api.stats(state.wardCode!);
      if (!current(seq)) return;
      state.stats = stats;
      state.statsError = null;
    } catch (error) {
      if (current(seq)) state.statsError = apiErrorMessage(asApiError(error));
    }
    if (current(seq)) render();
  }

  async function loadQueue(seq = wardSeq, notice: Notice | null = null) {
    state.queue.loading = true;
    state.queue.notice = notice;
    render();
    try {
      const proposals = await api.queue(state.wardCode!);
      if (!current(seq)) return;
      const before = new Map(state.queue.items.map((i) => [i.proposal.id, i.current]));
      state.queue.items = proposals.map((proposal) => ({ proposal, current: proposal.kind === 'new_place' ? null : before.get(proposal.id) }));
      state.queue.loading = false;
      state.queue.error = null;
      if (state.queue.open && !proposals.some((p) => p.id === state.queue.open!.id)) state.queue.open = null;
      render();
      // the address as it is now, beside each proposal
      await Promise.all(
        state.queue.items.map(async (item) => {
          if (item.proposal.kind === 'new_place' || !item.proposal.code) return;
          let found: CodeLookup | null = null;
          try {
            found = await api.lookup(item.proposal.code);
          } catch {
            found = null;
          }
          item.current = found;
        }),
      );
      if (current(seq)) render();
    } catch (error) {
      if (!current(seq)) return;
      state.queue.loading = false;
      state.queue.error = apiErrorMessage(asApiError(error));
      render();
    }
  }

  /** After a change: the points, the shading and the numbers again, once things settle. */
  function refreshSoon(delay = 600) {
    clearTimeout(refreshTimer);
    const seq = wardSeq;
    refreshTimer = setTimeout(() => {
      if (!current(seq)) return;
      void loadCoverage(seq);
      void loadStats(seq);
    }, delay);
  }

  function upsertFeature(feature: AddressFeature) {
    if (!state.addresses) state.addresses = { type: 'FeatureCollection', features: [] };
    const code = fullCode(feature.properties);
    const i = state.addresses.features.findIndex((f) => fullCode(f.properties) === code);
    if (i >= 0) state.addresses.features[i] = feature;
    else state.addresses.features.push(feature);
    map?.setAddresses(state.addresses);
  }

  // ------------------------------------------------------------ digitising

  function closeEditor() {
    editor = null;
    map?.closeEditor();
  }

  function openEditor(point: LatLng) {
    if (!map) return;
    const ed = digitiseEditor(t, state.digitise.street.trim(), {
      onSave: (houseNumber) => void saveDigitised(point, houseNumber, ed),
      onCancel: () => {
        closeEditor();
        shell.mapContainer.querySelector<HTMLElement>('canvas')?.focus();
      },
    });
    editor = ed;
    map.openEditor(point, ed.element);
    requestAnimationFrame(() => ed.input.focus());
  }

  async function saveDigitised(point: LatLng, houseNumberTyped: string, ed: ReturnType<typeof digitiseEditor>) {
    if (state.digitise.saving) return;
    const houseNumber = houseNumberTyped.trim();
    if (!houseNumber) {
      ed.setError(t('digitise.needNumber'));
      ed.input.focus();
      return;
    }
    state.digitise.saving = true;
    ed.setBusy(true);
    ed.setError(null);
    try {
      const details = cleanDetails({ houseNumber, street: state.digitise.street });
      const { created, result } = await api.register({ lat: point.lat, lng: point.lng, ...(details ? { details } : {}) });
      const feature = featureOf(result);
      if (feature) upsertFeature(feature);
      if (created) state.digitise.count += 1;
      state.digitise.notice = { tone: created ? 'success' : 'notice', message: { key: created ? 'digitise.created' : 'digitise.exists', vars: { code: result.code } } };
      announce(say(state.digitise.notice.message));
      if (editor === ed) {
        closeEditor();
        shell.mapContainer.querySelector<HTMLElement>('canvas')?.focus({ preventScroll: true });
      }
      refreshSoon();
      render();
    } catch (error) {
      const e = asApiError(error);
      const fields = anyFieldErrors(e);
      const first = Object.values(fields)[0];
      ed.setError(say(first ?? apiErrorMessage(e)));
      ed.setBusy(false);
      ed.input.focus();
    } finally {
      state.digitise.saving = false;
    }
  }

  // ------------------------------------------------------------ selection and verifying

  async function select(code: string, { fly = false } = {}) {
    const feature = state.addresses?.features.find((f) => fullCode(f.properties) === code);
    if (!feature) return;
    const [lng, lat] = feature.geometry.coordinates;
    state.selected = { code, props: feature.properties, point: { lat, lng }, lookup: null, history: null, showHistory: false, restoring: null, busy: false, notice: null };
    state.verifyNotice = null;
    if (state.tab !== 'verify') setTab('verify');
    else render();
    map?.setSelected(code);
    if (fly) map?.flyTo({ lat, lng });
    try {
      const lookup = await api.lookup(code);
      if (state.selected?.code !== code) return;
      state.selected.lookup = lookup;
      render();
    } catch {
      // the card keeps the map's data
    }
  }

  async function setStatus(code: string, status: 'verified' | 'needs_review') {
    const selected = state.selected?.code === code ? state.selected : null;
    const feature = state.addresses?.features.find((f) => fullCode(f.properties) === code);
    const version = selected?.lookup?.address?.version ?? feature?.properties.version;
    if (!version) return;
    if (selected) selected.busy = true;
    render();
    try {
      const result = await api.setStatus(code, version, status);
      const updated = featureOf(result);
      if (updated) upsertFeature(updated);
      const notice: Notice = { tone: 'success', message: { key: status === 'verified' ? 'verify.done' : 'verify.marked', vars: { code } } };
      if (state.selected?.code === code) Object.assign(state.selected, { lookup: result, busy: false, notice, history: null, showHistory: false, props: updated?.properties ?? state.selected.props });
      else state.verifyNotice = notice;
      announce(say(notice.message));
      refreshSoon();
    } catch (error) {
      const e = asApiError(error);
      const notice: Notice = { tone: 'error', message: apiErrorMessage(e) };
      if (e.status === 409) {
        if (isLookup(e.problem.current)) {
          const f = featureOf(e.problem.current);
          if (f) upsertFeature(f);
          if (state.selected?.code === code) state.selected.lookup = e.problem.current;
        } else void loadAddresses();
      }
      if (state.selected?.code === code) Object.assign(state.selected, { busy: false, notice });
      else state.verifyNotice = notice;
    }
    render();
  }

  async function loadSelectedHistory(notice: Notice | null = null) {
    const s = state.selected;
    if (!s) return;
    try {
      const history = await api.history(s.code);
      if (state.selected !== s) return;
      Object.assign(s, { history, restoring: null, notice: notice ?? s.notice });
    } catch (error) {
      if (state.selected !== s) return;
      Object.assign(s, { showHistory: false, restoring: null, notice: { tone: 'error', message: apiErrorMessage(asApiError(error)) } });
    }
    render();
  }

  async function restore(version: number) {
    const s = state.selected;
    if (!s?.history || s.restoring !== null) return;
    const expected = Math.max(...s.history.versions.map((v) => v.version));
    s.restoring = version;
    s.notice = null;
    render();
    try {
      const result = await api.restore(s.code, version, expected);
      s.lookup = result;
      const f = featureOf(result);
      if (f) upsertFeature(f);
      await loadSelectedHistory({ tone: 'success', message: { key: 'history.restored', vars: { version } } });
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 409 && isLookup(e.problem.current)) s.lookup = e.problem.current;
      await loadSelectedHistory({ tone: 'error', message: e.status === 403 ? { key: 'history.forbidden' } : apiErrorMessage(e) });
    }
    const notice = document.getElementById('selected-notice');
    notice?.scrollIntoView({ block: 'nearest' });
    notice?.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------ review queue

  async function decide(id: string, run: () => Promise<unknown>, done: Message) {
    state.queue.busy = id;
    render();
    try {
      await run();
      state.queue.busy = null;
      state.queue.open = null;
      announce(say(done));
      await loadQueue(wardSeq, { tone: 'success', message: done });
      void loadAddresses();
      refreshSoon(0);
    } catch (error) {
      const e = asApiError(error);
      state.queue.busy = null;
      if (e.status === 409 || e.status === 404) {
        // decided by someone else, or the address changed meanwhile: show it as it is now
        const item = state.queue.items.find((i) => i.proposal.id === id);
        if (item) item.current = undefined;
        state.queue.open = null;
        await loadQueue(wardSeq, { tone: 'error', message: { key: 'queue.changed' } });
        return;
      }
      const fields = anyFieldErrors(e);
      const message = Object.values(fields)[0] ?? apiErrorMessage(e);
      if (state.queue.open?.id === id) state.queue.open.error = message;
      else state.queue.notice = { tone: 'error', message };
      render();
    }
  }

  function item(id: string) {
    return state.queue.items.find((i) => i.proposal.id === id) ?? null;
  }

  // ------------------------------------------------------------ import

  async function chooseFile(file: File | null) {
    state.import = { fileName: file?.name ?? null, file: null, mediaType: null, phase: { name: 'idle' }, error: null };
    if (!file || !state.wardCode) return render();
    if (file.size === 0) {
      state.import.error = { key: 'import.empty' };
      return render();
    }
    if (file.size > MAX_IMPORT_BYTES) {
      state.import.error = { key: 'import.tooBig', vars: { mb: Math.round(MAX_IMPORT_BYTES / 1024 / 1024) } };
      return render();
    }
    const mediaType = importMediaType(file.name, await file.slice(0, 512).text());
    if (!mediaType) {
      state.import.error = { key: 'import.badType' };
      return render();
    }
    Object.assign(state.import, { file, mediaType, phase: { name: 'checking', progress: 0 } });
    render();
    const chosen = state.import;
    const ward = state.wardCode;
    try {
      const { body } = await upload<ImportReport>({
        url: importUrl(ward, true), body: file, contentType: mediaType,
        onProgress: (p) => {
          if (state.import === chosen && chosen.phase.name === 'checking') {
            chosen.phase = { name: 'checking', progress: p };
            const bar = document.getElementById('import-progress') as HTMLProgressElement | null;
            if (bar) bar.value = p;
          }
        },
      });
      if (state.import !== chosen) return;
      chosen.phase = { name: 'checked', report: normalizeReport(body, true) };
    } catch (error) {
      if (state.import !== chosen) return;
      const e = asApiError(error);
      if (e.status === 422 && Array.isArray(e.problem.rows)) chosen.phase = { name: 'refused', report: normalizeReport({ rows: e.problem.rows }, true) };
      else {
        chosen.phase = { name: 'failed' };
        chosen.error = e.status === 400 || e.status === 413 ? { key: 'error.invalid', vars: { detail: e.problem.detail ?? String(e.status) } } : apiErrorMessage(e);
      }
    }
    render();
    document.getElementById('import-summary')?.focus();
  }

  async function commitImport() {
    const chosen = state.import;
    const phase = chosen.phase;
    if (phase.name !== 'checked' || !chosen.file || !chosen.mediaType || !state.wardCode) return;
    const report = phase.report;
    chosen.phase = { name: 'committing', progress: 0, report };
    render();
    try {
      const { body } = await upload<ImportResult & Partial<ImportReport>>({
        url: importUrl(state.wardCode, false), body: chosen.file, contentType: chosen.mediaType,
        onProgress: (p) => {
          const bar = document.getElementById('import-progress') as HTMLProgressElement | null;
          if (bar) bar.value = p;
        },
      });
      if (state.import !== chosen) return;
      chosen.phase = { name: 'imported', imported: body.imported ?? 0, report: normalizeReport(body, false) };
      announce(t('import.done', { count: body.imported ?? 0 }));
      await loadAddresses();
      refreshSoon(0);
    } catch (error) {
      if (state.import !== chosen) return;
      const e = asApiError(error);
      if (e.status === 422 && Array.isArray(e.problem.rows)) chosen.phase = { name: 'refused', report: normalizeReport({ rows: e.problem.rows }, false) };
      else {
        chosen.phase = { name: 'checked', report };
        chosen.error = e.status === 409 ? { key: 'error.conflict' } : e.status === 400 ? { key: 'error.invalid', vars: { detail: e.problem.detail ?? '400' } } : apiErrorMessage(e);
      }
    }
    render();
  }

  // ------------------------------------------------------------ actions

  function setTab(tab: Tab, focus = false) {
    if (tab !== 'digitise' && state.digitise.on) {
      state.digitise.on = false;
      closeEditor();
      map?.setDigitising(false);
    }
    state.tab = tab;
    render();
    if (focus) document.getElementById(`tab-${tab}`)?.focus();
  }

  async function signIn() {
    const a = state.auth;
    if (a.busy) return;
    const id = parseIdentifier(a.identifier);
    const errors: Record<string, Message> = {};
    if (!id) errors.identifier = { key: 'account.badIdentifier' };
    if (a.password.length < 8) errors.password = { key: 'account.shortPassword' };
    if (Object.keys(errors).length) {
      Object.assign(a, { fieldErrors: errors, error: null });
      render();
      document.getElementById(errors.identifier ? 'auth-id' : 'auth-password')?.focus();
      return;
    }
    Object.assign(a, { busy: true, error: null, fieldErrors: {} });
    render();
    try {
      const signedIn = await api.login(credentials(id!, a.password));
      // /v1/me is the full picture (the wards of staff): the login answer may be shorter
      state.user = (await api.me().catch(() => null)) ?? signedIn;
      state.auth = emptyAuth();
      await afterSignIn();
    } catch (error) {
      const e = asApiError(error);
      a.busy = false;
      a.error = e.status === 401 ? { key: 'account.wrong' } : e.status === 429 ? { key: 'account.locked', vars: { minutes: Math.max(1, Math.ceil((e.retryAfter ?? 900) / 60)) } } : apiErrorMessage(e);
      render();
      document.getElementById('auth-error')?.focus();
    }
  }

  const actions: ConsoleActions = {
    setAuthField(field, value) {
      state.auth[field] = value;
    },
    setShowPassword(show) {
      state.auth.showPassword = show;
      render();
    },
    signIn: () => void signIn(),
    signOut() {
      void api.logout().catch(() => undefined).then(() => {
        wardSeq++;
        closeEditor();
        const fresh = initialState();
        Object.assign(state, fresh, { userKnown: true });
        history.replaceState(null, '', '/console');
        syncMap();
        map?.setWard(null);
        render({ focusTitle: true });
      });
    },
    chooseWard: (code) => void openWard(code),
    setAdminWardInput(value) {
      state.adminWardInput = value;
    },
    openAdminWard() {
      const code = state.adminWardInput.trim();
      if (!WARD.test(code)) {
        state.wardError = { key: 'console.wardBad' };
        return render();
      }
      void openWard(code);
    },
    setTab,
    reloadQueue: () => void loadQueue(),
    approve(id) {
      const it = item(id);
      if (!it) return;
      const version = it.current?.address?.version;
      void decide(id, () => api.approve(id, version ? { version } : {}), { key: 'queue.approved', vars: { id } });
    },
    openQueueForm(id, mode) {
      const it = item(id);
      if (!it) return;
      state.queue.open = { id, mode, form: reviewForm(it.proposal, it.current?.address ?? null), reason: '', error: null };
      render();
      const first = mode === 'edit' ? (it.proposal.kind === 'new_place' ? 'qf-category' : 'qf-placeName') : 'qf-reason';
      document.getElementById(first)?.focus();
    },
    unblock(id) {
      const userId = item(id)?.proposal.proposer?.id;
      if (!userId || state.queue.busy) return;
      void decide(id, () => api.unblock(userId), { key: 'queue.unblockedDone', vars: { id: userId } });
    },
    setQueueField(field, value) {
      const open = state.queue.open;
      if (!open) return;
      if (field === 'reason') open.reason = value;
      else open.form[field] = value;
      if (field === 'category') render();
    },
    closeQueueForm() {
      const id = state.queue.open?.id;
      state.queue.open = null;
      render();
      if (id) shell.panel.querySelector<HTMLElement>(`.proposal[data-id="${id}"] .approve`)?.focus();
    },
    submitQueueForm() {
      const open = state.queue.open;
      const it = open ? item(open.id) : null;
      if (!open || !it || state.queue.busy) return;
      if (open.mode === 'edit') {
        const edits = approvalEdits(it.proposal, it.current?.address ?? null, open.form);
        const version = it.current?.address?.version;
        void decide(open.id, () => api.approve(open.id, { ...(version ? { version } : {}), edits }), { key: 'queue.approved', vars: { id: open.id } });
        return;
      }
      const reason = open.reason.trim();
      if (!reason) {
        open.error = { key: 'queue.needReason' };
        render();
        document.getElementById('qf-reason')?.focus();
        return;
      }
      if (open.mode === 'reject') void decide(open.id, () => api.reject(open.id, reason), { key: 'queue.rejected', vars: { id: open.id } });
      else if (it.proposal.proposer) {
        const userId = it.proposal.proposer.id;
        void decide(open.id, () => api.block(userId, reason), { key: 'queue.blockedDone', vars: { id: userId } });
      }
    },
    showProposal(id) {
      const it = item(id);
      const point = it ? proposalPoint(it.proposal, it.current?.address ?? null) : null;
      if (point) map?.flyTo(point, 19);
      if (it?.current?.address) map?.setSelected(it.current.address.code);
    },
    toggleDigitise() {
      state.digitise.on = !state.digitise.on;
      if (!state.digitise.on) closeEditor();
      map?.setDigitising(state.digitise.on);
      state.digitise.notice = null;
      render();
    },
    setStreet(value) {
      state.digitise.street = value;
    },
    select: (code) => void select(code, { fly: true }),
    deselect() {
      state.selected = null;
      map?.setSelected(null);
      render();
    },
    setStatus: (code, status) => void setStatus(code, status),
    toggleHistory() {
      const s = state.selected;
      if (!s) return;
      s.showHistory = !s.showHistory;
      render();
      if (s.showHistory && !s.history) void loadSelectedHistory();
    },
    restore: (version) => void restore(version),
    chooseFile: (file) => void chooseFile(file),
    commitImport: () => void commitImport(),
  };

  /** A click on the map (or Enter on it): digitise there, or select the address under it. */
  function onMapClick(point: LatLng, hit: AddressProperties | null) {
    if (!state.wardCode) return;
    if (state.digitise.on) {
      if (state.ward?.geometry && !contains(state.ward.geometry, point)) {
        closeEditor();
        state.digitise.notice = { tone: 'error', message: { key: 'digitise.outside' } };
        announce(t('digitise.outside'));
        render();
        return;
      }
      state.digitise.notice = null;
      openEditor(point);
      return;
    }
    if (hit) void select(fullCode(hit));
  }

  return {
    actions,
    render,
    loadUser,
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
    onMapClick,
    /** Esc anywhere closes the inline editor. */
    onEscape() {
      if (editor) {
        closeEditor();
        return true;
      }
      return false;
    },
  };
}
export type ConsoleController = ReturnType<typeof createConsole>;
