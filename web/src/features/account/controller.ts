/**
 * Signing in and out, and "My proposals": the signed-in user lives here, with what to do once
 * signed in when an action sent the user to the account panel first.
 */
import { credentials, displayName, parseIdentifier } from '../../common/account.js';
import { asApiError } from '../../common/api.js';
import { anyFieldErrors, apiErrorMessage, waitMessage } from '../../common/messages.js';
import type { Message } from '../../i18n/household.js';
import type { User } from '../../common/types.js';
import type { MessageKey } from '../../i18n/household.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import type { View } from '../../shell/state.js';
import type { AccountView } from './view.js';
import { newestFirst } from './my-proposals.js';

export type AccountActions = {
  openAccount(): void;
  setAuthField(field: 'identifier' | 'password', value: string): void;
  setShowPassword(show: boolean): void;
  switchAuthMode(): void;
  submitAuth(): void;
  signOut(): void;
  /** "My proposals" in the account panel, again (after a failure) */
  reloadMyProposals(): void;
};

export const newAccountView = (reason: MessageKey | null, back: View | null): AccountView => ({
  name: 'account',
  mode: 'signin',
  identifier: '',
  password: '',
  showPassword: false,
  busy: false,
  error: null,
  fieldErrors: {},
  reason,
  back,
});

type Deps = Pick<AppDeps, 'api' | 'view' | 'setView' | 'replaceView' | 't' | 'toast' | 'render' | 'showPlace'> & {
  /** the top bar's account button shows who is signed in */
  showUser(user: User | null): void;
};

export function createAccount(deps: Deps) {
  const { api, view, setView, t } = deps;
  let user: User | null = null;
  /** what to do once signed in, when an action sent the user to the account panel */
  let afterSignIn: (() => void) | null = null;

  function setUser(next: User | null) {
    user = next;
    deps.showUser(user);
  }

  /** Signed in: go on. Signed out: the account panel first, then `then` once signed in. */
  function requireUser(then: () => void): boolean {
    if (user) return true;
    afterSignIn = then;
    setView(newAccountView('account.needed', view()), { focus: true });
    return false;
  }

  /** A 401 in the middle of an action: the session ended (expired, signed out elsewhere). */
  function sessionLost(then: () => void) {
    setUser(null);
    requireUser(then);
  }

  /** the account panel; from the password screens, an action waiting for the sign-in still waits */
  function openAccount(back: View | null, { keepPending = false } = {}) {
    if (!keepPending) afterSignIn = null;
    setView(newAccountView(null, back), { focus: true });
    void loadMyProposals();
  }

  async function submitAuth() {
    const v = view();
    if (v.name !== 'account' || v.busy) return;
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
        const now = view();
        if (now.name === 'account')
          setView({ ...now, mode: 'signin', password: '', busy: false, notice: { key: 'account.signupNeutral' } }, { focus: true });
        return;
      }
      // /v1/me is the full picture (the wards of staff): the login answer may be shorter
      const signedIn = (await api.me().catch(() => null)) ?? answered;
      setUser(signedIn);
      deps.toast(t('account.welcome', { name: displayName(signedIn) }));
      const next = afterSignIn;
      afterSignIn = null;
      if (next) next();
      else if (v.back && v.back.name !== 'account') {
        if ('result' in v.back && v.back.name === 'place') deps.showPlace(v.back.result);
        else setView(v.back, { focus: true });
      } else setView({ name: 'home' }, { focus: true });
    } catch (error) {
      const now = view();
      if (now.name !== 'account') return;
      const e = asApiError(error);
      const fields = anyFieldErrors(e);
      const fieldErrorsOut: Record<string, Message> = {};
      if (fields.email || fields.phone) fieldErrorsOut.identifier = { key: 'account.badIdentifier' };
      if (fields.password) fieldErrorsOut.password = fields.password;
      const message: Message =
        e.status === 401
          ? { key: 'account.wrong' }
          : e.status === 429
            ? waitMessage(e.retryAfter)
            : Object.keys(fieldErrorsOut).length
              ? { key: 'create.fixErrors' }
              : apiErrorMessage(e);
      setView({ ...now, busy: false, error: message, fieldErrors: fieldErrorsOut });
      document.getElementById('auth-error')?.focus();
    }
  }

  /** "My proposals" in the account panel: newest first; a lost session shows the sign-in form. */
  async function loadMyProposals() {
    const v = view();
    if (v.name !== 'account' || !user) return;
    const kept = v.mine?.proposals ?? null;
    setView({ ...v, mine: { loading: true, error: null, proposals: kept } });
    try {
      const proposals = newestFirst(await api.myProposals());
      const now = view();
      if (now.name === 'account' && user) setView({ ...now, mine: { loading: false, error: null, proposals } });
    } catch (error) {
      const now = view();
      if (now.name !== 'account') return;
      const e = asApiError(error);
      if (e.status === 401) {
        setUser(null);
        setView({ ...now, mine: null });
        return;
      }
      setView({ ...now, mine: { loading: false, error: apiErrorMessage(e), proposals: kept } });
    }
  }

  const actions: AccountActions = {
    openAccount() {
      const v = view();
      if (v.name !== 'account') openAccount(v);
    },
    setAuthField(field, value) {
      const v = view();
      if (v.name === 'account') deps.replaceView({ ...v, [field]: value });
    },
    setShowPassword(show) {
      const v = view();
      if (v.name === 'account') setView({ ...v, showPassword: show });
    },
    switchAuthMode() {
      const v = view();
      if (v.name === 'account')
        setView({ ...v, mode: v.mode === 'signin' ? 'signup' : 'signin', error: null, notice: null, fieldErrors: {} }, { focus: true });
    },
    submitAuth: () => void submitAuth(),
    signOut() {
      void api
        .logout()
        .catch(() => undefined)
        .then(() => {
          setUser(null);
          deps.toast(t('account.signedOut'));
          const v = view();
          if (v.name === 'account' || v.name === 'api-keys') setView({ name: 'home' }, { focus: true });
          else if (v.name === 'place') setView({ ...v, canManage: false, notice: null });
          else deps.render();
        });
    },
    reloadMyProposals: () => void loadMyProposals(),
  };

  return {
    actions,
    user: () => user,
    setUser,
    requireUser,
    sessionLost,
    openAccount,
    loadMyProposals,
    /** leaving the account panel by its Back: the pending action is dropped */
    forgetPending() {
      afterSignIn = null;
    },
  };
}
