/**
 * Editing a registered address: a proposal, or a direct change for its owner and the ward's
 * staff. It carries the version shown; a change made meanwhile by someone else comes back as a
 * 409 with the address as it is now, and what the user typed is kept.
 */
import { isStaffOf } from '../../common/account.js';
import { asApiError } from '../../common/api.js';
import { changeInput, formOf, tidy, type EditField } from '../../common/changes.js';
import { anyFieldErrors, apiErrorMessage } from '../../common/messages.js';
import type { CodeLookup } from '../../common/types.js';
import type { AppDeps } from '../../shell/panel-deps.js';

export type EditActions = {
  openEdit(result: CodeLookup): void;
  setEditField(field: EditField | 'reason', value: string): void;
  setMoveEntrance(move: boolean): void;
  sendEdit(): void;
};

type Deps = Pick<
  AppDeps,
  | 'api'
  | 'view'
  | 'setView'
  | 'replaceView'
  | 't'
  | 'announce'
  | 'map'
  | 'flyTo'
  | 'user'
  | 'requireUser'
  | 'sessionLost'
  | 'showPlace'
  | 'onPlace'
  | 'reload'
> & {
  currentOf(problemCurrent: unknown, result: CodeLookup): Promise<CodeLookup>;
};

export function createEdit(deps: Deps) {
  const { api, view, setView, t } = deps;

  async function sendEdit() {
    const v = view();
    if (v.name !== 'edit' || v.sending || !v.result.address) return;
    const address = v.result.address;
    const change = changeInput(address, v.form, v.moveEntrance ? v.entrance : null);
    if (!change) {
      setView({ ...v, error: { key: 'edit.nothing' }, fieldErrors: {} });
      return;
    }
    if (!deps.requireUser(() => setView({ ...v, error: null }, { focus: true }))) return;
    setView({ ...v, sending: true, error: null, fieldErrors: {} });
    const reason = tidy(v.reason);
    try {
      const proposal = await api.proposeChange(v.result.code, { version: address.version, ...change, ...(reason ? { reason } : {}) });
      if (proposal.applied) {
        const fresh = await deps.reload(v.result);
        deps.showPlace(fresh, { tone: 'success', message: { key: 'edit.applied' } });
        deps.map()?.refreshAddresses();
      } else {
        deps.showPlace(v.result, { tone: 'notice', message: { key: 'edit.pending' } });
      }
      deps.announce(t(proposal.applied ? 'edit.applied' : 'edit.pending'));
    } catch (error) {
      if (view().name !== 'edit') return;
      const e = asApiError(error);
      if (e.status === 401) return deps.sessionLost(() => setView({ ...v, sending: false }, { focus: true }));
      if (e.status === 409) {
        // someone else's change came first: show theirs, keep what this user typed
        const current = await deps.currentOf(e.problem.current, v.result);
        const now = view();
        if (now.name === 'edit') setView({ ...now, result: current, sending: false, error: { key: 'error.conflict' } });
        return;
      }
      const now = view();
      if (now.name !== 'edit') return;
      const fields = anyFieldErrors(e);
      setView({
        ...now,
        sending: false,
        fieldErrors: fields,
        error: Object.keys(fields).length ? { key: 'create.fixErrors' } : apiErrorMessage(e),
      });
    }
  }

  const actions: EditActions = {
    openEdit(result) {
      const address = result.address;
      if (!address || !deps.requireUser(() => actions.openEdit(result))) return;
      const direct = Boolean(deps.onPlace(result.code)?.canManage) || isStaffOf(deps.user(), result.admin.ward?.code);
      setView(
        {
          name: 'edit',
          result,
          direct,
          form: formOf(address),
          reason: '',
          entrance: address.point,
          moveEntrance: false,
          sending: false,
          error: null,
          fieldErrors: {},
        },
        { focus: true },
      );
      deps.flyTo(address.point);
    },
    setEditField(field, value) {
      const v = view();
      if (v.name !== 'edit') return;
      deps.replaceView(field === 'reason' ? { ...v, reason: value } : { ...v, form: { ...v.form, [field]: value } });
    },
    setMoveEntrance(move) {
      const v = view();
      if (v.name !== 'edit') return;
      deps.replaceView({ ...v, moveEntrance: move });
      if (!move && v.result.address) setView({ ...v, moveEntrance: move, entrance: v.result.address.point });
    },
    sendEdit: () => void sendEdit(),
  };

  return { actions };
}
