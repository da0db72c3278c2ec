/** Kinds of places a household may add (a shop, a clinic, a school…), as the API stores them. Pure. */
import type { CommonMessageKey } from '../i18n/translate.js';

export const CATEGORIES = [
  'shop',
  'restaurant',
  'cafe',
  'clinic',
  'hospital',
  'pharmacy',
  'school',
  'kindergarten',
  'market',
  'bank',
  'post_office',
  'government',
  'temple',
  'pagoda',
  'church',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const isCategory = (value: unknown): value is Category =>
  typeof value === 'string' && (CATEGORIES as readonly string[]).includes(value);

export const categoryKey = (category: Category): CommonMessageKey => `category.${category}`;

/** A category's name in the user's language; one the app does not know is shown as stored. */
export function categoryLabel(value: string, t: (key: CommonMessageKey) => string): string {
  return isCategory(value) ? t(categoryKey(value)) : value;
}
