/** What every panel receives: the language, its messages and the app's actions. */
import type { CodeRef } from '../common/code.js';
import type { Lang, MessageKey, Vars } from '../i18n/translate.js';
import type { FieldName, Message } from '../common/messages.js';
import type { LatLng } from '../common/geo.js';
import type { EditField } from '../common/changes.js';
import type { CodeLookup, RouteProfile, User } from '../common/types.js';
import type { PlaceForm } from './state.js';
import type { ApiKeysActions } from '../features/api-keys/controller.js';
import type { PasswordActions } from '../features/password/controller.js';
import type { BatchKind } from '../features/batch/detect.js';

export type Actions = {
  goHome(): void;
  startCreate(): void;
  useMyLocation(): void;
  updateField(field: FieldName, value: string): void;
  setDetailsOpen(open: boolean): void;
  register(): void;
  retryEncode(): void;
  lookup(ref: CodeRef, typed: string): void;
  openDirections(result: CodeLookup): void;
  locateForDirections(): void;
  /** another way to travel: the route is asked for again */
  setDirectionsProfile(profile: RouteProfile): void;
  /** the route request failed (network, server): ask again */
  retryRoute(): void;
  closeDirections(): void;
  copy(text: string, done: string): void;
  share(result: CodeLookup): void;
  print(result: CodeLookup): void;
  flyTo(point: LatLng): void;

  openAccount(): void;
  setAuthField(field: 'identifier' | 'password', value: string): void;
  setShowPassword(show: boolean): void;
  switchAuthMode(): void;
  submitAuth(): void;
  signOut(): void;
  /** back from the account, edit, history or add-place screens */
  back(): void;
  /** "My proposals" in the account panel, again (after a failure) */
  reloadMyProposals(): void;
  /** "Khoá API" of the signed-in account (reached from the account panel) */
  keys: ApiKeysActions;
  /** change, forgot, reset */
  password: PasswordActions;

  openEdit(result: CodeLookup): void;
  setEditField(field: EditField | 'reason', value: string): void;
  setMoveEntrance(move: boolean): void;
  sendEdit(): void;
  openHistory(result: CodeLookup): void;
  restore(version: number): void;
  claim(result: CodeLookup): void;
  setPrivate(result: CodeLookup, value: boolean): void;

  startAddPlace(point: LatLng | null): void;
  setPlaceField(field: keyof PlaceForm, value: string): void;
  setPlaceDetailsOpen(open: boolean): void;
  sendPlace(): void;

  /** "Xử lý tệp CSV": a file of codes or addresses enriched in chunks */
  openBatch(): void;
  chooseBatchFile(file: File | null): void;
  setBatchKind(kind: BatchKind): void;
  setBatchColumn(column: number): void;
  startBatch(): void;
  cancelBatch(): void;
};

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
