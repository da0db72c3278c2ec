/** The versions of an address, and restoring an older one (its owner and the ward's staff). */
import { asApiError } from '../../common/api.js';
import { apiErrorMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/household.js';
import type { CodeLookup } from '../../common/types.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import type { Notice } from '../../common/notice.js';

export type HistoryActions = {
  openHistory(result: CodeLookup): void;
  restore(version: number): void;
};

type Deps = Pick<AppDeps, 'api' | 'view' | 'setView' | 'map' | 'showNotice' | 'requireUser' | 'sessionLost'> & {
  currentOf(problemCurrent: unknown, result: CodeLookup): Promise<CodeLookup>;
};

export function createHistory(deps: Deps) {
  const { api, view, setView } = deps;

  async function loadHistory(result: CodeLookup, notice: Notice<Message> | null = null) {
    const shows = () => {
      const v = view();
      return v.name === 'history' && v.result.code === result.code ? v : null;
    };
    try {
      const history = await api.history(result.code);
      const v = shows();
      if (v) setView({ ...v, result, history, loading: false, error: null, restoring: null, notice });
    } catch (error) {
      const v = shows();
      if (v) setView({ ...v, loading: false, restoring: null, error: apiErrorMessage(asApiError(error)), notice });
    }
  }

  async function restore(version: number) {
    const v = view();
    if (v.name !== 'history' || !v.history || v.restoring !== null) return;
    if (!deps.requireUser(() => actions.openHistory(v.result))) return;
    const expected = Math.max(...v.history.versions.map((x) => x.version));
    setView({ ...v, restoring: version, notice: null });
    try {
      const result = await api.restore(v.result.code, version, expected);
      deps.map()?.refreshAddresses();
      await loadHistory(result, { tone: 'success', message: { key: 'history.restored', vars: { version } } });
      deps.showNotice('history-notice');
    } catch (error) {
      if (view().name !== 'history') return;
      const e = asApiError(error);
      if (e.status === 401) return deps.sessionLost(() => actions.openHistory(v.result));
      if (e.status === 409) {
        const current = await deps.currentOf(e.problem.current, v.result);
        const now = view();
        if (now.name === 'history') setView({ ...now, result: current, loading: true });
        await loadHistory(current, { tone: 'error', message: { key: 'error.conflict' } });
        deps.showNotice('history-notice');
        return;
      }
      const now = view();
      if (now.name !== 'history') return;
      const message: Message = e.status === 403 ? { key: 'history.forbidden' } : apiErrorMessage(e);
      setView({ ...now, restoring: null, notice: { tone: 'error', message } });
      deps.showNotice('history-notice');
    }
  }

  const actions: HistoryActions = {
    openHistory(result) {
      setView({ name: 'history', result, history: null, loading: true, error: null, restoring: null, notice: null }, { focus: true });
      void loadHistory(result);
    },
    restore: (version) => void restore(version),
  };

  return { actions };
}
