/**
 * Verifying: pick an address (on the map or in the list), verify it or flag it for review, and
 * read or restore its history. A version someone else saved first shows the address as it is now.
 */
import { apiErrorMessage } from '../../common/messages.js';
import type { AddressFeature } from '../api.js';
import { asApiError, isLookup, type ConsoleDeps } from '../deps.js';
import { fullCode } from '../geometry.js';
import type { Message } from '../../i18n/console.js';
import type { Notice } from '../../common/notice.js';
import type { Tab } from '../tabs.js';
import { featureOf } from '../ward/features.js';

export function createVerifyController(
  deps: ConsoleDeps & {
    setTab(tab: Tab): void;
    upsertFeature(feature: AddressFeature): void;
    refreshSoon(delay?: number): void;
    loadAddresses(): Promise<void>;
  },
) {
  const { api, state, render, announce, say, map } = deps;

  async function select(code: string, { fly = false } = {}) {
    const feature = state.addresses?.features.find((f) => fullCode(f.properties) === code);
    if (!feature) return;
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    state.selected = {
      code,
      props: feature.properties,
      point: { lat, lng },
      lookup: null,
      history: null,
      showHistory: false,
      restoring: null,
      busy: false,
      notice: null,
    };
    state.verifyNotice = null;
    if (state.tab !== 'verify') deps.setTab('verify');
    else render();
    map()?.setSelected(code);
    if (fly) map()?.flyTo({ lat, lng });
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
      if (updated) deps.upsertFeature(updated);
      const notice: Notice<Message> = {
        tone: 'success',
        message: { key: status === 'verified' ? 'verify.done' : 'verify.marked', vars: { code } },
      };
      if (state.selected?.code === code)
        Object.assign(state.selected, {
          lookup: result,
          busy: false,
          notice,
          history: null,
          showHistory: false,
          props: updated?.properties ?? state.selected.props,
        });
      else state.verifyNotice = notice;
      announce(say(notice.message));
      deps.refreshSoon();
    } catch (error) {
      const e = asApiError(error);
      const notice: Notice<Message> = { tone: 'error', message: apiErrorMessage(e) };
      if (e.status === 409) {
        if (isLookup(e.problem.current)) {
          const f = featureOf(e.problem.current);
          if (f) deps.upsertFeature(f);
          if (state.selected?.code === code) state.selected.lookup = e.problem.current;
        } else void deps.loadAddresses();
      }
      if (state.selected?.code === code) Object.assign(state.selected, { busy: false, notice });
      else state.verifyNotice = notice;
    }
    render();
  }

  async function loadHistory(notice: Notice<Message> | null = null) {
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
      if (f) deps.upsertFeature(f);
      await loadHistory({ tone: 'success', message: { key: 'history.restored', vars: { version } } });
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 409 && isLookup(e.problem.current)) s.lookup = e.problem.current;
      await loadHistory({ tone: 'error', message: e.status === 403 ? { key: 'history.forbidden' } : apiErrorMessage(e) });
    }
    const notice = document.getElementById('selected-notice');
    notice?.scrollIntoView({ block: 'nearest' });
    notice?.focus({ preventScroll: true });
  }

  return {
    /** from the list: the map flies there */
    select: (code: string) => void select(code, { fly: true }),
    /** from the map, where the user is already looking */
    selectOnMap: (code: string) => void select(code),
    deselect() {
      state.selected = null;
      map()?.setSelected(null);
      render();
    },
    setStatus: (code: string, status: 'verified' | 'needs_review') => void setStatus(code, status),
    toggleHistory() {
      const s = state.selected;
      if (!s) return;
      s.showHistory = !s.showHistory;
      render();
      if (s.showHistory && !s.history) void loadHistory();
    },
    restore: (version: number) => void restore(version),
  };
}
export type VerifyController = ReturnType<typeof createVerifyController>;
