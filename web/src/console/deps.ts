/**
 * What the console's shell (app.ts) lends each feature's controller, as the household app's
 * PanelDeps does: the one state object, the API, the way to redraw and to speak to screen
 * readers, translations, and the map once it has loaded.
 */
import { ApiError } from '../common/api.js';
import type { MessageKey, Vars } from '../i18n/console.js';
import type { Message } from '../i18n/console.js';
import type { CodeLookup } from '../common/types.js';
import type { ConsoleApi } from './api.js';
import type { ConsoleMap } from './map.js';
import type { ConsoleState } from './state.js';

export type ConsoleShell = {
  panel: HTMLElement;
  status: HTMLElement;
  userBox: HTMLElement;
  mapContainer: HTMLElement;
};

export type ConsoleDeps = {
  api: ConsoleApi;
  state: ConsoleState;
  shell: ConsoleShell;
  render(options?: { focusTitle?: boolean }): void;
  /** tells screen readers (the live region of the shell) */
  announce(text: string): void;
  t(key: MessageKey, vars?: Vars): string;
  say(m: Message): string;
  /** null until the map has loaded: it comes after the panel */
  map(): ConsoleMap | null;
  /** the map catches up with the state: points, shading, selection, digitising */
  syncMap(): void;
};

export const asApiError = (error: unknown) => (error instanceof ApiError ? error : new ApiError('network', 0, {}));
export const isLookup = (value: unknown): value is CodeLookup =>
  typeof value === 'object' && value !== null && 'code' in value && 'registered' in value;
