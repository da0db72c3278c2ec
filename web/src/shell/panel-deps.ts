/**
 * What the app's shell (app.ts) lends each feature's controller: the current view and the ways to
 * change it, translations, the map, and the few services features ask of one another (the
 * account flow, showing a place). A feature takes what it needs; the shell wires them.
 */
import type { Api } from '../common/api.js';
import type { LatLng } from '../common/geo.js';
import type { CodeLookup, User } from '../common/types.js';
import type { Lang, Message, MessageKey, Vars } from '../i18n/household.js';
import type { MapView } from '../map/types.js';
import type { Notice } from '../common/notice.js';
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

export type AppDeps = PanelDeps & {
  lang(): Lang;
  /** the panel again, from the same view (the signed-in user changed) */
  render(): void;
  announce(text: string): void;
  toast(text: string): void;
  /** a notice that answers a button further down the panel: bring it into sight and focus */
  showNotice(id: string): void;
  /** the address bar: a new entry, or the current one replaced */
  setPath(path: string, replace?: boolean): void;
  /** the map, once loaded (it arrives after the shell) */
  map(): MapView | null;
  /** a camera move, now or as soon as the map is there */
  camera(move: (map: MapView) => void): void;
  flyTo(point: LatLng, zoom?: number): void;
  user(): User | null;
  setUser(user: User | null): void;
  /** signed in: true; signed out: the account panel first, then `then` once signed in */
  requireUser(then: () => void): boolean;
  /** the place panel of this address, with a notice; its Back goes home */
  showPlace(result: CodeLookup, notice?: Notice<Message> | null, options?: { focus?: boolean }): void;
  /** the place panel being shown, when it shows this code */
  onPlace(code: string): Extract<View, { name: 'place' }> | null;
  /** whether the signed-in user may edit it directly: updates the place panel once known */
  probeManage(result: CodeLookup): Promise<void>;
  /** the address as it is now (or as it was, when the lookup fails) */
  reload(result: CodeLookup): Promise<CodeLookup>;
};
