/** The view of this screen (passwords): what the panel shows; the controller changes it. */
import type { Message } from '../../i18n/household.js';
import type { View } from '../../shell/state.js';

/**
 * Passwords: change it (signed in, the current one required), ask for a reset link ("Quên mật
 * khẩu?"), or choose a new one from a link (/dat-lai-mat-khau#token=…; the token stays in the view only).
 */
export type PasswordView = {
  name: 'password';
  mode: 'change' | 'forgot' | 'reset';
  token: string | null;
  email: string;
  current: string;
  next: string;
  showPassword: boolean;
  busy: boolean;
  error: Message | null;
  fieldErrors: Record<string, Message>;
  /** forgot: the request went out (the same words whether or not an account has the address) */
  sent: boolean;
  back: View | null;
};
