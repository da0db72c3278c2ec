/**
 * The contact-data guard: does a piece of place text carry a phone number or an e-mail address?
 * Address details are published (lookups, reverse geocoding, tiles, exports), so a household that
 * writes "gọi 091 234 5678" in a note would publish its phone. This is a best effort against such
 * accidents, not a guarantee: text can always spell a number out in words (docs/moderation.md).
 *
 * Written as plain loops, not patterns, so that its cost is linear in the text whatever the text.
 * Callers check lengths first; this holds even when they do not.
 */

/** Between the digits of one number: spaces, dots, dashes, slashes, parentheses ("(024) 3825-1234"). */
const NUMBER_SEPARATORS = new Set([' ', '.', '-', '/', '(', ')', '_', '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212']);
/** Separators in a row that still join digits into one number (") " and " - " are two or three). */
const MAX_SEPARATOR_RUN = 3;
/** Digits of the longest number recognised (0084, the trunk 0 written anyway, 10 more). */
const MAX_PHONE_DIGITS = 15;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/**
 * Vietnamese phone numbers, as digits only: mobiles 0[35789]x (10 digits, 01x with 11 before 2018),
 * landlines 02x… (11 digits since 2017; 10 before), the same after +84 / 84 / 0084 without the 0,
 * and 1800 / 1900 service numbers (8 or 10 digits).
 */
function isPhoneNumber(digits: string, groups: number): boolean {
  const n = digits.length;
  if (digits.startsWith('0084')) return isPhoneNumber(digits.slice(2), groups);
  if (digits.startsWith('84')) {
    // "+84 (0) 91 …" keeps the trunk 0 it should have dropped
    const national = digits[2] === '0' ? digits.slice(2) : `0${digits.slice(2)}`;
    return isPhoneNumber(national, groups);
  }
  if (digits[0] === '0') return n >= 10 && n <= 11 && digits[1] !== '0';
  // a mobile written without its 0 ("912 345 678", in at most three groups: "1/2/…/11" is a house)
  if (n === 9 && groups <= 3 && '35789'.includes(digits[0]!)) return true;
  if (digits.startsWith('1800') || digits.startsWith('1900')) return n === 8 || n === 10;
  return false;
}

type WrittenNumber = { parts: string[]; international: boolean };

/**
 * Numbers in the text, each as the digits of its parts ("091/234/5678" → ["091", "234", "5678"]):
 * digits joined by at most a few separators. A comma, a letter or a long gap ends a number.
 */
function numbers(text: string): WrittenNumber[] {
  const found: WrittenNumber[] = [];
  let parts: string[] = [];
  let digits = '';
  let gap = 0;
  let international = false;
  const close = () => {
    if (digits) parts.push(digits);
    if (parts.length) found.push({ parts, international });
    parts = [];
    digits = '';
    international = false;
  };
  for (const c of text) {
    if (isDigit(c)) {
      digits += c;
      gap = 0;
    } else if (NUMBER_SEPARATORS.has(c) && (digits || parts.length) && gap < MAX_SEPARATOR_RUN) {
      if (digits) parts.push(digits);
      digits = '';
      gap++;
    } else if (c === '+' && !digits && !parts.length) {
      international = true; // "+84 …"
    } else {
      close();
      gap = 0;
    }
  }
  close();
  return found;
}

/**
 * Whether some run of whole parts of a number reads as a phone number ("028 3822 1234 0912 345 678"
 * holds two); a number written after a "+" is a phone number from eight digits on, whatever country.
 */
function holdsPhoneNumber({ parts, international }: WrittenNumber): boolean {
  for (let start = 0; start < parts.length; start++) {
    let digits = '';
    for (let end = start; end < parts.length; end++) {
      digits += parts[end]!;
      if (digits.length > MAX_PHONE_DIGITS) break;
      if (isPhoneNumber(digits, end - start + 1) || (international && start === 0 && digits.length >= 8)) return true;
    }
  }
  return false;
}

/** Ways of writing "@" and "." to get past a filter; lower case, surrounded as written. */
const AT_SPELLINGS = [
  '(at)',
  '[at]',
  '{at}',
  '<at>',
  ' at ',
  '(a)',
  '(a còng)',
  ' a còng ',
  '(a móc)',
  ' a móc ',
  '(@)',
  '[@]',
  '{@}',
  '<@>',
];
const DOT_SPELLINGS = ['(dot)', '[dot]', '{dot}', '<dot>', ' dot ', '(chấm)', ' chấm '];

const isAddressChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}._%+-]/u.test(c);
const isDomainChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}-]/u.test(c);
const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/**
 * Whether an "@" has a mailbox name before it and a domain with a dot and a top-level name of two
 * or more letters after it, spaces around "@" and the dots allowed ("an @ example . vn").
 */
function holdsEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let before = at - 1;
    while (text[before] === ' ') before--;
    if (!isAddressChar(text[before])) continue;
    // Each scan stops at the next "@" (not a domain character), so all scans together read the text once.
    let i = at + 1;
    while (text[i] === ' ') i++;
    let labels = 0;
    let lastLabelLetters = 0;
    for (;;) {
      const labelStart = i;
      let letters = 0;
      while (isDomainChar(text[i])) letters += isLetter(text[i++]) ? 1 : 0;
      if (i === labelStart) break;
      labels++;
      lastLabelLetters = letters === i - labelStart ? letters : 0;
      let j = i;
      while (text[j] === ' ') j++;
      if (text[j] !== '.') break;
      j++;
      while (text[j] === ' ') j++;
      i = j;
    }
    if (labels >= 2 && lastLabelLetters >= 2) return true;
  }
  return false;
}

/**
 * The form every check reads: compatibility forms folded (full-width "０９１", "＠"), invisible
 * format characters dropped (a zero-width space or soft hyphen pasted between "0912" and "345"
 * would otherwise end the number), lower case, one kind of space.
 */
export function contactForm(text: string): string {
  let s = text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .toLowerCase()
    .replace(/\s/g, ' ');
  for (const spelling of AT_SPELLINGS) s = s.replaceAll(spelling, '@');
  for (const spelling of DOT_SPELLINGS) s = s.replaceAll(spelling, '.');
  return s;
}

/** An "at" written out, in any case: without one (or an "@") there is no e-mail address. */
const SPELLED_AT = /\bat\b|\(a\)|a c[oò]ng|a m[oó]c/i;

/**
 * Whether the full check is needed. Most details have no "@", fewer than eight digits and no
 * character that NFKC could turn into one (Latin-1 signs such as "²", combining marks, anything
 * from U+2000 on: full-width forms, circled and mathematical digits); the bulk loader checks
 * millions of them, so those are answered by one scan.
 */
function mayHoldContact(text: string): boolean {
  let digits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 || c >= 0x2000 || (c >= 0xa0 && c <= 0xbf) || (c >= 0x300 && c <= 0x36f)) return true;
    if (c >= 48 && c <= 57 && ++digits >= 8) return true;
  }
  return SPELLED_AT.test(text);
}

/** True when the text holds what reads as a Vietnamese phone number or an e-mail address. */
export function holdsContactData(text: string): boolean {
  if (!mayHoldContact(text)) return false;
  const s = contactForm(text);
  return holdsEmail(s) || numbers(s).some(holdsPhoneNumber);
}
