/**
 * Search and parsing with what the database knows: the pure parser (units, crosswalk), then the
 * street gazetteer and the registered house numbers to place lines that name no ward, then, for
 * /v1/search, one box over codes, units (2025 and pre-2025), streets and registered addresses.
 *
 * Ranking (best first): a code; a unit the whole query names; a registered address whose house
 * number and street match; a street; other matching addresses; units whose name the query starts.
 * Ties go to the nearest to `near`, then to the better text match.
 */
import { greatCircleDistance } from 'h3-js';
import type { AdminDirectory } from '../admin/directory.js';
import { ALPHABET, CODE_LENGTH, formatCode, normalizeCodeText, parseCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';
import { COMMON_WORDS } from './common-words.js';
import type { Gazetteer } from './gazetteer.js';
import { foldKey, hasDiacritics, foldToneMarks, normalizeText } from './normalize.js';
import { parseAddress, type ParsedAddress, type UnitRef } from './parse-address.js';
import { cooperative } from '../lib/cooperative.js';
import type { AddressHit, SearchRepository, StreetHit, TextQuery } from './repository.js';
import { placeOnStreet, streetKey, type StreetWard } from './street-place.js';
import { readUnitPrefix } from './unit-types.js';

export type SearchResult = {
  type: 'code' | 'address' | 'street' | 'ward' | 'province';
  label: string;
  code?: string;
  lat: number;
  lng: number;
  ward?: UnitRef;
  province?: UnitRef;
  /** For a unit found by its pre-2025 name: what the query named. */
  formerly?: string;
};
type Scored = SearchResult & { score: number; distance: number };

export type SearchQuery = { q: string; near: [number, number] | null; limit: number };

const MAX_QUERY_WORDS = 12;
const PARTIAL_CODE = new RegExp(`^[${ALPHABET}]{4,${CODE_LENGTH - 1}}$`);
/** Letters of scripts an address in Vietnam is not written in: such a query matches nothing. */
const FOREIGN_SCRIPT = /[\p{Script=Han}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hangul}\p{Script=Thai}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Devanagari}]/u;

/** The same folding as SQL vn_fold(): the words a tsquery is built from. */
export function sqlFoldWords(text: string): string[] {
  return foldKey(text).split(' ').filter((w) => /^[a-z0-9]+$/.test(w));
}

/** "59 quoc tu gi" → "59 & quoc & tu & gi:*": every word, the last as a prefix (the user is typing). */
export function prefixQuery(words: string[]): string | null {
  const informative = words.filter((w) => !COMMON_WORDS.has(w));
  const usable = (informative.length ? informative : words).slice(0, MAX_QUERY_WORDS);
  if (!usable.length) return null;
  return usable.map((w, i) => (i === usable.length - 1 ? `${w}:*` : w)).join(' & ');
}

/**
 * With `near`, registered addresses are first looked for in the wards around it, then wider: at
 * 24 million addresses a common query ("59 nguyen") has hundreds of thousands of matches, and the
 * 300 candidates ranked by distance would otherwise come from anywhere in the country. The search
 * index knows each address's ward (migration 20261205000100), so a ring of wards is cheap.
 */
const NEAR_RINGS = [
  { radiusM: 2_000, maxWards: 12 },
  { radiusM: 20_000, maxWards: 60 },
] as const;

/** The first ring with a page of matches answers; else whatever the rings found and the whole country's candidates. */
async function addressesAround(repo: SearchRepository, q: TextQuery, rings: string[][]): Promise<AddressHit[]> {
  let nearby: AddressHit[] = [];
  for (const wards of rings) {
    if (!wards.length) continue;
    nearby = await repo.addresses({ ...q, wards });
    if (nearby.length >= q.limit) return nearby;
  }
  const everywhere = await repo.addresses(q);
  const seen = new Set(nearby.map((h) => `${h.code}|${h.unit}`));
  return [...nearby, ...everywhere.filter((h) => !seen.has(`${h.code}|${h.unit}`))];
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () => (value ??= load().catch((error) => ((value = null), Promise.reject(error))));
}

export function createSearchService({ gazetteer, repo, admin, codes }: {
  gazetteer: () => Promise<Gazetteer>; repo: SearchRepository; admin: AdminDirectory; codes: CodesService;
}) {
  // The street gazetteer and unit label points are reference data: read once, reloaded by a restart
  // after a reseed (the admin directory reloads itself; these are small and change with it).
  const streetWards = once(async () => {
    const byKey = new Map<string, StreetWard[]>();
    for (const s of await repo.streetWards()) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
    return byKey;
  });
  const unitPoints = once(async () => new Map((await repo.unitPoints()).map((p) => [p.code, p])));

  /** Parses lines, then places those without a settled ward by their street. One query for the batch. */
  async function parseMany(texts: string[]): Promise<ParsedAddress[]> {
    const g = await gazetteer();
    // a batch of long lines is seconds of CPU: in slices, so that other requests are answered meanwhile
    const turn = cooperative();
    const parsed: ParsedAddress[] = [];
    for (const t of texts) {
      parsed.push(parseAddress(t, g));
      await turn();
    }
    const needsStreet = new Set(parsed.filter((p) => p.street && (!p.ward || p.oldWard || p.oldDistrict)));
    if (!needsStreet.size) return parsed;
    const keys = [...new Set([...needsStreet].map((p) => streetKey(p.street!)))].filter(Boolean);
    const [streets, houses] = await Promise.all([streetWards(), repo.knownHouses(keys)]);
    const relevant: StreetWard[] = keys.flatMap((k) => streets.get(k) ?? []);
    return parsed.map((p) => (needsStreet.has(p) ? placeOnStreet(g, p, relevant, houses) : p));
  }

  function unitResults(g: Gazetteer, points: Map<string, { lat: number; lng: number }>, text: string, distanceTo: (lat: number, lng: number) => number): Scored[] {
    let words = foldKey(text).split(' ').filter(Boolean);
    const prefix = readUnitPrefix(words);
    if (prefix) words = words.slice(prefix.wordCount);
    const key = words.join(' ');
    if (key.length < 2) return [];
    const marks = hasDiacritics(normalizeText(text)) ? foldToneMarks(foldKey(text, { diacritics: true })) : null;
    const out: Scored[] = [];
    const consider = (type: 'ward' | 'province', code: string, unitKey: string, markKey: string, provinceCode: string) => {
      if (prefix && !prefix.levels.includes(type === 'ward' ? 'ward' : 'province')) return;
      const exact = unitKey === key;
      if (!exact && !unitKey.startsWith(key)) return;
      // typed with diacritics: "Hòa" must not bring up "Hóa"
      if (marks && !(marks.endsWith(markKey) || markKey.startsWith(marks.split(' ').slice(prefix?.wordCount ?? 0).join(' ')))) return;
      const point = points.get(code);
      if (!point) return;
      const province = g.provinces.get(provinceCode)!;
      const ward = type === 'ward' ? g.wards.get(code)! : null;
      out.push({
        type, score: (exact ? 90 : 50) + (type === 'province' ? 1 : 0), distance: distanceTo(point.lat, point.lng),
        label: ward ? `${ward.fullName}, ${province.fullName}` : province.fullName,
        lat: point.lat, lng: point.lng,
        ...(ward ? { ward: { code, name: ward.fullName } } : {}),
        province: { code: provinceCode, name: province.fullName },
      });
    };
    for (const w of g.wards.values()) consider('ward', w.code, w.key, w.markKey, w.provinceCode);
    for (const p of g.provinces.values()) {
      const k = foldKey(p.name);
      consider('province', p.code, k, foldToneMarks(foldKey(p.name, { diacritics: true })), p.code);
    }
    return out;
  }

  function addressLabel(h: AddressHit, wardName: string | null, provinceName: string | null): string {
    const first = [h.house_number, h.street].filter(Boolean).join(' ');
    return [h.place_name, first || h.building || h.hamlet, wardName, provinceName].filter(Boolean).join(', ');
  }

  return {
    parseMany,
    warm: async () => void (await Promise.all([gazetteer(), streetWards(), unitPoints()])),

    async search({ q, near, limit }: SearchQuery): Promise<SearchResult[]> {
      const text = normalizeText(q);
      if (!text || FOREIGN_SCRIPT.test(text)) return [];
      const [g, points, resolver] = await Promise.all([gazetteer(), unitPoints(), admin.resolver()]);
      const unitsOf = (wardCode: string | null) => {
        const a = resolver.admin(wardCode);
        return {
          ...(a.ward ? { ward: { code: a.ward.code, name: a.ward.fullName } } : {}),
          ...(a.province ? { province: { code: a.province.code, name: a.province.fullName } } : {}),
        };
      };
      const distanceTo = (lat: number, lng: number) => (near ? greatCircleDistance([lat, lng], near, 'm') : 0);
      const results: Scored[] = [];
      const streetResult = (s: StreetHit, score: number): Scored => {
        const ward = g.wards.get(s.ward_code);
        const province = g.provinces.get(s.province_code);
        return {
          type: 'street', score, distance: distanceTo(s.lat, s.lng), label: [s.name, ward?.fullName, province?.fullName].filter(Boolean).join(', '),
          lat: s.lat, lng: s.lng,
          ...(ward ? { ward: { code: ward.code, name: ward.fullName } } : {}),
          ...(province ? { province: { code: province.code, name: province.fullName } } : {}),
        };
      };

      // 1. A code: whole, mistyped, or the start of one.
      // Codes are often read out and typed in groups ("25m sk2 mem"): spaces and hyphens do not count.
      const { body } = normalizeCodeText(text);
      const codeShaped = /\d/.test(body) && [...body].every((c) => ALPHABET.includes(c)) && text.split(/[\s\-‐‑–—]+/).length <= 3;
      if (codeShaped && body.length === CODE_LENGTH) {
        const parsed = parseCode(text);
        const found = parsed.ok ? [text] : await codes.suggest(text, near ?? undefined);
        const looked = await codes.lookupMany(found, null, { cell: false });
        return looked.flatMap(({ result }) => {
          if (!result) return [];
          const { ward, province } = result.admin;
          const details = result.registered && result.address ? result.address.details : null;
          const first = details ? [details.houseNumber, details.street].filter(Boolean).join(' ') : '';
          return [{
            type: 'code' as const,
            label: [result.code, details?.placeName, first || details?.building || details?.hamlet, ward?.fullName, province?.fullName].filter(Boolean).join(', '),
            code: result.code, lat: result.lat, lng: result.lng,
            ...(ward ? { ward: { code: ward.code, name: ward.fullName } } : {}),
            ...(province ? { province: { code: province.code, name: province.fullName } } : {}),
          }];
        }).slice(0, limit);
      }
      if (codeShaped && PARTIAL_CODE.test(body) && /[A-Z]/.test(body)) {
        for (const h of await repo.codesWithPrefix(body, limit)) {
          const u = unitsOf(h.ward_code);
          results.push({ type: 'address', score: 85, distance: distanceTo(h.lat, h.lng), code: formatCode(h.code, h.unit || null), label: addressLabel(h, u.ward?.name ?? null, u.province?.name ?? null) || formatCode(h.code, h.unit || null), lat: h.lat, lng: h.lng, ...u });
        }
      }

      // 2. Units: named by the whole query, 2025 or pre-2025.
      results.push(...unitResults(g, points, text, distanceTo));
      // Only the units matter here (the street is searched, not placed): the pure parse, no query.
      const p = parseAddress(text, g);
      const streetText = [p.houseNumber, p.alley, p.street, p.hamlet].filter(Boolean).join(' ');
      const wardResult = (ref: UnitRef, score: number): Scored | null => {
        const w = g.wards.get(ref.code);
        const point = points.get(ref.code);
        if (!w || !point) return null;
        const province = g.provinces.get(w.provinceCode)!;
        return {
          type: 'ward', score, distance: distanceTo(point.lat, point.lng), label: `${w.fullName}, ${province.fullName}`, lat: point.lat, lng: point.lng,
          ward: { code: w.code, name: w.fullName }, province: { code: province.code, name: province.fullName },
          ...(p.oldWard || p.oldDistrict ? { formerly: [p.oldWard, p.oldDistrict, p.oldProvince].filter(Boolean).join(', ') } : {}),
        };
      };
      if (!streetText) {
        const wards = p.ward ? [p.ward] : p.candidates;
        for (const ref of wards) {
          const r = wardResult(ref, p.ward ? 88 : 70);
          if (r) results.push(r);
        }
      }

      // 3. Streets and registered addresses: the street part of the query, inside the units it names.
      const filterWards = p.ward && (p.oldWard || p.oldDistrict || !p.street) ? [p.ward.code]
        : p.candidates.length ? p.candidates.map((c) => c.code)
        : p.province ? [...(g.wardsByProvince.get(p.province.code)?.values() ?? [])].flat().map((w) => w.code)
        : null;
      const unitsNamed = Boolean(p.ward || p.candidates.length || p.province);
      const words = sqlFoldWords(unitsNamed && streetText ? streetText : text);
      const tsquery = prefixQuery(words);
      if (tsquery && words.join('').length >= 2) {
        const firstIsNumber = /^\d/.test(words[0]!);
        const streetWords = firstIsNumber && words.length > 1 ? words.slice(1) : words;
        const streetQuery = prefixQuery(streetWords)!;
        const wardsFilter = filterWards && filterWards.length ? [...new Set(filterWards)] : null;
        // A name read as a unit may be part of a place ("Cổng Văn Miếu"): also match the whole query, ranked lower.
        const wholeWords = sqlFoldWords(text);
        const alsoWhole = unitsNamed && wholeWords.join(' ') !== words.join(' ') ? prefixQuery(wholeWords) : null;
        const exactKey = firstIsNumber ? words[0]! : '';
        const nearRings = near && !wardsFilter ? NEAR_RINGS.map((r) => resolver.wardsNear(near[0], near[1], r.radiusM, r.maxWards)) : [];
        const [addresses, streets, wholeMatches] = await Promise.all([
          addressesAround(repo, { tsquery, wards: wardsFilter, near, limit, exactKey }, nearRings),
          firstIsNumber && words.length === 1 ? Promise.resolve([] as StreetHit[]) : repo.streets({ tsquery: streetQuery, wards: wardsFilter, near, limit, exactKey: streetWords.join(' ') }),
          alsoWhole ? repo.addresses({ tsquery: alsoWhole, wards: null, near, limit, exactKey: '' }) : Promise.resolve([] as AddressHit[]),
        ]);
        for (const [hits, bonus] of [[addresses, 0], [wholeMatches, -5]] as const) {
          for (const h of hits) {
            const u = unitsOf(h.ward_code);
            const code = formatCode(h.code, h.unit || null);
            results.push({ type: 'address', score: (h.exact ? 80 : 60) + bonus, distance: distanceTo(h.lat, h.lng), code, label: addressLabel(h, u.ward?.name ?? null, u.province?.name ?? null) || code, lat: h.lat, lng: h.lng, ...u });
          }
        }
        for (const s of streets) {
          results.push(streetResult(s, 70));
        }
      }

      // Nothing matched word for word: a misspelt street name, by trigram similarity.
      const letters = foldKey(text).replace(/[^a-z]/g, '');
      if (!results.length && letters.length >= 5) {
        for (const s of await repo.similarStreets(foldKey(text), limit)) {
          results.push(streetResult(s, 40));
        }
      }

      // Best first; one result per label.
      const seen = new Set<string>();
      return results
        .sort((a, b) => b.score - a.score || a.distance - b.distance)
        .filter((r) => (seen.has(`${r.type}|${r.code ?? ''}|${r.label}`) ? false : (seen.add(`${r.type}|${r.code ?? ''}|${r.label}`), true)))
        .slice(0, limit)
        .map(({ score: _s, distance: _d, ...r }) => ({ ...r, lat: Math.round(r.lat * 1e7) / 1e7, lng: Math.round(r.lng * 1e7) / 1e7 }));
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;

