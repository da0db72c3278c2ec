/**
 * The sign-in gate: who is signed in (/v1/me), signing staff in with the household's account
 * rules, and signing out, which leaves the ward and starts the console afresh.
 */
import { credentials, parseIdentifier } from '../../common/account.js';
import { apiErrorMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/console.js';
import { asApiError, type ConsoleDeps } from '../deps.js';
import { initialState } from '../state.js';
import { emptyAuth } from './state.js';

export function createSessionController(
  deps: ConsoleDeps & {
    /** signed in: open the user's ward */
    enterWards(options?: { focusTitle?: boolean }): Promise<void>;
    /** signing out: drop the ward's answers still on their way */
    leaveWard(): void;
  },
) {
  const { api, state, render } = deps;

  async function loadUser() {
    try {
      state.user = await api.me();
    } catch (error) {
      state.user = null;
      state.auth.error = apiErrorMessage(asApiError(error));
    }
    state.userKnown = true;
    await deps.enterWards({ focusTitle: false });
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
      await deps.enterWards();
    } catch (error) {
      const e = asApiError(error);
      a.busy = false;
      a.error =
        e.status === 401
          ? { key: 'account.wrong' }
          : e.status === 429
            ? { key: 'account.locked', vars: { minutes: Math.max(1, Math.ceil((e.retryAfter ?? 900) / 60)) } }
            : apiErrorMessage(e);
      render();
      document.getElementById('auth-error')?.focus();
    }
  }

  return {
    loadUser,
    setAuthField(field: 'identifier' | 'password', value: string) {
      state.auth[field] = value;
    },
    setShowPassword(show: boolean) {
      state.auth.showPassword = show;
      render();
    },
    signIn: () => void signIn(),
    signOut() {
      void api
        .logout()
        .catch(() => undefined)
        .then(() => {
          deps.leaveWard();
          const fresh = initialState();
          Object.assign(state, fresh, { userKnown: true });
          history.replaceState(null, '', '/console');
          deps.syncMap();
          deps.map()?.setWard(null);
          render({ focusTitle: true });
        });
    },
  };
}
export type SessionController = ReturnType<typeof createSessionController>;
