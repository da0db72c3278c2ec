/**
 * SQL of search: full-text matches over registered addresses and the street gazetteer, partial
 * codes, and what the parser needs to know about streets. Every query caps its work: matches are
 * taken from the GIN index up to CANDIDATES rows before any ranking, so a one-letter prefix costs
 * no more than a precise query. Private addresses are never read here.
 */
import type { SqlRunner } from '../db/query.js';
import type { KnownHouse, StreetWard } from './street-place.js';

export type AddressHit = {
  code: string; unit: string; house_number: string | null; street: string | null; hamlet: string | null;
  building: string | null; place_name: string | null; ward_code: string | null; lat: number; lng: number; exact: boolean;
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
 * The same, found through search_terms (migrations 20261123001100 and 20261123001200), where the
 * word being typed is an exact lexeme ('>ki': words starting with "ki") instead of a prefix that GIN
 * would expand over the whole table; every candidate is then checked against the full query.
 */
const ADDRESSES_BY_TERMS_SQL = ADDRESSES_SQL.replace(
  "WHERE NOT private AND search_terms @@ to_tsquery('simple', $1)",
  // the full query is checked on each candidate, outside the index (ts_match_vq is not indexable)
  "WHERE NOT private AND search_terms @@ $7::tsquery\n      AND ts_match_vq(search_terms, to_tsquery('simple', $1))",
);
if (ADDRESSES_BY_TERMS_SQL === ADDRESSES_SQL) throw new Error('search: the terms query was not derived');

/**
 * A single word or number being typed ("17", "ng") matches millions of rows at national scale, and
 * a GIN bitmap scan reads every one before LIMIT applies (24 M addresses: ~0.4–0.5 s for '>17').
 * Any 300 of them do as candidates, so for this shape GIN may sample its posting list
 * (gin_fuzzy_search_limit; 24 M: ~20 ms). It is set for this statement only (set_config local to
 * the statement's implicit transaction), by an InitPlan that runs before the index scan starts.
 * Never with several words: GIN samples each word's list before intersecting, which would lose
 * real matches; nor with a ward filter, applied after the scan. Below the limit nothing is sampled.
 */
export const FUZZY_LIMIT = 3000;
const ADDRESSES_BY_ONE_TERM_SQL = ADDRESSES_BY_TERMS_SQL.replace(
  'WHERE NOT private AND search_terms @@',
  `WHERE (SELECT set_config('gin_fuzzy_search_limit', CASE WHEN $2::text[] IS NULL THEN '${FUZZY_LIMIT}' ELSE '0' END, true)) IS NOT NULL
      AND NOT private AND search_terms @@`,
);
if (ADDRESSES_BY_ONE_TERM_SQL === ADDRESSES_BY_TERMS_SQL) throw new Error('search: the one-term query was not derived');

/** "59 & hoan & ki:*" → "'59' & 'hoan' & '>ki'" (a prefix longer than 4 by its first 4), or null for any other shape. */
export function termsQuery(tsquery: string): string | null {
  const out: string[] = [];
  for (const part of tsquery.split(' & ')) {
    const m = /^([a-z0-9]+)(:\*)?$/.exec(part);
    if (!m) return null;
    out.push(m[2] ? `'>${m[1]!.slice(0, 4)}'` : `'${m[1]}'`);
  }
  return out.length ? out.join(' & ') : null;
}

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

export function createSearchRepository(sql: SqlRunner) {
  const params = (q: TextQuery) => [q.tsquery, q.wards, q.limit, q.near?.[0] ?? null, q.near?.[1] ?? null, q.exactKey];
  return {
    addresses: (q: TextQuery) => {
      const terms = termsQuery(q.tsquery);
      if (!terms) return sql<AddressHit>('search_addresses', ADDRESSES_SQL, params(q));
      return terms.includes(' & ')
        ? sql<AddressHit>('search_addresses_by_terms', ADDRESSES_BY_TERMS_SQL, [...params(q), terms])
        : sql<AddressHit>('search_addresses_by_one_term', ADDRESSES_BY_ONE_TERM_SQL, [...params(q), terms]);
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
