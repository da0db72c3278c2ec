/**
 * Pieces of the address form that the household app's edit and add-place screens and the
 * console's review form share: the API's length limits and the category choice.
 */
import type { CommonMessageKey, Translate } from '../i18n/translate.js';
import { CATEGORIES, categoryKey } from './places.js';

/** Same limits as the API (server/addresses/schemas.ts). */
export const MAX_LENGTH: Record<string, number> = {
  houseNumber: 50,
  street: 200,
  hamlet: 200,
  building: 200,
  landmark: 200,
  note: 500,
  placeName: 200,
  name: 200,
  reason: 500,
};

export const categoryOptions = (t: Translate, empty: CommonMessageKey) => [
  { value: '', label: t(empty) },
  ...CATEGORIES.map((c) => ({ value: c, label: t(categoryKey(c)) })),
];
