/** The console app's messages: the common part and its own. */
import { commonEn } from './common-en.js';
import { commonVi } from './common-vi.js';
import { consoleEn } from './console-en.js';
import { consoleVi } from './console-vi.js';
import { translator, type CommonMessageKey, type Dictionaries, type Vars } from './translate.js';

export { LANGS, pickLang, type Lang, type Vars } from './translate.js';

/** A key of this app: the common ones and its own. */
export type MessageKey = CommonMessageKey | keyof typeof consoleVi;
/** A message of this app: its key and the values of its {placeholders}. */
export type Message = { key: MessageKey; vars?: Vars };
/** This app's translate, in the current language. */
export type Translate = (key: MessageKey, vars?: Vars) => string;
export const DICTIONARIES: Dictionaries<MessageKey> = { vi: { ...commonVi, ...consoleVi }, en: { ...commonEn, ...consoleEn } };
export const translate = translator(DICTIONARIES);
