/**
 * The address code (mã địa chỉ), format v1. Pure functions, no I/O. See docs/address-code.md.
 *
 *   payload  = coarseIndex × 7^10 + (the 10 H3 digits of resolutions 5..14, read as a base-7 number)
 *   code     = payload in 8 base-32 characters (most significant first) + 1 Damm check character
 *
 * coarseIndex is the position of the cell's resolution-4 ancestor in the append-only coverage
 * table, which is numbered along a Hilbert curve; so codes that sort together lie together.
 */
import { cellToLatLng, latLngToCell } from 'h3-js';
import coverageTable from './coverage-table-v1.json' with { type: 'json' };

export const FORMAT_VERSION = 1;
export const CODE_RESOLUTION = 14;
export const COARSE_RESOLUTION = 4;
/** Crockford's base-32 alphabet: digits and upper-case letters without I, L, O, U. */
export const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 9;
export const UNIT_PATTERN = /^[A-Z0-9]{1,6}$/;

const FINE_DIGITS = CODE_RESOLUTION - COARSE_RESOLUTION; // 10 base-7 digits below the coarse cell
const CELLS_PER_COARSE = 7 ** FINE_DIGITS; // 282,475,249
const PAYLOAD_CHARS = CODE_LENGTH - 1;
const TWO_POW_33 = 2 ** 33;
const RES_FIELD_MASK = ~(0xf << 16); // resolution bits 52..55 of the index, seen in its top 24 bits

const VALUE_OF = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUE_OF[ALPHABET.charCodeAt(i)] = i;

// --- check character: Damm's algorithm over the quasigroup x∘y = 2·x ⊕ y in GF(32) -------------
// (GF(32) built on the primitive polynomial x^5 + x^2 + 1.) Since 2 ∉ {0, 1}, this quasigroup is
// totally anti-symmetric, which is exactly what makes every single substitution and every
// adjacent transposition change the result. tests/codes/check-character.unit.test.ts proves it.
const TIMES_TWO = new Uint8Array(32);
for (let x = 0; x < 32; x++) TIMES_TWO[x] = x & 0x10 ? ((x << 1) ^ 0x25) & 0x1f : x << 1;

function dammInterim(values: ArrayLike<number>, length: number): number {
  let interim = 0;
  for (let i = 0; i < length; i++) interim = TIMES_TWO[interim]! ^ values[i]!;
  return interim;
}

// --- the coverage table ----------------------------------------------------------------------------
export const COVERAGE_CELLS: readonly string[] = coverageTable.cells;
/** Key of a cell's resolution-4 ancestor computed from the index's bits, without BigInt. */
function coarseKey(top24: number, digit4: number): number {
  return (top24 & RES_FIELD_MASK) * 8 + digit4;
}
const COARSE_INDEX = new Map<number, number>();
const COARSE_TOP24_AT_RES14: number[] = [];
const COARSE_DIGIT4: number[] = [];
COVERAGE_CELLS.forEach((cell, index) => {
  const top24 = parseInt(cell.slice(0, -9), 16);
  const digit4 = Math.floor(parseInt(cell.slice(-9), 16) / TWO_POW_33) & 7;
  COARSE_INDEX.set(coarseKey(top24, digit4), index);
  COARSE_TOP24_AT_RES14.push((top24 & RES_FIELD_MASK) | (CODE_RESOLUTION << 16));
  COARSE_DIGIT4.push(digit4);
});
const MAX_PAYLOAD = COVERAGE_CELLS.length * CELLS_PER_COARSE;

// --- encode ----------------------------------------------------------------------------------------
const scratch = new Uint8Array(CODE_LENGTH);

/** The 9-character code of a resolution-14 H3 cell, or null when the cell is outside coverage. */
export function cellToCode(h3: string): string | null {
  const low36 = parseInt(h3.slice(-9), 16); // bits 0..35: digits 15..4 (3 bits each) of the index
  const coarse = COARSE_INDEX.get(coarseKey(parseInt(h3.slice(0, -9), 16), Math.floor(low36 / TWO_POW_33) & 7));
  if (coarse === undefined) return null;
  let fine = 0;
  let shifted = Math.floor(low36 / 8) % 2 ** 30; // digits 14..5 now in bits 0..29 (digit 14 lowest)
  let place = 1;
  for (let i = 0; i < FINE_DIGITS; i++) {
    fine += (shifted & 7) * place;
    shifted >>>= 3;
    place *= 7;
  }
  let payload = coarse * CELLS_PER_COARSE + fine;
  for (let i = PAYLOAD_CHARS - 1; i >= 0; i--) {
    scratch[i] = payload % 32;
    payload = Math.floor(payload / 32);
  }
  scratch[PAYLOAD_CHARS] = TIMES_TWO[dammInterim(scratch, PAYLOAD_CHARS)]!;
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[scratch[i]!];
  return code;
}

/** The code of a point (WGS 84), or null when the point is outside coverage. */
export function encode(lat: number, lng: number): string | null {
  return cellToCode(latLngToCell(lat, lng, CODE_RESOLUTION));
}

// --- decode ----------------------------------------------------------------------------------------
/** The H3 cell of a code that already passed {@link parseCode} (canonical 9 characters). */
export function codeToCell(code: string): string {
  let payload = 0;
  for (let i = 0; i < PAYLOAD_CHARS; i++) payload = payload * 32 + VALUE_OF[code.charCodeAt(i)]!;
  const coarse = Math.floor(payload / CELLS_PER_COARSE);
  let fine = payload - coarse * CELLS_PER_COARSE;
  let low33 = 7; // digit 15 is unused at resolution 14
  let bit = 8;
  for (let i = 0; i < FINE_DIGITS; i++) {
    const digit = fine % 7;
    fine = (fine - digit) / 7;
    low33 += digit * bit;
    bit *= 8;
  }
  const low36 = COARSE_DIGIT4[coarse]! * TWO_POW_33 + low33;
  return COARSE_TOP24_AT_RES14[coarse]!.toString(16) + low36.toString(16).padStart(9, '0');
}

export function decode(code: string): { h3: string; lat: number; lng: number } {
  const h3 = codeToCell(code);
  const [lat, lng] = cellToLatLng(h3);
  return { h3, lat, lng };
}

// --- parsing forgiving input ----------------------------------------------------------------------
export type ParseFailure = 'empty' | 'characters' | 'length' | 'check' | 'coverage' | 'unit';
export type ParsedCode =
  { ok: true; code: string; unit: string | null } | { ok: false; reason: ParseFailure; message: string; normalized: string };

const ALIASES: Record<string, string> = { O: '0', I: '1', L: '1' };

/** Upper-case, drop spaces and hyphens (of any kind), read O as 0 and I/L as 1. */
export function normalizeCodeText(input: string): { body: string; unit: string | null } {
  const text = input.normalize('NFKC').toUpperCase();
  const slash = text.indexOf('/');
  const rawBody = slash === -1 ? text : text.slice(0, slash);
  const body = rawBody.replace(/[\s\-‐‑‒–—_.]/g, '').replace(/[OIL]/g, (c) => ALIASES[c]!);
  const unit = slash === -1 ? null : text.slice(slash + 1).replace(/\s/g, '');
  return { body, unit };
}

function isWellFormed(body: string): boolean {
  if (body.length !== CODE_LENGTH) return false;
  const values = new Uint8Array(CODE_LENGTH);
  for (let i = 0; i < CODE_LENGTH; i++) {
    const v = VALUE_OF[body.charCodeAt(i)] ?? -1;
    if (v < 0) return false;
    values[i] = v;
  }
  return dammInterim(values, CODE_LENGTH) === 0;
}

function inCoverage(body: string): boolean {
  let payload = 0;
  for (let i = 0; i < PAYLOAD_CHARS; i++) payload = payload * 32 + VALUE_OF[body.charCodeAt(i)]!;
  return payload < MAX_PAYLOAD;
}

export function isValidCode(body: string): boolean {
  return isWellFormed(body) && inCoverage(body);
}

export function parseCode(input: string): ParsedCode {
  const { body, unit } = normalizeCodeText(input);
  const fail = (reason: ParseFailure, message: string): ParsedCode => ({ ok: false, reason, message, normalized: body });
  if (body.length === 0) return fail('empty', 'The code is empty.');
  const bad = [...body].find((c) => (VALUE_OF[c.charCodeAt(0)] ?? -1) < 0);
  if (bad !== undefined) {
    return fail('characters', `"${bad}" is not used in codes: they use the digits 0-9 and the letters ${ALPHABET.slice(10)}.`);
  }
  if (body.length !== CODE_LENGTH) {
    return fail('length', `A code has ${CODE_LENGTH} characters (XXX-XXX-XXX); this one has ${body.length}.`);
  }
  if (!isWellFormed(body)) return fail('check', 'The check character does not match: a character is probably mistyped.');
  if (!inCoverage(body)) return fail('coverage', 'This code is not assigned: it lies outside the covered area.');
  if (unit !== null && !UNIT_PATTERN.test(unit)) return fail('unit', 'A unit after "/" has 1 to 6 letters or digits.');
  return { ok: true, code: body, unit };
}

/** Canonical display form: XXX-XXX-XXX, with /UNIT when given. */
export function formatCode(code: string, unit?: string | null): string {
  const grouped = `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6, 9)}`;
  return unit ? `${grouped}/${unit}` : grouped;
}

/**
 * Valid codes one edit away from a mistyped one: adjacent transpositions first (the most common
 * slip), then substitutions, insertions of a missing character and deletions of an extra one.
 */
export function oneEditCandidates(body: string): string[] {
  if ([...body].some((c) => (VALUE_OF[c.charCodeAt(0)] ?? -1) < 0)) return [];
  const out = new Set<string>();
  const consider = (candidate: string) => {
    if (candidate !== body && isValidCode(candidate)) out.add(candidate);
  };
  if (body.length === CODE_LENGTH) {
    for (let i = 0; i + 1 < CODE_LENGTH; i++) consider(body.slice(0, i) + body[i + 1] + body[i] + body.slice(i + 2));
    for (let i = 0; i < CODE_LENGTH; i++) for (const c of ALPHABET) consider(body.slice(0, i) + c + body.slice(i + 1));
  } else if (body.length === CODE_LENGTH - 1) {
    for (let i = 0; i <= body.length; i++) for (const c of ALPHABET) consider(body.slice(0, i) + c + body.slice(i));
  } else if (body.length === CODE_LENGTH + 1) {
    for (let i = 0; i < body.length; i++) consider(body.slice(0, i) + body.slice(i + 1));
  }
  return [...out];
}
