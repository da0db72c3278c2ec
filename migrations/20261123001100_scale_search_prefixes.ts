import type { Knex } from 'knex';

/**
 * Search as you type at national scale (issue 8). With 24 million addresses, `npm run bench:scale`
 * measured 1.0–1.4 s for a query like "59 hoan ki" (tsquery `59 & hoan & ki:*`), against ~20 ms
 * for the same words complete: GIN answers a prefix (`ki:*`) by reading the posting lists of every
 * lexeme that starts with it into a bitmap before intersecting (EXPLAIN ANALYZE: the Bitmap Index
 * Scan alone took 1.38 s for 34,022 rows), so the cost grows with the table, not with the answer.
 *
 * vn_search_terms(folded text): the words of the folded text and, as lexemes of their own, the
 * first 1, 2, 3 and 4 characters of each ('>n', '>ng', '>ngu', '>nguy'). A prefix becomes an exact
 * lexeme, which GIN intersects with the other words without materialising anything (its "fast
 * scan" skips through the longer posting lists). Longer prefixes use their first four characters
 * and are then checked exactly against search_vector (server/search/repository.ts).
 * Candidates SQL at 1 M addresses, same run: p95 66.9 ms before, 20.1 ms after (bench/search-sql.ts).
 *
 * The price: vn_fold again and four regular expressions per row, in every write and in every index
 * build. In a 200,000-row bulk load this index took 18.7 of the 24.9 s spent on indexes; at 24 M it
 * would add tens of minutes to `npm run load` (BENCHMARKS.md). Idempotent (OR REPLACE, IF NOT
 * EXISTS) so that a large table can get the index ahead of the migration, e.g. CONCURRENTLY.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE OR REPLACE FUNCTION vn_search_terms(folded text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN CASE WHEN btrim(folded) = '' THEN ''::tsvector ELSE array_to_tsvector(regexp_split_to_array(btrim(folded || ' ' ||
        regexp_replace(folded, '\\m([a-z0-9])[a-z0-9]*', '>\\1', 'g') || ' ' ||
        regexp_replace(folded, '\\m([a-z0-9]{2})[a-z0-9]*', '>\\1', 'g') || ' ' ||
        regexp_replace(folded, '\\m([a-z0-9]{3})[a-z0-9]*', '>\\1', 'g') || ' ' ||
        regexp_replace(folded, '\\m([a-z0-9]{4})[a-z0-9]*', '>\\1', 'g')), ' +')) END;

    -- the same text as search_vector (migration 20261123000700), so a match here is checked there
    CREATE OR REPLACE FUNCTION vn_address_terms(house_number text, street text, hamlet text, building text, landmark text, place_name text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN vn_search_terms(vn_fold(
        coalesce(house_number, '') || ' ' || coalesce(street, '') || ' ' || coalesce(hamlet, '') || ' ' ||
        coalesce(building, '') || ' ' || coalesce(landmark, '') || ' ' || coalesce(place_name, '')));

    CREATE INDEX IF NOT EXISTS addresses_search_terms_idx ON addresses
      USING gin (vn_address_terms(house_number, street, hamlet, building, landmark, place_name)) WHERE NOT private;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS addresses_search_terms_idx;
    DROP FUNCTION IF EXISTS vn_address_terms(text, text, text, text, text, text);
    DROP FUNCTION IF EXISTS vn_search_terms(text);
  `);
}
