/**
 * Placing a parsed address by its street when its text names no ward (most lines written as
 * "59 Phố Quốc Tử Giám"), or names an old ward the crosswalk flattened (an old ward split between
 * new wards maps to one of them only). Pure: the caller passes in what is known about the street:
 *
 *   - the street gazetteer: the wards the named road runs through and its length in each;
 *   - known houses: registered addresses on that street (their house number and ward).
 *
 * Rules, strongest first:
 *   1. house numbers: Vietnamese streets number odd on one side, even on the other, rising along
 *      the street, and ward boundaries often run down the middle of a street. The nearest known
 *      house numbers on the same side give the ward (bracketing neighbours that agree, or one
 *      within a few numbers).
 *   2. the street lies in one ward only (of those the text allows).
 *   3. the ward holding most of the street's length (the likeliest, if houses are spread evenly),
 *      with a confidence of at most 0.6 scaled by that share, and every ward crossed as candidates.
 */
import type { Gazetteer } from './gazetteer.js';
import { foldKey } from './normalize.js';
import type { ParsedAddress, UnitRef } from './parse-address.js';

export type StreetWard = { key: string; wardCode: string; lengthM: number };
export type KnownHouse = { key: string; houseNumber: string; wardCode: string };

/**
 * Same as SQL vn_street_key(): folded, without a leading type word (street or named alley), with a
 * syllable-final y after consonants read as i ("Sỹ"/"Sĩ", "Lý"/"Lí" are both written).
 */
const TYPE_WORDS = /^((duong|pho|street|st|road|rd|dai lo|avenue|ngo|ngach|hem|kiet) )+/;
/** The key of a street name already folded to a-z, 0-9 and single spaces (so \b is PostgreSQL's \m and \M). */
export function keyOfFoldedStreet(folded: string): string {
  return folded.replace(TYPE_WORDS, '').replace(/\b([bcdghklmnpqrstvx]+)y\b/g, '$1i');
}
export function streetKey(street: string): string {
  return keyOfFoldedStreet(foldKey(street));
}

/** The number that says where on the street a house is: "120/10B" → 120, "98 Bis" → 98, "A9" → 9. */
export function streetPosition(houseNumber: string | null): number | null {
  const match = houseNumber ? /\d+/.exec(houseNumber) : null;
  return match ? Number(match[0]) : null;
}

/** Neighbours this far apart (in numbers) still say which side of a boundary a house is on. */
const NEAR_NUMBERS = 12;
const BRACKET_NUMBERS = 40;

function byHouseNumbers(position: number, houses: { n: number; ward: UnitRef }[]): UnitRef | null {
  const side = houses.filter((h) => h.n % 2 === position % 2);
  const exact = side.filter((h) => h.n === position);
  if (exact.length && exact.every((h) => h.ward.code === exact[0]!.ward.code)) return exact[0]!.ward;
  const below = side.filter((h) => h.n < position).sort((a, b) => b.n - a.n)[0];
  const above = side.filter((h) => h.n > position).sort((a, b) => a.n - b.n)[0];
  if (below && above && below.ward.code === above.ward.code && above.n - below.n <= 2 * BRACKET_NUMBERS) return below.ward;
  const nearest = [below, above].filter((h) => h !== undefined).sort((a, b) => Math.abs(a.n - position) - Math.abs(b.n - position))[0];
  return nearest && Math.abs(nearest.n - position) <= NEAR_NUMBERS && !(below && above && below.ward.code !== above.ward.code)
    ? nearest.ward
    : null;
}

export function placeOnStreet(g: Gazetteer, parsed: ParsedAddress, streetWards: StreetWard[], knownHouses: KnownHouse[]): ParsedAddress {
  if (!parsed.street) return parsed;
  const wardRef = (code: string): UnitRef | null => {
    const w = g.wards.get(code);
    return w ? { code, name: w.fullName } : null;
  };
  const key = streetKey(parsed.street);
  // A ward written in the 2025 form is the writer's own word; only crosswalk answers are reconsidered.
  const crosswalked = parsed.ward !== null && (parsed.oldWard !== null || parsed.oldDistrict !== null);
  if (parsed.ward && !crosswalked) return parsed;

  const allowed = (code: string) =>
    !g.wards.has(code)
      ? false
      : parsed.candidates.length
        ? parsed.candidates.some((c) => c.code === code)
        : parsed.province && !crosswalked
          ? parsed.province.code === g.wards.get(code)!.provinceCode
          : true;

  const segments = streetWards.filter((s) => s.key === key && allowed(s.wardCode));
  const lengthByWard = new Map<string, { ward: UnitRef; length: number }>();
  for (const s of segments) {
    const entry = lengthByWard.get(s.wardCode) ?? { ward: wardRef(s.wardCode)!, length: 0 };
    entry.length += s.lengthM;
    lengthByWard.set(s.wardCode, entry);
  }
  const wards = [...lengthByWard.values()].sort((a, b) => b.length - a.length);
  const onStreet = new Set(wards.map((w) => w.ward.code));

  // The number that places the house on the street: an alley's number when the house is in an alley.
  const position = streetPosition(parsed.alley) ?? streetPosition(parsed.houseNumber);
  const houses = knownHouses
    .filter((h) => h.key === key && (onStreet.size === 0 ? allowed(h.wardCode) : onStreet.has(h.wardCode)))
    .flatMap((h) => {
      const n = streetPosition(h.houseNumber);
      return n === null ? [] : [{ n, ward: wardRef(h.wardCode)! }];
    });
  const fromHouses = position !== null ? byHouseNumbers(position, houses) : null;

  const settle = (ward: UnitRef, confidence: number, candidates: UnitRef[] = []): ParsedAddress => ({
    ...parsed,
    ward,
    province: { code: g.wards.get(ward.code)!.provinceCode, name: g.provinces.get(g.wards.get(ward.code)!.provinceCode)!.fullName },
    candidates,
    confidence: Math.max(confidence, parsed.ward?.code === ward.code ? parsed.confidence : 0),
  });

  if (fromHouses) return settle(fromHouses, crosswalked ? Math.max(parsed.confidence, 0.8) : 0.8);
  if (crosswalked) return parsed; // the street alone does not overrule the crosswalk
  if (wards.length === 1) return settle(wards[0]!.ward, 0.7);
  if (wards.length > 1) {
    // With nothing else to go on, a house is likeliest in the ward holding most of the street;
    // the confidence says how likely, and the other wards stay as candidates.
    const total = wards.reduce((sum, w) => sum + w.length, 0);
    return settle(
      wards[0]!.ward,
      Math.round(60 * (wards[0]!.length / total)) / 100,
      wards.map((w) => w.ward),
    );
  }
  return parsed;
}
