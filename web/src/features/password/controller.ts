/**
 * The password screens' actions: change it while signed in ("Đổi mật khẩu"), ask for a reset link
 * ("Quên mật khẩu?"), and choose a new password from a link (/dat-lai-mat-khau#token=…). The
 * token lives in the view only: main.ts takes it from the address bar's fragment and clears it.
 */
import { ApiError } from '../../common/api.js';
import type { PanelDeps } from '../../shell/panel-deps.js';
import { parseIdentifier } from '../../common/account.js';
import { anyFieldErrors, apiErrorMessage, waitMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/household.js';
import type { View } from '../../shell/state.js';
import type { PasswordView } from './view.js';
import type { User } from '../../common/types.js';

export type PasswordActions = {
  /** from the account panel, signed in */
  openChange(): void;
  /** from the sign-in form; what was typed there is kept when it is an e-mail */
  openForgot(): void;
  /** from a reset link */
  openReset(token: string | null): void;
  /** while typing: no re-render */
  setField(field: 'email' | 'current' | 'next', value: string): void;
  setShowPassword(show: boolean): void;
  submit(): void;
  close(): void;
};

type Deps = PanelDeps & {
  toast(text: string): void;
  setUser(user: User): void;
};

const MIN_LENGTH = 8;
/** Where the account panel's own Back went, when this screen was opened from it. */
const accountBack = (v: PasswordView): View | null => (v.back?.name === 'account' ? v.back.back : v.back);
const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', 0, {}));

export function newPasswordView(mode: PasswordView['mode'], back: View | null, init: Partial<PasswordView> = {}): PasswordView {
  return {
    name: 'password',
    mode,
    token: null,
    email: '',
    current: '',
    next: '',
    showPassword: false,
    busy: false,
    error: null,
    fieldErrors: {},
    sent: false,
    back,
    ...init,
  };
}

export function createPasswordActions(deps: Deps): PasswordActions {
  const { api, t } = deps;
  const current = (): PasswordView | null => {
    const v = deps.view();
    return v.name === 'password' ? v : null;
  };
  const focusLater = (id: string) => queueMicrotask(() => document.getElementById(id)?.focus());

  /** What the form says before anything is sent: the same rules as the API's, where they are cheap. */
  function localErrors(v: PasswordView): Record<string, Message> {
    const errors: Record<string, Message> = {};
    if (v.mode === 'forgot') {
      const id = parseIdentifier(v.email);
      if (!id || !('email' in id)) errors.email = { key: 'password.badEmail' };
      return errors;
    }
    if (v.mode === 'change' && !v.current) errors.current = { key: 'password.currentNeeded' };
    if (v.next.length < MIN_LENGTH) errors.next = { key: 'account.shortPassword' };
    return errors;
  }

  async function send(v: PasswordView) {
    if (v.mode === 'forgot') {
      const id = parseIdentifier(v.email) as { email: string };
      await api.requestReset(id.email);
      const now = current();
      if (now) deps.setView({ ...now, busy: false, sent: true }, { focus: true });
    } else if (v.mode === 'change') {
      await api.changePassword(v.current, v.next);
      deps.toast(t('password.changed'));
      deps.openAccount(accountBack(v));
    } else {
      const user = await api.resetPassword(v.token ?? '', v.next);
      deps.setUser(user);
      deps.toast(t('password.resetDone'));
      deps.setView({ name: 'home' }, { focus: true });
    }
  }

  async function submit() {
    const v = current();
    if (!v || v.busy) return;
    const errors = localErrors(v);
    if (Object.keys(errors).length) {
      deps.setView({ ...v, error: null, fieldErrors: errors });
      focusLater(`password-${Object.keys(errors)[0]}`);
      return;
    }
    deps.setView({ ...v, busy: true, error: null, fieldErrors: {} });
    try {
      await send(v);
    } catch (error) {
      const now = current();
      if (!now) return;
      const e = asApiError(error);
      if (e.status === 401 && v.mode === 'change') return deps.sessionLost(() => actions.openChange());
      const fields = anyFieldErrors(e);
      const fieldErrors: Record<string, Message> = {};
      if (fields.newPassword || fields.password) fieldErrors.next = (fields.newPassword ?? fields.password)!;
      if (fields.email) fieldErrors.email = { key: 'password.badEmail' };
      const message: Message =
        e.status === 403 && v.mode === 'change'
          ? { key: 'password.currentWrong' }
          : e.status === 429
            ? waitMessage(e.retryAfter)
            : e.status === 503 && v.mode === 'forgot'
              ? { key: 'password.noMail' }
              : fields.token
                ? { key: 'password.linkInvalid' }
                : Object.keys(fieldErrors).length
                  ? { key: 'create.fixErrors' }
                  : apiErrorMessage(e);
      deps.setView({ ...now, busy: false, error: message, fieldErrors });
      focusLater('password-error');
    }
  }

  const actions: PasswordActions = {
    openChange() {
      deps.setView(newPasswordView('change', deps.view()), { focus: true });
    },
    openForgot() {
      const from = deps.view();
      const id = parseIdentifier(from.name === 'account' ? from.identifier : '');
      deps.setView(newPasswordView('forgot', deps.view(), { email: id && 'email' in id ? id.email : '' }), { focus: true });
    },
    openReset(token) {
      deps.setView(newPasswordView('reset', null, { token, error: token ? null : { key: 'password.linkInvalid' } }), { focus: true });
    },
    setField(field, value) {
      const v = current();
      if (v) deps.replaceView({ ...v, [field]: value });
    },
    setShowPassword(show) {
      const v = current();
      if (v) deps.setView({ ...v, showPassword: show });
    },
    submit: () => void submit(),
    close() {
      const v = current();
      if (!v) return;
      if (v.mode === 'change') deps.openAccount(accountBack(v));
      else if (v.mode === 'forgot' && v.back) deps.setView(v.back, { focus: true });
      else deps.setView({ name: 'home' }, { focus: true });
    },
  };
  return actions;
}
