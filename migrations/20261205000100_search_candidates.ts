import type { Knex } from 'knex';

/**
 * Search candidates at national scale (issue 8: 24 million addresses): an index that also knows
 * each address's ward, and a function that always reads candidates from it.
 *
 * The index: GIN over (coalesce(ward_code, ''), search_terms), through btree_gin (a trusted
 * extension of PostgreSQL's contrib, so the database owner may create it). Search restricts
 * candidates to wards when the query names a unit ("… Mỹ Tho", "… Hà Nội") and, with `near`,
 * when it looks in the wards around that point first (server/search/service.ts). With the index on
 * search_terms alone, PostgreSQL read a word's whole posting list and intersected it with the ward
 * b-tree: 167 ms for "nam" in two wards at 24 M, ~900,000 matches read for 300 wanted; with the
 * ward as a key of the same GIN index, 1 ms. The ward is an expression (coalesce) so that no other
 * index answers `ward = …`: given addresses_ward_code_idx, the planner would rather AND a word's
 * whole list with that b-tree. Queries on search_terms alone use the index as before (a multicolumn
 * GIN index serves any subset of its columns equally well): it replaces the old one under the same
 * name. Building it costs ~15 s more at 24 M.
 *
 * The function address_candidates: any `max_rows` addresses matching `index_terms`, with the whole
 * typed query checked on each (ts_match_vq, which no index answers).
 * - It sets `enable_seqscan = off` for its own statements. Written as a plain statement with LIMIT
 *   300, PostgreSQL may judge a sequential scan cheaper: it expects a lexeme in 1 % of 24 million
 *   rows to give 300 rows early in the table, not knowing that the check on the whole query passes
 *   few of them, and then reads all 24 million (5.7 s measured for "112 hung chan").
 * - It sets gin_fuzzy_search_limit (`sample`; 0 = every match) for its scan: GIN then hands back
 *   about that many of a lexeme's matches, at random, instead of all (server/search/candidate-plan.ts
 *   says when). Both settings end with the function.
 * - With wards, it asks ward by ward, in the order given (nearest first): each scan then starts
 *   from the ward's key, which the planner otherwise may leave out when it expects few matches
 *   of the words alone (113 ms instead of 1.7 ms for four common words in six wards).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE EXTENSION IF NOT EXISTS btree_gin;
    DROP INDEX IF EXISTS addresses_search_terms_idx;
    CREATE INDEX addresses_search_terms_idx ON addresses USING gin ((coalesce(ward_code, '')), search_terms) WHERE NOT private;

    CREATE FUNCTION address_candidates(index_terms tsquery, full_query tsquery, wards text[], sample integer, max_rows integer)
    RETURNS SETOF addresses LANGUAGE plpgsql STABLE
    SET enable_seqscan = off
    AS $$
    BEGIN
      PERFORM set_config('gin_fuzzy_search_limit', sample::text, true);
      IF wards IS NULL THEN
        RETURN QUERY
          SELECT * FROM addresses a
          WHERE NOT a.private AND a.search_terms @@ index_terms AND ts_match_vq(a.search_terms, full_query)
          LIMIT max_rows;
      ELSE
        RETURN QUERY
          SELECT a.* FROM unnest(wards) AS w(code), LATERAL (
            SELECT * FROM addresses a
            WHERE coalesce(a.ward_code, '') = w.code AND NOT a.private AND a.search_terms @@ index_terms
              AND ts_match_vq(a.search_terms, full_query)
            LIMIT max_rows
          ) a
          LIMIT max_rows;
      END IF;
    END $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  // btree_gin stays: other objects may have come to use it
  await knex.raw(`
    DROP FUNCTION IF EXISTS address_candidates(tsquery, tsquery, text[], integer, integer);
    DROP INDEX IF EXISTS addresses_search_terms_idx;
    CREATE INDEX addresses_search_terms_idx ON addresses USING gin (search_terms) WHERE NOT private;
  `);
}
