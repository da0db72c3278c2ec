/**
 * Address codes as the browser sees them: forgiving reading of typed text and of the page path,
 * and the grouped display form. Pure, no DOM; the API stays the judge of validity (check
 * character, coverage) and answers typos with suggestions.
 */

export const CODE_LENGTH = 9;
/** Crockford's base 32, as in the code format (docs/address-code.md). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };
const UNIT = /^[A-Z0-9]{1,6}$/;

export type CodeRef = { code: string; unit: string | null };

/** Upper case, without spaces, dashes, dots or underscores; O read as 0, I and L as 1. */
export function normalizeCode(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐‑‒–—_.]/g, '')
    .replace(/[OIL]/g, (c) => ALIASES[c]!);
}

/** XXX-XXX-XXX for a 9-character body; anything else is returned as typed. */
export function groupCode(body: string): string {
  return body.length === CODE_LENGTH ? `${body.slice(0, 3)}-${body.slice(3, 6)}-${body.slice(6)}` : body;
}

export function formatRef({ code, unit }: CodeRef): string {
  const grouped = groupCode(normalizeCode(code));
  return unit ? `${grouped}/${unit}` : grouped;
}

/** Whether every character could belong to a code (after normalising). */
export function hasOnlyCodeCharacters(body: string): boolean {
  return [...body].every((c) => ALPHABET.includes(c));
}

/**
 * What the user typed in the search box: "25m sn9 s32", "25M-SN9-S32/p302". The unit is
 * upper-cased; an empty input gives null. Validity is for the API to tell.
 */
export function parseTypedCode(text: string): CodeRef | null {
  const slash = text.indexOf('/');
  const code = normalizeCode(slash === -1 ? text : text.slice(0, slash));
  if (!code) return null;
  const unit =
    slash === -1
      ? null
      : text
          .slice(slash + 1)
          .replace(/\s/g, '')
          .toUpperCase() || null;
  return { code, unit };
}

/**
 * The address a page path names: /{code} or /{code}/{unit}, the code with or without hyphens,
 * any case. Anything else (/, /about, /v1/...) is not an address path and gives null.
 */
export function parseAddressPath(pathname: string): CodeRef | null {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  const match = /^\/([0-9A-Za-z-]{9,13})(?:\/([0-9A-Za-z]{1,6}))?\/?$/.exec(path);
  if (!match) return null;
  const code = normalizeCode(match[1]!);
  if (code.length !== CODE_LENGTH || !hasOnlyCodeCharacters(code)) return null;
  const unit = match[2] ? match[2].toUpperCase() : null;
  if (unit !== null && !UNIT.test(unit)) return null;
  return { code, unit };
}

/** The page path of an address, as shared: /25M-SN9-S32 or /25M-SN9-S32/P302. */
export function addressPath(ref: CodeRef): string {
  const grouped = groupCode(normalizeCode(ref.code));
  return ref.unit ? `/${grouped}/${encodeURIComponent(ref.unit)}` : `/${grouped}`;
}

/** Splits an API code such as "25M-SN9-S32/P302" into code and unit. */
export function splitApiCode(apiCode: string): CodeRef {
  const slash = apiCode.indexOf('/');
  return slash === -1
    ? { code: normalizeCode(apiCode), unit: null }
    : { code: normalizeCode(apiCode.slice(0, slash)), unit: apiCode.slice(slash + 1) };
}

export function isValidUnit(unit: string): boolean {
  return UNIT.test(unit);
}

/**
 * How a screen reader should say a code: character by character, groups apart
 * ("2 5 M, S N 9, S 3 2"), rather than as a word.
 */
export function spokenCode(grouped: string): string {
  const [code = '', unit] = grouped.split('/');
  const spoken = code
    .split('-')
    .map((group) => [...group].join(' '))
    .join(', ');
  return unit ? `${spoken} / ${[...unit].join(' ')}` : spoken;
}
