/**
 * SQL of search: full-text matches over registered addresses and the street gazetteer, partial
 * codes, and what the parser needs to know about streets. Every query caps its work: matches are
 * taken from the GIN index up to CANDIDATES rows before any ranking, so a one-letter prefix costs
 * no more than a precise query. Private addresses are never read here.
 */
import type { SqlRunner } from '../db/query.js';
import { indexTerms, NO_STATS, planCandidates, termStats as termStatsOf, type TermStats } from './candidate-plan.js';
import type { KnownHouse, StreetWard } from './street-place.js';

export type AddressHit = {
  code: string;
  unit: string;
  house_number: string | null;
  street: string | null;
  hamlet: string | null;
  building: string | null;
  place_name: string | null;
  ward_code: string | null;
  lat: number;
  lng: number;
  exact: boolean;
};
export type StreetHit = { name: string; ward_code: string; province_code: string; lat: number; lng: number; length_m: number };
export type UnitPoint = { code: string; lat: number; lng: number };

/** Rows a query may take from an index before ranking. */
export const CANDIDATES = 300;

const NEAR_ORDER = `CASE WHEN $4::float8 IS NULL THEN 0 ELSE ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($5, $4), 4326)::geography) END`;

const ADDRESSES_SQL = `
  SELECT code, unit, house_number, street, hamlet, building, place_name, ward_code, ST_Y(geom) AS lat, ST_X(geom) AS lng,
         (house_number IS NOT NULL AND vn_fold(house_number) = $6) AS exact
  FROM (
    SELECT * FROM addresses
    WHERE NOT private AND search_terms @@ to_tsquery('simple', $1)
      AND ($2::text[] IS NULL OR ward_code = ANY($2::text[]))
    LIMIT ${CANDIDATES}
  ) a
  ORDER BY exact DESC, ${NEAR_ORDER}, ts_rank(search_terms, to_tsquery('simple', $1)) DESC, code, unit
  LIMIT $3`;

/**
 * The same, found through search_terms (migrations 20261123001100 and 20261123001200) by the
 * function address_candidates (migration 20261205000100): always from the GIN index, ward by ward
 * when wards are given (nearest first), `$8` > 0 sampling that many of the lexeme's matches
 * (server/search/candidate-plan.ts). The word being typed is an exact lexeme ('>ki': words
 * starting with "ki") instead of a prefix GIN would expand over the whole table; every candidate
 * is checked against the full query.
 */
const CANDIDATES_SQL = `
  SELECT code, unit, house_number, street, hamlet, building, place_name, ward_code, ST_Y(geom) AS lat, ST_X(geom) AS lng,
         (house_number IS NOT NULL AND vn_fold(house_number) = $6) AS exact
  FROM address_candidates($7::tsquery, to_tsquery('simple', $1), $2::text[], $8::int, ${CANDIDATES})
  ORDER BY exact DESC, ${NEAR_ORDER}, ts_rank(search_terms, to_tsquery('simple', $1)) DESC, code, unit
  LIMIT $3`;

/** How many of a sampled lexeme's matches GIN hands back (gin_fuzzy_search_limit): 24 M addresses, ~20 ms instead of ~0.4 s for '>17'. */
export const FUZZY_LIMIT = 3000;

/** What ANALYZE knows of search_terms; read again after TERM_STATS_MS (a reload or a bulk load changes it). */
const TERM_STATS_SQL = `
  SELECT (SELECT reltuples FROM pg_class WHERE oid = 'addresses'::regclass)::float8 AS rows,
         most_common_elems::text::text[] AS elems, most_common_elem_freqs AS freqs
  FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'addresses' AND attname = 'search_terms'`;
const TERM_STATS_MS = 10 * 60_000;

const STREETS_SQL = `
  SELECT name, ward_code, province_code, ST_Y(geom) AS lat, ST_X(geom) AS lng, length_m
  FROM (
    SELECT * FROM streets
    WHERE search_vector @@ to_tsquery('simple', $1) AND ($2::text[] IS NULL OR ward_code = ANY($2::text[]))
    LIMIT ${CANDIDATES}
  ) s
  ORDER BY (key = $6 OR vn_street_key(name) = $6) DESC, ${NEAR_ORDER}, length_m DESC
  LIMIT $3`;

// pg_trgm's % operator (similarity above pg_trgm.similarity_threshold, 0.3) on the GIN trigram index
const SIMILAR_STREETS_SQL = `
  SELECT name, ward_code, province_code, ST_Y(geom) AS lat, ST_X(geom) AS lng, length_m
  FROM streets WHERE key % $1
  ORDER BY similarity(key, $1) DESC, length_m DESC
  LIMIT $2`;

const CODE_PREFIX_SQL = `
  SELECT code, unit, house_number, street, hamlet, building, place_name, ward_code, ST_Y(geom) AS lat, ST_X(geom) AS lng, false AS exact
  FROM addresses
  WHERE NOT private AND code LIKE $1 || '%'
  ORDER BY code, unit
  LIMIT $2`;

const STREET_WARDS_SQL = 'SELECT vn_street_key(name) AS key, ward_code AS "wardCode", length_m AS "lengthM" FROM streets';

const KNOWN_HOUSES_SQL = `
  SELECT street_key AS key, house_number AS "houseNumber", ward_code AS "wardCode"
  FROM addresses
  WHERE NOT private AND street_key IS NOT NULL AND house_number IS NOT NULL AND ward_code IS NOT NULL
    AND street_key = ANY($1::text[])
  LIMIT 20000`;

const UNIT_POINTS_SQL = `
  SELECT code, ST_Y(label_point) AS lat, ST_X(label_point) AS lng FROM wards WHERE label_point IS NOT NULL
  UNION ALL
  SELECT code, ST_Y(label_point), ST_X(label_point) FROM provinces WHERE label_point IS NOT NULL`;

export type TextQuery = { tsquery: string; wards: string[] | null; near: [number, number] | null; limit: number; exactKey: string };

/** `stats`: where the planner's statistics come from (tests fix them); by default pg_stats, kept TERM_STATS_MS. */
export function createSearchRepository(
  sql: SqlRunner,
  { now = Date.now, stats: fixedStats }: { now?: () => number; stats?: () => Promise<TermStats> } = {},
) {
  const params = (q: TextQuery) => [q.tsquery, q.wards, q.limit, q.near?.[0] ?? null, q.near?.[1] ?? null, q.exactKey];
  let stats: { value: Promise<TermStats>; at: number } | null = null;
  /** The column's statistics, shared by the requests of TERM_STATS_MS; a failed read is not kept. */
  function termStats(): Promise<TermStats> {
    if (fixedStats) return fixedStats();
    if (!stats || now() - stats.at > TERM_STATS_MS) {
      const value = sql<{ rows: number; elems: string[] | null; freqs: number[] | null }>('search_term_stats', TERM_STATS_SQL, []).then(
        ([r]) => (r ? termStatsOf(r.rows, r.elems, r.freqs) : NO_STATS),
      );
      stats = { value, at: now() };
      value.catch(() => (stats = null));
    }
    return stats.value;
  }
  return {
    termStats,
    /** Registered addresses matching a typed query: see server/search/candidate-plan.ts for the order of work. */
    async addresses(q: TextQuery): Promise<AddressHit[]> {
      const terms = indexTerms(q.tsquery);
      if (!terms) return sql<AddressHit>('search_addresses', ADDRESSES_SQL, params(q));
      const plan = planCandidates(terms, await termStats(), { wards: q.wards !== null });
      if (plan.sample) {
        const sampled = await sql<AddressHit>('search_address_candidates', CANDIDATES_SQL, [...params(q), plan.sample, FUZZY_LIMIT]);
        if (!plan.exact || sampled.length >= q.limit) return sampled;
      }
      return sql<AddressHit>('search_address_candidates', CANDIDATES_SQL, [...params(q), plan.exact!, 0]);
    },
    streets: (q: TextQuery) => sql<StreetHit>('search_streets', STREETS_SQL, params(q)),
    similarStreets: (key: string, limit: number) => sql<StreetHit>('search_similar_streets', SIMILAR_STREETS_SQL, [key, limit]),
    codesWithPrefix: (prefix: string, limit: number) => sql<AddressHit>('search_code_prefix', CODE_PREFIX_SQL, [prefix, limit]),
    streetWards: () => sql<StreetWard>('search_street_wards', STREET_WARDS_SQL, []),
    knownHouses: (keys: string[]) => (keys.length ? sql<KnownHouse>('search_known_houses', KNOWN_HOUSES_SQL, [keys]) : Promise.resolve([])),
    unitPoints: () => sql<UnitPoint>('search_unit_points', UNIT_POINTS_SQL, []),
  };
}
export type SearchRepository = ReturnType<typeof createSearchRepository>;
