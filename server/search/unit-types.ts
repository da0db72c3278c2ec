/**
 * Administrative unit types and the words people write for them. Shared by the gazetteer builder
 * (to split "Quận Gò Vấp" into type + name) and the parser (to read "Q.3", "TX.", "Ward 6").
 * Everything here is on ASCII-folded keys (see foldKey), so "phường", "phuong" and "P." meet.
 */

export type UnitType =
  | 'tinh'
  | 'thanh_pho' // province level (thành phố is also an old district type)
  | 'quan'
  | 'huyen'
  | 'thi_xa' // old district level
  | 'phuong'
  | 'xa'
  | 'thi_tran'
  | 'dac_khu'; // ward level (thị trấn only before 2025)

/** Which level a written prefix points to; a hint, not a rule ("TP" is a province or a district city). */
export type Level = 'province' | 'district' | 'ward';

type PrefixRule = { words: string; type: UnitType | null; levels: Level[] };

/**
 * Written prefixes, longest first so "thi xa" wins over "xa". ASCII-folded, punctuation dropped:
 * "TP." and "Tp" both arrive as "tp". Single letters (p, q, h, x, t, f) are abbreviations that only
 * count when followed by a name or number; "f" is the Saigon habit of writing P as F ("F.3").
 */
const PREFIX_RULES: PrefixRule[] = [
  { words: 'thanh pho', type: 'thanh_pho', levels: ['province', 'district'] },
  { words: 'thi tran', type: 'thi_tran', levels: ['ward'] },
  { words: 'thi xa', type: 'thi_xa', levels: ['district'] },
  { words: 'dac khu', type: 'dac_khu', levels: ['ward'] },
  { words: 'tinh', type: 'tinh', levels: ['province'] },
  { words: 'quan', type: 'quan', levels: ['district'] },
  { words: 'huyen', type: 'huyen', levels: ['district'] },
  { words: 'phuong', type: 'phuong', levels: ['ward'] },
  { words: 'xa', type: 'xa', levels: ['ward'] },
  { words: 'tp', type: 'thanh_pho', levels: ['province', 'district'] },
  { words: 'tx', type: 'thi_xa', levels: ['district'] },
  { words: 'tt', type: 'thi_tran', levels: ['ward'] },
  { words: 'district', type: null, levels: ['district'] },
  { words: 'ward', type: null, levels: ['ward'] },
  { words: 'commune', type: 'xa', levels: ['ward'] },
  { words: 'province', type: 'tinh', levels: ['province'] },
  { words: 'city', type: 'thanh_pho', levels: ['province', 'district'] },
  { words: 'q', type: 'quan', levels: ['district'] },
  { words: 'h', type: 'huyen', levels: ['district'] },
  { words: 'p', type: 'phuong', levels: ['ward'] },
  { words: 'f', type: 'phuong', levels: ['ward'] },
  { words: 'x', type: 'xa', levels: ['ward'] },
  { words: 't', type: 'tinh', levels: ['province'] },
];

export type UnitPrefix = { type: UnitType | null; levels: Level[]; wordCount: number };

/** The rules with their words split once: the parser asks at every word of every line. */
const PREFIX_WORDS = PREFIX_RULES.map((rule) => [rule, rule.words.split(' ')] as const);

/** The unit prefix at the start of `words` (ASCII-folded), if any, leaving at least one word after it. */
export function readUnitPrefix(words: readonly string[]): UnitPrefix | null {
  for (const [rule, ruleWords] of PREFIX_WORDS) {
    if (words.length <= ruleWords.length) continue;
    if (ruleWords.every((w, i) => words[i] === w)) {
      return { type: rule.type, levels: rule.levels, wordCount: ruleWords.length };
    }
  }
  return null;
}

/** English writes the type after the name: "Ben Nghe Ward", "Thu Duc City", "Tan Binh District". */
const ENGLISH_SUFFIXES: Record<string, UnitPrefix> = {
  ward: { type: null, levels: ['ward'], wordCount: 1 },
  commune: { type: 'xa', levels: ['ward'], wordCount: 1 },
  district: { type: null, levels: ['district'], wordCount: 1 },
  city: { type: 'thanh_pho', levels: ['province', 'district'], wordCount: 1 },
  province: { type: 'tinh', levels: ['province'], wordCount: 1 },
};

export function readEnglishSuffix(words: readonly string[]): UnitPrefix | null {
  if (words.length < 2) return null;
  return ENGLISH_SUFFIXES[words[words.length - 1]!] ?? null;
}

/** Official full names start with their type ("Thị trấn Cái Bè"); split it off for indexing. */
export function splitOfficialName(foldedWords: readonly string[]): { type: UnitType | null; nameWords: string[] } {
  const prefix = readUnitPrefix(foldedWords);
  // Only spelled-out types occur in official names; "P"/"Q" abbreviations never do.
  if (prefix && prefix.wordCount > 0 && foldedWords[0]!.length > 1 && prefix.type !== null) {
    return { type: prefix.type, nameWords: foldedWords.slice(prefix.wordCount) };
  }
  return { type: null, nameWords: [...foldedWords] };
}
