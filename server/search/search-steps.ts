/**
 * The steps of GET /v1/search, run in this order by the service (service.ts, search()): a whole
 * code answers alone; otherwise the start of a code, the units the query names, streets and
 * registered addresses inside those units, a misspelt street when nothing matched word for word,
 * then the ranking. Each step returns scored results; only rank() orders them.
 *
 * Ranking (best first): a code; a unit the whole query names; a registered address whose house
 * number and street match; a street; other matching addresses; units whose name the query starts.
 * Ties go to the nearest to `near`, then to the better text match (the order the steps found them).
 */
import { greatCircleDistance } from 'h3-js';
import type { z } from 'zod';
import type { AdminDirectory } from '../admin/directory.js';
import { ALPHABET, CODE_LENGTH, formatCode, normalizeCodeText, parseCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';
import { round7 } from '../lib/geo.js';
import type { Gazetteer } from './gazetteer.js';
import { foldKey, foldToneMarks, hasDiacritics, normalizeText } from './normalize.js';
import { parseAddress, type ParsedAddress } from './parse-address.js';
import type { AddressHit, SearchRepository, StreetHit, TextQuery } from './repository.js';
import type { SearchResult as SearchResultShape } from './schemas.js';
import { prefixQuery, sqlFoldWords } from './text-query.js';
import { readUnitPrefix } from './unit-types.js';

export type SearchResult = z.infer<typeof SearchResultShape>;
type Scored = SearchResult & { score: number; distance: number };

/** What every step reads: the query and this moment's reference data. */
export type SearchContext = {
  text: string;
  near: [number, number] | null;
  limit: number;
  g: Gazetteer;
  points: Map<string, { lat: number; lng: number }>;
  resolver: Awaited<ReturnType<AdminDirectory['resolver']>>;
  repo: SearchRepository;
  codes: CodesService;
};

const PARTIAL_CODE = new RegExp(`^[${ALPHABET}]{4,${CODE_LENGTH - 1}}$`);
/** Letters of scripts an address in Vietnam is not written in: such a query matches nothing. */
const FOREIGN_SCRIPT =
  /[\p{Script=Han}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hangul}\p{Script=Thai}\p{Script=Greek}\p{Script=Hebrew}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Devanagari}]/u;

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

/** The typed text as the steps read it, or null when nothing can match (empty, or another script). */
export function searchableText(q: string): string | null {
  const text = normalizeText(q);
  return !text || FOREIGN_SCRIPT.test(text) ? null : text;
}

// 1. Codes. They are often read out and typed in groups ("25m sk2 mem"): spaces and hyphens do not count.

/** Whether the text is a whole code (answered alone), or the start of one (its characters, for codePrefix). */
export function readCode(text: string): { whole: boolean; prefix: string | null } {
  const { body } = normalizeCodeText(text);
  const codeShaped = /\d/.test(body) && [...body].every((c) => ALPHABET.includes(c)) && text.split(/[\s\-‐‑–—]+/).length <= 3;
  return {
    whole: codeShaped && body.length === CODE_LENGTH,
    prefix: codeShaped && PARTIAL_CODE.test(body) && /[A-Z]/.test(body) ? body : null,
  };
}

/** A whole code, or the valid codes one edit away when its check fails: the final answer, nothing else is searched. */
export async function wholeCode({ text, near, limit, codes }: SearchContext): Promise<SearchResult[]> {
  const found = parseCode(text).ok ? [text] : await codes.suggest(text, near ?? undefined);
  const looked = await codes.lookupMany(found, null, { cell: false });
  return looked
    .flatMap(({ result }) => {
      if (!result) return [];
      const { ward, province } = result.admin;
      const details = result.registered && result.address ? result.address.details : null;
      const first = details ? [details.houseNumber, details.street].filter(Boolean).join(' ') : '';
      return [
        {
          type: 'code' as const,
          label: [result.code, details?.placeName, first || details?.building || details?.hamlet, ward?.fullName, province?.fullName]
            .filter(Boolean)
            .join(', '),
          code: result.code,
          lat: result.lat,
          lng: result.lng,
          ...(ward ? { ward: { code: ward.code, name: ward.fullName } } : {}),
          ...(province ? { province: { code: province.code, name: province.fullName } } : {}),
        },
      ];
    })
    .slice(0, limit);
}

/** Registered codes that start with the characters typed. */
export async function codePrefix(ctx: SearchContext, prefix: string | null): Promise<Scored[]> {
  if (!prefix) return [];
  return (await ctx.repo.codesWithPrefix(prefix, ctx.limit)).map((h) => addressResult(ctx, h, 85));
}

// 2. Units: named by the whole query (2025 names, in memory), or read by the parser (2025 or pre-2025).

/** Wards and provinces whose name the query is (90) or starts (50); typed with diacritics, they must agree. */
export function unitsByName({ g, points, text, ...ctx }: SearchContext): Scored[] {
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
    if (
      marks &&
      !(
        marks.endsWith(markKey) ||
        markKey.startsWith(
          marks
            .split(' ')
            .slice(prefix?.wordCount ?? 0)
            .join(' '),
        )
      )
    )
      return;
    const point = points.get(code);
    if (!point) return;
    const province = g.provinces.get(provinceCode)!;
    const ward = type === 'ward' ? g.wards.get(code)! : null;
    out.push({
      type,
      score: (exact ? 90 : 50) + (type === 'province' ? 1 : 0),
      distance: distanceTo(ctx, point.lat, point.lng),
      label: ward ? `${ward.fullName}, ${province.fullName}` : province.fullName,
      lat: point.lat,
      lng: point.lng,
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

/** The query as the parser reads it. Only its units matter here (the street is searched, not placed): the pure parse, no query. */
export type ReadQuery = { parsed: ParsedAddress; streetText: string };
export function readQuery({ text, g }: SearchContext): ReadQuery {
  const parsed = parseAddress(text, g);
  return { parsed, streetText: [parsed.houseNumber, parsed.alley, parsed.street, parsed.hamlet].filter(Boolean).join(' ') };
}

/** A query that is only units ("phường 6 quận 3"): the ward it names (88), or its candidates (70), with `formerly`. */
export function unitsParsed(ctx: SearchContext, { parsed: p, streetText }: ReadQuery): Scored[] {
  if (streetText) return [];
  const { g, points } = ctx;
  const out: Scored[] = [];
  for (const ref of p.ward ? [p.ward] : p.candidates) {
    const w = g.wards.get(ref.code);
    const point = points.get(ref.code);
    if (!w || !point) continue;
    const province = g.provinces.get(w.provinceCode)!;
    out.push({
      type: 'ward',
      score: p.ward ? 88 : 70,
      distance: distanceTo(ctx, point.lat, point.lng),
      label: `${w.fullName}, ${province.fullName}`,
      lat: point.lat,
      lng: point.lng,
      ward: { code: w.code, name: w.fullName },
      province: { code: province.code, name: province.fullName },
      ...(p.oldWard || p.oldDistrict ? { formerly: [p.oldWard, p.oldDistrict, p.oldProvince].filter(Boolean).join(', ') } : {}),
    });
  }
  return out;
}

// 3. Streets and registered addresses: the street part of the query, inside the units it names.

export async function streetsAndAddresses(ctx: SearchContext, { parsed: p, streetText }: ReadQuery): Promise<Scored[]> {
  const { text, near, limit, g, resolver, repo } = ctx;
  const filterWards =
    p.ward && (p.oldWard || p.oldDistrict || !p.street)
      ? [p.ward.code]
      : p.candidates.length
        ? p.candidates.map((c) => c.code)
        : p.province
          ? [...(g.wardsByProvince.get(p.province.code)?.values() ?? [])].flat().map((w) => w.code)
          : null;
  const unitsNamed = Boolean(p.ward || p.candidates.length || p.province);
  const words = sqlFoldWords(unitsNamed && streetText ? streetText : text);
  const tsquery = prefixQuery(words);
  if (!tsquery || words.join('').length < 2) return [];
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
    firstIsNumber && words.length === 1
      ? Promise.resolve([] as StreetHit[])
      : repo.streets({ tsquery: streetQuery, wards: wardsFilter, near, limit, exactKey: streetWords.join(' ') }),
    alsoWhole ? repo.addresses({ tsquery: alsoWhole, wards: null, near, limit, exactKey: '' }) : Promise.resolve([] as AddressHit[]),
  ]);
  return [
    ...addresses.map((h) => addressResult(ctx, h, h.exact ? 80 : 60)),
    ...wholeMatches.map((h) => addressResult(ctx, h, (h.exact ? 80 : 60) - 5)),
    ...streets.map((s) => streetResult(ctx, s, 70)),
  ];
}

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

// 4. Nothing matched word for word: a misspelt street name, by trigram similarity.

export async function misspeltStreets(ctx: SearchContext): Promise<Scored[]> {
  const letters = foldKey(ctx.text).replace(/[^a-z]/g, '');
  if (letters.length < 5) return [];
  return (await ctx.repo.similarStreets(foldKey(ctx.text), ctx.limit)).map((s) => streetResult(ctx, s, 40));
}

// 5. Best first (ties: nearest, then the order found); one result per label.

export function rank(results: Scored[], limit: number): SearchResult[] {
  const seen = new Set<string>();
  return results
    .sort((a, b) => b.score - a.score || a.distance - b.distance)
    .filter((r) => (seen.has(`${r.type}|${r.code ?? ''}|${r.label}`) ? false : (seen.add(`${r.type}|${r.code ?? ''}|${r.label}`), true)))
    .slice(0, limit)
    .map(({ score: _s, distance: _d, ...r }) => ({ ...r, lat: round7(r.lat), lng: round7(r.lng) }));
}

// The shape of each kind of result.

function distanceTo({ near }: Pick<SearchContext, 'near'>, lat: number, lng: number): number {
  return near ? greatCircleDistance([lat, lng], near, 'm') : 0;
}

function unitsOf({ resolver }: SearchContext, wardCode: string | null): Pick<SearchResult, 'ward' | 'province'> {
  const a = resolver.admin(wardCode);
  return {
    ...(a.ward ? { ward: { code: a.ward.code, name: a.ward.fullName } } : {}),
    ...(a.province ? { province: { code: a.province.code, name: a.province.fullName } } : {}),
  };
}

function addressResult(ctx: SearchContext, h: AddressHit, score: number): Scored {
  const u = unitsOf(ctx, h.ward_code);
  const code = formatCode(h.code, h.unit || null);
  const first = [h.house_number, h.street].filter(Boolean).join(' ');
  const label = [h.place_name, first || h.building || h.hamlet, u.ward?.name ?? null, u.province?.name ?? null].filter(Boolean).join(', ');
  return { type: 'address', score, distance: distanceTo(ctx, h.lat, h.lng), code, label: label || code, lat: h.lat, lng: h.lng, ...u };
}

function streetResult(ctx: SearchContext, s: StreetHit, score: number): Scored {
  const ward = ctx.g.wards.get(s.ward_code);
  const province = ctx.g.provinces.get(s.province_code);
  return {
    type: 'street',
    score,
    distance: distanceTo(ctx, s.lat, s.lng),
    label: [s.name, ward?.fullName, province?.fullName].filter(Boolean).join(', '),
    lat: s.lat,
    lng: s.lng,
    ...(ward ? { ward: { code: ward.code, name: ward.fullName } } : {}),
    ...(province ? { province: { code: province.code, name: province.fullName } } : {}),
  };
}
