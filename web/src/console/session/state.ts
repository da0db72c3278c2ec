/** Who is signed in, and the sign-in form of the gate. */
import type { Message } from '../../i18n/console.js';
import type { User } from '../../common/types.js';

export type AuthState = {
  identifier: string;
  password: string;
  showPassword: boolean;
  busy: boolean;
  error: Message | null;
  fieldErrors: Record<string, Message>;
};

export type SessionState = {
  user: User | null;
  /** /v1/me has answered */
  userKnown: boolean;
  auth: AuthState;
};

export const emptyAuth = (): AuthState => ({
  identifier: '',
  password: '',
  showPassword: false,
  busy: false,
  error: null,
  fieldErrors: {},
});

export const initialSession = (): SessionState => ({ user: null, userKnown: false, auth: emptyAuth() });
