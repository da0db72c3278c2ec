/**
 * Every way people name a province, 2025 or pre-2025, mapped to the 2025 province it lies in.
 * Aliases are generated from the names (English name, "T.Giang"-style initials, "HCM"/"TPHCM" for
 * centrally-run cities) plus a short list of customary names no rule can derive.
 */
import { foldKey } from './normalize.js';
import { splitOfficialName } from './unit-types.js';

export type ProvinceRef = {
  provinceCode: string;
  /** Key of the pre-2025 province this name denotes, when it denotes one (to tell old districts apart). */
  oldProvinceKey: string | null;
  /** Full name as written in the source data, for the parse result. */
  fullName: string;
  /** True when the name only existed before 2025 (e.g. "Tiền Giang", now part of Đồng Tháp). */
  isOld: boolean;
};

/** Customary names that no spelling rule produces. Keys are ASCII-folded, targets are old province keys. */
const CUSTOMARY_NAMES: Record<string, string> = {
  'sai gon': 'ho chi minh',
  saigon: 'ho chi minh',
  sg: 'ho chi minh',
  hcmc: 'ho chi minh',
  // Renamed from Thừa Thiên Huế to Thành phố Huế in January 2025, shortly before the reform.
  'thua thien hue': 'hue',
  'tt hue': 'hue',
  brvt: 'ba ria vung tau',
  'br vt': 'ba ria vung tau',
};

type NewProvince = { code: string; fullName: string; nameEn: string };
type OldProvince = { oldProvinceKey: string; fullName: string; provinceCode: string };

/** "Tiền Giang" → "t giang" (how "T.Giang" folds), only for names of two or more words. */
function initialsThenLastWord(words: string[]): string | null {
  if (words.length < 2) return null;
  return [...words.slice(0, -1).map((w) => w[0]!), words[words.length - 1]!].join(' ');
}

export function buildProvinceAliases(newProvinces: NewProvince[], oldProvinces: OldProvince[]): Map<string, ProvinceRef[]> {
  const aliases = new Map<string, ProvinceRef[]>();
  const add = (alias: string | null, ref: ProvinceRef) => {
    if (!alias) return;
    const list = aliases.get(alias) ?? [];
    if (!list.some((r) => r.provinceCode === ref.provinceCode && r.oldProvinceKey === ref.oldProvinceKey)) list.push(ref);
    aliases.set(alias, list);
  };
  const oldByKey = new Map(oldProvinces.map((p) => [p.oldProvinceKey, p]));

  for (const p of newProvinces) {
    const { type, nameWords } = splitOfficialName(foldKey(p.fullName).split(' '));
    const key = nameWords.join(' ');
    const ref: ProvinceRef = { provinceCode: p.code, oldProvinceKey: oldByKey.has(key) ? key : null, fullName: p.fullName, isOld: false };
    add(key, ref);
    const english = foldKey(p.nameEn).replace(/ (city|province)$/, '');
    add(english, ref);
    add(english.replace(/ /g, ''), ref); // "Hanoi", "Haiphong" are written both ways
    add(initialsThenLastWord(nameWords), ref);
    // Centrally-run cities are commonly written by initials: HN, HCM, TPHCM, HP, ĐN.
    if (type === 'thanh_pho' && nameWords.length > 1) {
      const initials = nameWords.map((w) => w[0]).join('');
      add(initials, ref);
      add(`tp${initials}`, ref);
    }
  }

  for (const p of oldProvinces) {
    const ref: ProvinceRef = {
      provinceCode: p.provinceCode,
      oldProvinceKey: p.oldProvinceKey,
      fullName: p.fullName,
      isOld: !aliases.has(p.oldProvinceKey),
    };
    add(p.oldProvinceKey, ref);
    add(initialsThenLastWord(p.oldProvinceKey.split(' ')), ref);
  }

  for (const [alias, oldKey] of Object.entries(CUSTOMARY_NAMES)) {
    const old = oldByKey.get(oldKey);
    if (old) add(alias, { provinceCode: old.provinceCode, oldProvinceKey: oldKey, fullName: old.fullName, isOld: false });
  }
  return aliases;
}
