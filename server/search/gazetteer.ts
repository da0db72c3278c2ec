/**
 * The gazetteer: 2025 provinces and wards plus the pre-2025 units named by the old→new crosswalk,
 * indexed by folded name. Built once from plain arrays (no I/O here; see gazetteer-source.ts).
 */
import { foldKey } from './normalize.js';
import { splitOfficialName, type UnitType } from './unit-types.js';
import { buildProvinceAliases, type ProvinceRef } from './province-aliases.js';

export type ProvinceRow = { code: string; name: string; full_name: string; name_en: string };
export type WardRow = { code: string; province_code: string; name: string; full_name: string; unit_type: string };
export type CrosswalkRow = {
  old_ward_code: string | null;
  old_ward_name: string | null;
  old_district_name: string | null;
  old_province_name: string | null;
  new_ward_code: string;
  new_ward_name: string;
  new_province_name: string;
};
export type GazetteerInput = { provinces: ProvinceRow[]; wards: WardRow[]; mappings: CrosswalkRow[] };

/** Every indexed unit carries its ASCII key (index) and its diacritic key (tie-breaks "Hòa"/"Hóa"). */
type Keyed = { key: string; markKey: string; type: UnitType | null };

export type Province = { code: string; name: string; fullName: string };
export type Ward = Keyed & { code: string; provinceCode: string; name: string; fullName: string };
export type OldDistrict = Keyed & { id: string; fullName: string; oldProvinceKey: string; oldProvinceName: string; provinceCode: string };
export type OldWard = Keyed & { fullName: string; district: OldDistrict; provinceCode: string; targets: string[] };

export type Gazetteer = {
  provinces: Map<string, Province>;
  wards: Map<string, Ward>;
  provinceAliases: Map<string, ProvinceRef[]>;
  wardsByProvince: Map<string, Map<string, Ward[]>>;
  wardsByKey: Map<string, Ward[]>;
  districtsByKey: Map<string, OldDistrict[]>;
  oldWardsByDistrict: Map<string, Map<string, OldWard[]>>;
  oldWardsByKey: Map<string, OldWard[]>;
  /** Crosswalk rows whose target could be resolved neither by name nor by code (reported, not fatal). */
  unresolvedMappings: number;
  /** Words in the longest name of any index: the parser never tries a longer run of words as a name. */
  maxNameWords: number;
};

export type { ProvinceRef };

function keyed(fullName: string): Keyed {
  const { type, nameWords } = splitOfficialName(foldKey(fullName).split(' '));
  const markWords = foldKey(fullName, { diacritics: true }).split(' ');
  return { key: nameWords.join(' '), markKey: markWords.slice(markWords.length - nameWords.length).join(' '), type };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function nested<V>(map: Map<string, Map<string, V[]>>, outer: string): Map<string, V[]> {
  let inner = map.get(outer);
  if (!inner) map.set(outer, (inner = new Map()));
  return inner;
}

export function buildGazetteer(input: GazetteerInput): Gazetteer {
  const provinces = new Map(input.provinces.map((p) => [p.code, { code: p.code, name: p.name, fullName: p.full_name }]));
  const provinceByKey = new Map(input.provinces.map((p) => [keyed(p.full_name).key, p.code]));

  const wards = new Map<string, Ward>();
  const wardsByProvince = new Map<string, Map<string, Ward[]>>();
  const wardsByKey = new Map<string, Ward[]>();
  for (const row of input.wards) {
    const ward: Ward = {
      ...keyed(row.full_name),
      code: row.code,
      provinceCode: row.province_code,
      name: row.name,
      fullName: row.full_name,
    };
    wards.set(ward.code, ward);
    push(nested(wardsByProvince, ward.provinceCode), ward.key, ward);
    push(wardsByKey, ward.key, ward);
  }

  // The crosswalk's codes are wrong in a few hundred rows while its names are right (data README §2),
  // so the target is looked up by name within the new province first, and by code only as a fallback.
  const resolveTarget = (row: CrosswalkRow): string | null => {
    const provinceCode = provinceByKey.get(keyed(row.new_province_name).key);
    const target = keyed(row.new_ward_name);
    const sameName = provinceCode ? (wardsByProvince.get(provinceCode)?.get(target.key) ?? []) : [];
    const best = sameName.filter((w) => w.markKey === target.markKey);
    const byName = (best.length ? best : sameName)[0];
    if (byName) return byName.code;
    return wards.has(row.new_ward_code) ? row.new_ward_code : null;
  };

  const districts = new Map<string, OldDistrict>();
  const oldWards = new Map<string, OldWard>();
  const oldProvinceTargets = new Map<string, { fullName: string; provinceCode: string }>();
  let unresolvedMappings = 0;
  for (const row of input.mappings) {
    if (!row.old_ward_name || !row.old_district_name || !row.old_province_name) continue;
    const targetCode = resolveTarget(row);
    if (!targetCode) {
      unresolvedMappings++;
      continue;
    }
    const provinceCode = wards.get(targetCode)!.provinceCode;
    const oldProvinceKey = keyed(row.old_province_name).key;
    oldProvinceTargets.set(oldProvinceKey, { fullName: row.old_province_name, provinceCode });

    const districtKeyed = keyed(row.old_district_name);
    const districtId = `${oldProvinceKey}|${districtKeyed.type}|${districtKeyed.key}`;
    let district = districts.get(districtId);
    if (!district) {
      district = {
        ...districtKeyed,
        id: districtId,
        fullName: row.old_district_name,
        oldProvinceKey,
        oldProvinceName: row.old_province_name,
        provinceCode,
      };
      districts.set(districtId, district);
    }

    const wardKeyed = keyed(row.old_ward_name);
    const wardId = `${districtId}|${wardKeyed.type}|${wardKeyed.key}`;
    const existing = oldWards.get(wardId);
    // Several rows for one old ward mean it was split; keep every distinct target as a candidate.
    if (existing) {
      if (!existing.targets.includes(targetCode)) existing.targets.push(targetCode);
    } else {
      oldWards.set(wardId, { ...wardKeyed, fullName: row.old_ward_name, district, provinceCode, targets: [targetCode] });
    }
  }

  const districtsByKey = new Map<string, OldDistrict[]>();
  for (const d of districts.values()) push(districtsByKey, d.key, d);
  const oldWardsByDistrict = new Map<string, Map<string, OldWard[]>>();
  const oldWardsByKey = new Map<string, OldWard[]>();
  for (const w of oldWards.values()) {
    push(nested(oldWardsByDistrict, w.district.id), w.key, w);
    push(oldWardsByKey, w.key, w);
  }

  const provinceAliases = buildProvinceAliases(
    input.provinces.map((p) => ({ code: p.code, fullName: p.full_name, nameEn: p.name_en })),
    [...oldProvinceTargets].map(([oldProvinceKey, v]) => ({ oldProvinceKey, ...v })),
  );

  let maxNameWords = 1;
  for (const index of [provinceAliases, wardsByKey, districtsByKey, oldWardsByKey]) {
    for (const key of index.keys()) maxNameWords = Math.max(maxNameWords, key.split(' ').length);
  }

  return {
    provinces,
    wards,
    provinceAliases,
    wardsByProvince,
    wardsByKey,
    districtsByKey,
    oldWardsByDistrict,
    oldWardsByKey,
    unresolvedMappings,
    maxNameWords,
  };
}
