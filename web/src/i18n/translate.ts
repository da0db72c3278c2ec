/**
 * Every string the apps show, Vietnamese first, in three parts: common (both apps), household
 * (index.html) and console (console.html). Each page's bundle holds the common part and its own
 * (./household.ts, ./console.ts), so the household app ships no console strings. `en` has exactly
 * the keys of `vi` in each part (the types say so; a unit test checks the {placeholders} match too).
 * Pure: the DOM side keeps the current language and re-renders.
 */
import type { commonVi } from './common-vi.js';

/**
 * A key both apps have (types only: no strings come along with this import). The shared modules
 * (common/, map/) speak only these; each app's own keys are its MessageKey (./household.ts,
 * ./console.ts), which its translate alone accepts.
 */
export type CommonMessageKey = keyof typeof commonVi;
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export type Vars = Record<string, string | number>;
export type Dictionaries<K extends string> = Record<Lang, Record<K, string>>;

/** The message in `lang` with {name} placeholders filled; unknown placeholders stay visible. */
export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A translate function in one language, that takes the keys `K` (common ones by default). */
export type Translate<K extends string = CommonMessageKey> = (key: K, vars?: Vars) => string;

/**
 * The translate function of one app: it takes only the keys of its own dictionaries, so a key of
 * the other app does not compile (tests/web/i18n-split.unit.test.ts checks the literals too). A
 * key missing at run time still shows as itself rather than breaking the page.
 */
export function translator<K extends string>(dictionaries: Dictionaries<K>) {
  return (lang: Lang, key: K, vars: Vars = {}): string => fill(dictionaries[lang][key] ?? key, vars);
}

/** The stored choice if it is a known language, else Vietnamese. */
export function pickLang(stored: string | null | undefined): Lang {
  return stored === 'en' ? 'en' : 'vi';
}
