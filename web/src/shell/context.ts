/**
 * What every panel receives: the language, its messages and the app's actions. The actions are
 * the features' own (web/src/features/<name>/controller.ts), gathered into one object by the shell.
 */
import type { Lang, MessageKey, Vars } from '../i18n/household.js';
import type { Message } from '../i18n/household.js';
import type { LatLng } from '../common/geo.js';
import type { User } from '../common/types.js';
import type { AccountActions } from '../features/account/controller.js';
import type { AddPlaceActions } from '../features/add-place/controller.js';
import type { ApiKeysActions } from '../features/api-keys/controller.js';
import type { BatchActions } from '../features/batch/controller.js';
import type { CreateActions } from '../features/create/controller.js';
import type { DirectionsActions } from '../features/directions/controller.js';
import type { EditActions } from '../features/edit/controller.js';
import type { HistoryActions } from '../features/history/controller.js';
import type { PasswordActions } from '../features/password/controller.js';
import type { PlaceActions } from '../features/place/controller.js';
import type { ShareActions } from '../features/share/actions.js';

/** The shell's own: the screens every feature can go back to. */
export type ShellActions = {
  goHome(): void;
  /** back from the account, edit, history or add-place screens */
  back(): void;
  flyTo(point: LatLng): void;
  /** "Khoá API" of the signed-in account (reached from the account panel) */
  keys: ApiKeysActions;
  /** change, forgot, reset */
  password: PasswordActions;
};

export type Actions = ShellActions &
  CreateActions &
  PlaceActions &
  ShareActions &
  DirectionsActions &
  AccountActions &
  EditActions &
  HistoryActions &
  AddPlaceActions &
  BatchActions;

export type Ctx = {
  lang: Lang;
  origin: string;
  t(key: MessageKey, vars?: Vars): string;
  say(message: Message): string;
  actions: Actions;
  canShare: boolean;
  /** the signed-in user, or null */
  user: User | null;
};
