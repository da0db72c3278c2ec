/**
 * Every string the apps show, Vietnamese first, in three parts: common (both apps), household
 * (index.html) and console (console.html). Each page's bundle holds the common part and its own
 * (./household.ts, ./console.ts), so the household app ships no console strings. `en` has exactly
 * the keys of `vi` in each part (the types say so; a unit test checks the {placeholders} match too).
 * Pure: the DOM side keeps the current language and re-renders.
 */
import type { commonVi } from './common-vi.js';
import type { consoleVi } from './console-vi.js';
import type { householdVi } from './household-vi.js';

/** Any message key of either app (types only: no strings come along with this import). */
export type MessageKey = keyof typeof commonVi | keyof typeof householdVi | keyof typeof consoleVi;
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export type Vars = Record<string, string | number>;
export type Dictionaries<K extends string> = Record<Lang, Record<K, string>>;

/** The message in `lang` with {name} placeholders filled; unknown placeholders stay visible. */
export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * The translate function of one app. A key of the other app is not in its dictionary: it shows
 * as itself rather than breaking the page (tests/web/i18n.unit.test.ts keeps each app to its keys).
 */
export function translator(dictionaries: Dictionaries<string>) {
  return (lang: Lang, key: MessageKey, vars: Vars = {}): string => fill(dictionaries[lang][key] ?? key, vars);
}

/** The stored choice if it is a known language, else Vietnamese. */
export function pickLang(stored: string | null | undefined): Lang {
  return stored === 'en' ? 'en' : 'vi';
}
