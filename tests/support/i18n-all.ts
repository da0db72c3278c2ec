/** Every message of both apps in one dictionary: for the tests that check the dictionaries as a whole (no page has this). */
import { DICTIONARIES as CONSOLE, type MessageKey as ConsoleKey } from '../../web/src/i18n/console.js';
import { DICTIONARIES as HOUSEHOLD, type MessageKey as HouseholdKey } from '../../web/src/i18n/household.js';
import { translator, type Dictionaries } from '../../web/src/i18n/translate.js';

export { LANGS, pickLang, type Lang, type Vars } from '../../web/src/i18n/translate.js';

export type MessageKey = HouseholdKey | ConsoleKey;
export const DICTIONARIES: Dictionaries<MessageKey> = { vi: { ...HOUSEHOLD.vi, ...CONSOLE.vi }, en: { ...HOUSEHOLD.en, ...CONSOLE.en } };
export const translate = translator(DICTIONARIES);
