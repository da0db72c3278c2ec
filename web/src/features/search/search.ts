/**
 * The search box's decisions that need no DOM: whether typed text is meant as a code (Enter then
 * looks it up as before), how close the map goes for each kind of result, and its tag. Pure.
 */
import { hasOnlyCodeCharacters, normalizeCode } from '../../common/code.js';
import type { MessageKey } from '../../i18n/household.js';
import type { SearchResult, SearchResultType } from '../../common/types.js';

/** Fewer typed characters than this ask the server nothing. */
export const MIN_QUERY_LENGTH = 2;
/** How many results the list shows. */
export const SEARCH_LIMIT = 8;
/** Typing pauses shorter than this send no request. */
export const SEARCH_DEBOUNCE_MS = 150;

const SEPARATORS = /[\s\-‐‑‒–—_.]+/;

/**
 * Whether the text reads as an address code, perhaps mistyped: a digit, only code characters
 * (O, I and L read as 0 and 1), close to 9 of them, and typed in groups of three when typed in
 * groups. "25m sn9 s32", "25MSN9S3", "25M-SN9-S32/P302" are codes; "hoan kiem", "59 quoc tu",
 * "12 hang bac" are not.
 */
export function looksLikeCode(text: string): boolean {
  const body = (text.split('/')[0] ?? '').trim();
  if (!/\d/.test(body)) return false;
  const code = normalizeCode(body);
  if (code.length < 7 || code.length > 11 || !hasOnlyCodeCharacters(code)) return false;
  const groups = body.split(SEPARATORS).filter(Boolean);
  return groups.length <= 4 && groups.slice(0, -1).every((group) => group.length % 3 === 0);
}

/** The map zoom a result is shown at: a street close up, a ward, a whole province. */
export function zoomFor(type: SearchResultType): number {
  switch (type) {
    case 'street':
      return 16;
    case 'ward':
      return 13;
    case 'province':
      return 8;
    default:
      return 18;
  }
}

const TYPE_KEYS: Record<SearchResultType, MessageKey> = {
  code: 'search.type.code',
  address: 'search.type.address',
  street: 'search.type.street',
  ward: 'search.type.ward',
  province: 'search.type.province',
};
export const typeKey = (type: SearchResultType): MessageKey => TYPE_KEYS[type] ?? 'search.type.address';

/** The label in two lines: its first part (code, house and street, unit name), then the rest. */
export function splitLabel(label: string): { main: string; rest: string } {
  const comma = label.indexOf(', ');
  return comma === -1 ? { main: label, rest: '' } : { main: label.slice(0, comma), rest: label.slice(comma + 2) };
}

/** Results that lead to a code panel; the others move the map. */
export const opensCode = (result: SearchResult): result is SearchResult & { code: string } =>
  typeof result.code === 'string' && result.code !== '';
