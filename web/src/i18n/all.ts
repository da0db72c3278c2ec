/** Every message of both apps in one dictionary: for the tests that check the dictionary as a whole (no page imports this). */
import { DICTIONARIES as CONSOLE } from './console.js';
import { DICTIONARIES as HOUSEHOLD } from './household.js';
import { translator, type Dictionaries, type MessageKey } from './translate.js';

export { LANGS, pickLang, type Lang, type MessageKey, type Vars } from './translate.js';

export const DICTIONARIES: Dictionaries<MessageKey> = { vi: { ...HOUSEHOLD.vi, ...CONSOLE.vi }, en: { ...HOUSEHOLD.en, ...CONSOLE.en } };
export const translate = translator(DICTIONARIES);
