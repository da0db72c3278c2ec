/** The console app's messages: the common part and its own. */
import { commonEn } from './common-en.js';
import { commonVi } from './common-vi.js';
import { consoleEn } from './console-en.js';
import { consoleVi } from './console-vi.js';
import { translator, type Dictionaries } from './translate.js';

export { LANGS, pickLang, type Lang, type MessageKey, type Vars } from './translate.js';

export type ConsoleMessageKey = keyof typeof commonVi | keyof typeof consoleVi;
export const DICTIONARIES: Dictionaries<ConsoleMessageKey> = { vi: { ...commonVi, ...consoleVi }, en: { ...commonEn, ...consoleEn } };
export const translate = translator(DICTIONARIES);
