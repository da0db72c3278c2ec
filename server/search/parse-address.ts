/**
 * parseAddress: a Vietnamese address line → its parts and its 2025 ward and province.
 *
 * Pipeline, read top to bottom:
 *   1. chunkAddress: clean the text, cut it at commas and unit prefixes, take off postcode and country.
 *   2. scanUnits: read chunks from the right (Vietnamese addresses go small → large), each name
 *      narrowed by what was read to its right: province, then old district, then ward.
 *   3. resolveWard: a 2025 ward named directly wins when no old district is given; otherwise the
 *      old ward goes through the crosswalk. Several targets (split or ambiguous) become candidates.
 *   4. readStreetParts: whatever is left of the units is house number, alley, street, hamlet.
 */
import type { z } from 'zod';
import type { UnitRef as UnitRefShape } from '../admin/schemas.js';
import { chunkAddress, nameTokens, type Chunk, type Token } from './address-chunks.js';
import type { Gazetteer, OldDistrict, ProvinceRef } from './gazetteer.js';
import { matchDistrict, matchProvince, matchWard, type Query, type WardMatch } from './match-units.js';
import { normalizeText } from './normalize.js';
import type { ParsedAddress as ParsedAddressShape } from './schemas.js';
import { readStreetParts } from './street-parts.js';
import type { Level, UnitPrefix } from './unit-types.js';

export type UnitRef = z.infer<typeof UnitRefShape>;
export type ParsedAddress = z.infer<typeof ParsedAddressShape>;

type ScanState = {
  provinces: ProvinceRef[] | null;
  districts: OldDistrict[] | null;
  ward: WardMatch | null;
  fuzzy: boolean;
  /** The chunk the ward was read from, and whether a larger unit had been read before it. */
  wardChunk: Chunk | null;
  wardInContext: boolean;
  /** Per chunk, how many leading tokens were not read as a unit. */
  leftoverCounts: Map<Chunk, number>;
};

const LEVELS: Level[] = ['province', 'district', 'ward'];
/** Leads of a street, alley, hamlet or building (ASCII-folded): such a chunk is never read as a unit name. */
const STREET_LEADS = [
  'duong',
  'pho',
  'street',
  'st',
  'ql',
  'quoc lo',
  'dai lo',
  'tinh lo',
  'ngo',
  'ngach',
  'hem',
  'kiet',
  'thon',
  'ap',
  'to',
  'khu pho',
  'kp',
  'xom',
  'so',
  'toa nha',
  'tang',
  'chung cu',
  'cc',
].map((lead) => lead.split(' '));
/** Candidates beyond this many say nothing useful (a whole old district, a name in every province). */
const MAX_CANDIDATES = 12;

function isStreetLike(chunk: Chunk): boolean {
  if (chunk.hint) return false;
  const words = chunk.tokens.map((t) => t.ascii);
  return (
    (words.length > 1 && /^\d/.test(words[0]!)) ||
    STREET_LEADS.some((lead) => lead.length < words.length && lead.every((w, i) => words[i] === w))
  );
}

function queryOf(tokens: Token[], hint: UnitPrefix | null, fuzzy: boolean): Query {
  const ascii = tokens.map((t) => t.ascii).join(' ');
  const mark = tokens.map((t) => t.mark).join(' ');
  return { ascii, mark, hasMarks: mark !== ascii, type: hint?.type ?? null, fuzzy };
}

/** Whether the name repeats a unit already read ("Hà Nội, Hà Nội"): consumed, but adds nothing. */
function isRepeat(g: Gazetteer, state: ScanState, q: Query): boolean {
  const exact = { ...q, fuzzy: false };
  const codes = new Set((state.provinces ?? []).map((p) => p.provinceCode));
  if (matchProvince(g, exact).some((r) => codes.has(r.provinceCode))) return true;
  const ids = new Set((state.districts ?? []).map((d) => d.id));
  return matchDistrict(g, exact, { provinces: null, districts: null }).some((d) => ids.has(d.id));
}

/**
 * Tries one name at the levels still open, exact at every level before any fuzzy match, so that a
 * district spelled right ("Ba Đình") is never taken for a province one letter away.
 */
function tryLevels(g: Gazetteer, state: ScanState, query: Query, levels: Level[]): boolean {
  const ctx = { provinces: state.provinces, districts: state.districts };
  for (const fuzzy of query.fuzzy ? [false, true] : [false]) {
    const q = { ...query, fuzzy };
    for (const level of levels) {
      if (level === 'province' && !state.provinces && !state.districts) {
        const refs = matchProvince(g, q);
        if (refs.length) return ((state.provinces = refs), true);
      } else if (level === 'district' && !state.districts) {
        const districts = matchDistrict(g, q, ctx);
        if (districts.length) return ((state.districts = districts), true);
      } else if (level === 'ward') {
        const ward = matchWard(g, q, ctx);
        if (ward.newWards.length || ward.oldWards.length) return ((state.ward = ward), true);
      }
    }
    if (!fuzzy && (state.provinces || state.districts) && isRepeat(g, state, q)) return true;
  }
  return false;
}

/** Reads unit names off the end of one chunk ("Yên Mỹ Hưng Yên" holds two); returns tokens left over. */
function readChunk(g: Gazetteer, state: ScanState, chunk: Chunk, fuzzy: boolean): number {
  const names = nameTokens(chunk);
  const prefixLength = chunk.hint && !chunk.hintAtEnd ? chunk.hint.wordCount : 0;
  // One typo can join or split a word, so no name is longer than the longest known one plus a word;
  // trying every run of a 250-word line as a name made each line cost a quadratic number of lookups.
  const longest = g.maxNameWords + 1;
  let end = names.length;
  while (end > 0 && !state.ward) {
    let matched = 0;
    for (let length = Math.min(end, longest); length >= 1 && !matched; length--) {
      const whole = length === end;
      const hint = (whole && prefixLength > 0) || (end === names.length && chunk.hintAtEnd) ? chunk.hint : null;
      const tokens = names.slice(end - length, end);
      // A bare number is a house number or a street number unless a prefix or its own segment says otherwise.
      const bareNumber = tokens.length === 1 && /^\d+$/.test(tokens[0]!.ascii);
      if (bareNumber && !hint && !(whole && chunk.tokens.length === 1 && chunk.segment > 0)) continue;
      const levels = LEVELS.filter((l) => !hint || hint.levels.includes(l));
      if (tryLevels(g, state, queryOf(tokens, hint, fuzzy && whole), levels)) matched = length;
      // "T.Giang", "H.Giang": an initial that looks like a prefix but belongs to the name.
      else if (whole && hint && prefixLength === 1 && tryLevels(g, state, queryOf(chunk.tokens, null, false), ['province']))
        matched = length + 1;
    }
    if (!matched) break;
    end -= matched;
    if (end <= 0) return 0;
  }
  return end === names.length ? chunk.tokens.length : end + prefixLength;
}

function scanUnits(g: Gazetteer, chunks: Chunk[], fuzzy: boolean, skip: Chunk | null = null): ScanState {
  const state: ScanState = {
    provinces: null,
    districts: null,
    ward: null,
    fuzzy,
    wardChunk: null,
    wardInContext: false,
    leftoverCounts: new Map(),
  };
  for (let i = chunks.length - 1; i >= 0 && !state.ward; i--) {
    const chunk = chunks[i]!;
    if (chunk === skip) {
      state.leftoverCounts.set(chunk, chunk.tokens.length);
      continue;
    }
    // The first segment holds the house and street; read it only when it names its unit ("P.6", "Quận 3")
    // or once a larger unit was found to its right (an address written without commas).
    const foundSomething = state.provinces || state.districts;
    if (isStreetLike(chunk) || (chunk.segment === 0 && !chunk.hint && !foundSomething && chunks.length > 1)) {
      state.leftoverCounts.set(chunk, chunk.tokens.length);
      continue;
    }
    const inContext = Boolean(state.provinces || state.districts);
    state.leftoverCounts.set(chunk, readChunk(g, state, chunk, fuzzy));
    if (state.ward) Object.assign(state, { wardChunk: chunk, wardInContext: inContext });
  }
  return state;
}

/**
 * Reads the units exactly, then with one typo allowed if that leaves the ward open; and when the
 * ward came first with nothing around it (a stray "Phường 2" written in the city field, after
 * "Phường 2, Quận 5"), reads again without that chunk to see whether the rest says more.
 */
function readUnits(g: Gazetteer, chunks: Chunk[]): ScanState {
  let state = scanUnits(g, chunks, false);
  if (!state.ward) {
    const fuzzyState = scanUnits(g, chunks, true);
    const exactFoundNothing = !state.provinces && !state.districts;
    if (fuzzyState.ward || (exactFoundNothing && (fuzzyState.provinces || fuzzyState.districts))) state = fuzzyState;
  }
  if (state.ward && !state.wardInContext && state.wardChunk !== chunks[0]) {
    const again = scanUnits(g, chunks, state.fuzzy, state.wardChunk);
    if (again.ward && again.wardInContext) return again;
  }
  return state;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

type Resolution = { codes: string[]; oldWard: string | null; viaCrosswalk: boolean };

/** Post-reform text ("Phường Bàn Cờ, TP HCM") names a 2025 ward; an old district means pre-2025 text. */
function resolveWard(g: Gazetteer, state: ScanState): Resolution {
  const match = state.ward;
  if (match) {
    const preferNew = !state.districts && match.newWards.length > 0;
    if (!preferNew && match.oldWards.length) {
      const names = unique(match.oldWards.map((w) => w.fullName));
      return {
        codes: unique(match.oldWards.flatMap((w) => w.targets)),
        oldWard: names.length === 1 ? names[0]! : null,
        viaCrosswalk: true,
      };
    }
    return { codes: unique(match.newWards.map((w) => w.code)), oldWard: null, viaCrosswalk: false };
  }
  if (state.districts) {
    const wardsOfDistricts = state.districts.flatMap((d) => [...(g.oldWardsByDistrict.get(d.id)?.values() ?? [])].flat());
    return { codes: unique(wardsOfDistricts.flatMap((w) => w.targets)), oldWard: null, viaCrosswalk: true };
  }
  return { codes: [], oldWard: null, viaCrosswalk: false };
}

function ref(code: string, name: string): UnitRef {
  return { code, name };
}

export function parseAddress(text: string, g: Gazetteer): ParsedAddress {
  const chunked = chunkAddress(text);
  const state = readUnits(g, chunked.chunks);

  const resolution = resolveWard(g, state);
  const wards = resolution.codes.map((c) => g.wards.get(c)!);
  const ward = wards.length === 1 ? ref(wards[0]!.code, wards[0]!.fullName) : null;
  const provinceCodes = unique(
    wards.length
      ? wards.map((w) => w.provinceCode)
      : state.districts
        ? state.districts.map((d) => d.provinceCode)
        : (state.provinces ?? []).map((p) => p.provinceCode),
  );
  const provinceCode = provinceCodes.length === 1 ? provinceCodes[0]! : null;
  const province = provinceCode ? ref(provinceCode, g.provinces.get(provinceCode)!.fullName) : null;

  const districtNames = unique((state.districts ?? []).map((d) => d.fullName));
  const oldProvinceNames = unique([
    ...(state.districts ?? []).map((d) => d.oldProvinceName),
    ...(state.provinces ?? []).filter((p) => p.isOld).map((p) => p.fullName),
  ]);

  // A chunk written as a unit ("Phường 6") that no list knows (a ward merged away before the
  // crosswalk's time) is reported unparsed, not taken for a street.
  const unknownUnits: string[] = [];
  const pieces = chunked.chunks.map((chunk) => {
    const count = state.leftoverCounts.get(chunk) ?? chunk.tokens.length;
    if (count === 0) return '';
    const piece = chunked.text.slice(chunk.tokens[0]!.start, chunk.tokens[count - 1]!.end);
    if (chunk.hint && !chunk.hintAtEnd && count === chunk.tokens.length && !isStreetLike(chunk)) {
      unknownUnits.push(piece);
      return '';
    }
    return piece;
  });
  const streetParts = readStreetParts(pieces);
  streetParts.unparsed.push(...unknownUnits);

  let confidence = 0;
  if (ward) {
    const confirmed = state.districts || state.provinces;
    confidence = 1 - (state.fuzzy ? 0.2 : 0) - (confirmed ? 0 : 0.3);
  } else if (wards.length > 1) confidence = 0.4 / Math.min(wards.length, 4) + 0.1;
  else if (province) confidence = 0.1;

  return {
    input: text,
    normalized: normalizeText(text),
    ...streetParts,
    oldWard: resolution.viaCrosswalk ? resolution.oldWard : null,
    oldDistrict: districtNames.length === 1 ? districtNames[0]! : null,
    oldProvince: (resolution.viaCrosswalk || state.districts) && oldProvinceNames.length === 1 ? oldProvinceNames[0]! : null,
    ward,
    province,
    postalCode: chunked.postalCode,
    candidates: ward || wards.length > MAX_CANDIDATES ? [] : wards.map((w) => ref(w.code, w.fullName)),
    confidence: Math.round(confidence * 100) / 100,
  };
}
