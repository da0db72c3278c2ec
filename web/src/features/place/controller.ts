/**
 * A looked-up address: opening a code (typed, picked, or from the address bar), the place panel,
 * whether the user may manage it, and the owner's actions there (claim, private).
 */
import { isStaffOf } from '../../common/account.js';
import { adminLine } from '../../common/address.js';
import { asApiError } from '../../common/api.js';
import { isCodeLookup } from '../../common/checks.js';
import { addressPath, spokenCode, splitApiCode, type CodeRef } from '../../common/code.js';
import { apiErrorMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/household.js';
import type { CodeLookup } from '../../common/types.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import type { Notice } from '../../common/notice.js';
import { placePoint } from './view.js';

export type PlaceActions = {
  lookup(ref: CodeRef, typed: string): void;
  claim(result: CodeLookup): void;
  setPrivate(result: CodeLookup, value: boolean): void;
};

type Deps = Pick<
  AppDeps,
  'api' | 'view' | 'setView' | 't' | 'announce' | 'setPath' | 'map' | 'flyTo' | 'user' | 'requireUser' | 'sessionLost'
> & {
  /** the search box: a lookup replaces what it was showing */
  showTyped(code: string): void;
  cancelSearch(): void;
};

export function createPlace(deps: Deps) {
  const { api, view, setView, t } = deps;
  let lookupSeq = 0;

  const onPlace = (code: string) => {
    const v = view();
    return v.name === 'place' && v.result.code === code ? v : null;
  };

  function showPlace(result: CodeLookup, notice: Notice<Message> | null = null, { focus = true } = {}) {
    const v = view();
    const known = v.name === 'place' && v.result.code === result.code ? v.canManage : null;
    setView({ name: 'place', result, mine: null, canManage: known ?? null, notice }, { focus });
    deps.setPath(addressPath(splitApiCode(result.code)));
    void probeManage(result);
  }

  /**
   * Whether the signed-in user may edit this address directly (owner or ward staff): staff know
   * from their wards; others from the history, which names who made each change to them only.
   */
  async function probeManage(result: CodeLookup) {
    const user = deps.user();
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

  /** A 409's body names the address as it is now; else it is asked for again. */
  const currentOf = async (problemCurrent: unknown, result: CodeLookup) =>
    isCodeLookup(problemCurrent) ? problemCurrent : await reload(result);

  async function lookup(ref: CodeRef, typed: string, { replacePath = false } = {}) {
    const seq = ++lookupSeq;
    deps.cancelSearch();
    setView({ name: 'searching', typed, ref });
    try {
      const result = await api.lookup(ref, deps.map()?.center() ?? null);
      if (seq !== lookupSeq) return;
      setView({ name: 'place', result, mine: null, canManage: null });
      void probeManage(result);
      deps.showTyped(result.code); // the typed text, corrected
      deps.announce([spokenCode(result.code), adminLine(result.admin)].filter(Boolean).join('. '));
      deps.setPath(addressPath(splitApiCode(result.code)), replacePath);
      deps.flyTo(placePoint(result));
    } catch (error) {
      if (seq !== lookupSeq) return;
      const apiError = asApiError(error);
      setView({
        name: 'search-error',
        typed,
        ref,
        message: apiErrorMessage(apiError, typed),
        suggestions: apiError.problem.suggestions ?? [],
      });
    }
  }

  async function claim(result: CodeLookup) {
    const address = result.address;
    if (!address || !deps.requireUser(() => actions.claim(result))) return;
    const place = onPlace(result.code);
    if (place) setView({ ...place, busy: true, notice: null, noticeInline: false });
    try {
      const proposal = await api.proposeChange(result.code, { version: address.version, claim: true });
      const fresh = proposal.applied ? await reload(result) : result;
      const now = onPlace(result.code);
      if (now)
        setView({
          ...now,
          result: fresh,
          busy: false,
          noticeInline: true,
          notice: { tone: 'success', message: { key: proposal.applied ? 'contrib.claimed' : 'contrib.claimSent' } },
        });
      deps.announce(t(proposal.applied ? 'contrib.claimed' : 'contrib.claimSent'));
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 401) return deps.sessionLost(() => actions.claim(result));
      const current = e.status === 409 ? await currentOf(e.problem.current, result) : result;
      const message: Message =
        e.status === 409
          ? /owner/i.test(e.problem.detail ?? '')
            ? { key: 'contrib.owned' }
            : { key: 'error.conflict' }
          : apiErrorMessage(e);
      const now = onPlace(result.code);
      if (now) setView({ ...now, result: current, busy: false, noticeInline: true, notice: { tone: 'error', message } });
    }
  }

  async function setPrivate(result: CodeLookup, value: boolean) {
    const address = result.address;
    if (!address || !deps.requireUser(() => showPlace(result))) return;
    const place = onPlace(result.code);
    if (place) setView({ ...place, busy: true, notice: null, noticeInline: false });
    try {
      const fresh = await api.patch(result.code, { version: address.version, private: value });
      const now = onPlace(result.code);
      if (now)
        setView({
          ...now,
          result: fresh,
          busy: false,
          canManage: true,
          noticeInline: true,
          notice: { tone: 'success', message: { key: value ? 'contrib.privateOn' : 'contrib.privateOff' } },
        });
      deps.map()?.refreshAddresses();
    } catch (error) {
      const e = asApiError(error);
      if (e.status === 401) return deps.sessionLost(() => showPlace(result));
      const current = e.status === 409 ? await currentOf(e.problem.current, result) : result;
      const now = onPlace(result.code);
      if (now)
        setView({
          ...now,
          result: current,
          busy: false,
          canManage: e.status === 403 ? false : now.canManage,
          noticeInline: true,
          notice: { tone: 'error', message: apiErrorMessage(e) },
        });
    }
  }

  const actions: PlaceActions = {
    lookup: (ref, typed) => void lookup(ref, typed),
    claim: (result) => void claim(result),
    setPrivate: (result, value) => void setPrivate(result, value),
  };

  return {
    actions,
    lookup,
    /** a lookup under way no longer matters (another screen was chosen) */
    cancelLookup() {
      lookupSeq++;
    },
    showPlace,
    onPlace,
    probeManage,
    reload,
    currentOf,
  };
}
