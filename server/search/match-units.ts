/**
 * Looks a written name up at one administrative level, narrowed by the units already read to its
 * right (province, then old district). Exact folded-key match first; edit distance 1 as a fallback.
 */
import type { Gazetteer, OldDistrict, OldWard, ProvinceRef, Ward } from './gazetteer.js';
import { editDistanceAtMost } from './normalize.js';
import type { UnitType } from './unit-types.js';

export type Query = { ascii: string; mark: string; hasMarks: boolean; type: UnitType | null; fuzzy: boolean };
export type Context = { provinces: ProvinceRef[] | null; districts: OldDistrict[] | null };
export type WardMatch = { newWards: Ward[]; oldWards: OldWard[] };

/** Fuzzy matching only for names long enough that one typo cannot turn them into another name. */
const FUZZY_MIN_LETTERS = 5;

/** Narrowing that gives up rather than empty the list: a wrong tone mark or type still matches. */
function prefer<T>(items: T[], keep: (item: T) => boolean): T[] {
  const kept = items.filter(keep);
  return kept.length ? kept : items;
}

function byMarksAndType<T extends { markKey: string; type: UnitType | null }>(items: T[], q: Query): T[] {
  const typed = q.type ? prefer(items, (i) => i.type === q.type) : items;
  return q.hasMarks ? prefer(typed, (i) => i.markKey === q.mark) : typed;
}

/** Keys of `index` that match the query: the key itself, or every key within edit distance 1. */
function matchingKeys(keys: Iterable<string>, has: (k: string) => boolean, q: Query): string[] {
  if (has(q.ascii)) return [q.ascii];
  if (!q.fuzzy || q.ascii.replace(/[^a-z]/g, '').length < FUZZY_MIN_LETTERS) return [];
  const found: string[] = [];
  // Initials ("t giang", "hcm") are abbreviations already; one letter off is another name.
  for (const key of keys) if (!/\b\w\b/.test(key) && key.length > 3 && editDistanceAtMost(key, q.ascii, 1)) found.push(key);
  return found;
}

export function matchProvince(g: Gazetteer, q: Query): ProvinceRef[] {
  return matchingKeys(g.provinceAliases.keys(), (k) => g.provinceAliases.has(k), q).flatMap((k) => g.provinceAliases.get(k)!);
}

function inProvinces(provinceCode: string, oldProvinceKey: string, refs: ProvinceRef[] | null): boolean {
  return (
    !refs ||
    refs.some((r) => r.provinceCode === provinceCode && (r.oldProvinceKey === null || !r.isOld || r.oldProvinceKey === oldProvinceKey))
  );
}

/** Old districts; when the province was named by its old name, districts of that old province win. */
export function matchDistrict(g: Gazetteer, q: Query, ctx: Context): OldDistrict[] {
  const keys = matchingKeys(g.districtsByKey.keys(), (k) => g.districtsByKey.has(k), q);
  const found = keys.flatMap((k) => g.districtsByKey.get(k)!).filter((d) => inProvinces(d.provinceCode, d.oldProvinceKey, ctx.provinces));
  const namedOld = ctx.provinces?.map((r) => r.oldProvinceKey).filter((k) => k !== null) ?? [];
  return byMarksAndType(namedOld.length ? prefer(found, (d) => namedOld.includes(d.oldProvinceKey)) : found, q);
}

export function matchWard(g: Gazetteer, q: Query, ctx: Context): WardMatch {
  const provinceCodes = ctx.provinces ? new Set(ctx.provinces.map((r) => r.provinceCode)) : null;
  const districtCodes = ctx.districts ? new Set(ctx.districts.map((d) => d.provinceCode)) : null;
  const codes = districtCodes ?? provinceCodes;

  // 2025 wards: within the province when it is known, nationwide otherwise.
  let newWards: Ward[];
  if (codes) {
    newWards = [...codes].flatMap((code) => {
      const index = g.wardsByProvince.get(code);
      if (!index) return [];
      return matchingKeys(index.keys(), (k) => index.has(k), q).flatMap((k) => index.get(k)!);
    });
  } else {
    newWards = g.wardsByKey.get(q.ascii) ?? [];
  }

  // Pre-2025 wards: within the named old district(s), else within the province, else nationwide.
  let oldWards: OldWard[];
  if (ctx.districts) {
    oldWards = ctx.districts.flatMap((d) => {
      const index = g.oldWardsByDistrict.get(d.id);
      if (!index) return [];
      return matchingKeys(index.keys(), (k) => index.has(k), q).flatMap((k) => index.get(k)!);
    });
  } else {
    const keys = codes ? matchingKeys(g.oldWardsByKey.keys(), (k) => g.oldWardsByKey.has(k), q) : [q.ascii];
    oldWards = keys
      .flatMap((k) => g.oldWardsByKey.get(k) ?? [])
      .filter((w) => inProvinces(w.provinceCode, w.district.oldProvinceKey, ctx.provinces));
  }
  return { newWards: byMarksAndType(newWards, q), oldWards: byMarksAndType(oldWards, q) };
}
