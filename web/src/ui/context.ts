/** What every panel receives: the language, its messages and the app's actions. */
import type { CodeRef } from '../code.js';
import type { Lang, MessageKey, Vars } from '../i18n.js';
import type { FieldName, Message } from '../messages.js';
import type { LatLng } from '../geo.js';
import type { CodeLookup } from '../types.js';

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
  closeDirections(): void;
  copy(text: string, done: string): void;
  share(result: CodeLookup): void;
  print(result: CodeLookup): void;
  flyTo(point: LatLng): void;
};

export type Ctx = {
  lang: Lang;
  origin: string;
  t(key: MessageKey, vars?: Vars): string;
  say(message: Message): string;
  actions: Actions;
  canShare: boolean;
};
