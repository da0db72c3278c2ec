/**
 * What the app's controller lends a screen's own controller (the API keys screen, the password
 * screens): the current view and the ways to change it, translations, and the account flow.
 */
import type { Api } from '../common/api.js';
import type { MessageKey, Vars } from '../i18n/translate.js';
import type { View } from './state.js';

export type PanelDeps = {
  api: Api;
  view(): View;
  setView(next: View, options?: { focus?: boolean }): void;
  /** the view changed, without a render (typing) */
  replaceView(next: View): void;
  t(key: MessageKey, vars?: Vars): string;
  /** a 401: the session ended; `then` runs once signed in again */
  sessionLost(then: () => void): void;
  /** the account panel, whose Back goes to `back` */
  openAccount(back: View | null): void;
};
