/** The household app's messages: the common part and its own. */
import { commonEn } from './common-en.js';
import { commonVi } from './common-vi.js';
import { householdEn } from './household-en.js';
import { householdVi } from './household-vi.js';
import { translator, type Dictionaries } from './translate.js';

export { LANGS, pickLang, type Lang, type MessageKey, type Vars } from './translate.js';

export type HouseholdMessageKey = keyof typeof commonVi | keyof typeof householdVi;
export const DICTIONARIES: Dictionaries<HouseholdMessageKey> = { vi: { ...commonVi, ...householdVi }, en: { ...commonEn, ...householdEn } };
export const translate = translator(DICTIONARIES);
