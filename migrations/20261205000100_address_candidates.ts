import type { Knex } from 'knex';

/**
 * Search candidates through a function, so that they always come from the GIN index.
 *
 * Search asks for any 300 addresses matching some lexemes ('hung', or '112' & 'hung' & '>chan'),
 * with the whole typed query checked on each (ts_match_vq, which no index answers). Written as a
 * plain statement with LIMIT 300, PostgreSQL may judge a sequential scan cheaper: it expects the
 * lexeme to match 1 % of 24 million rows and so 300 rows early in the table, not knowing that
 * the check on the whole query passes only a few of them, and then reads all 24 million (5.7 s
 * measured for "112 hung chan" at 24 M). A function may set `enable_seqscan = off` for its own
 * statement, which leaves the planner the index. It also sets gin_fuzzy_search_limit (`sample`;
 * 0 = every match) for its scan only: GIN then hands back about that many of a lexeme's matches,
 * chosen at random, instead of all of them (server/search/repository.ts says when that is used).
 * Both settings end with the function.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION address_candidates(index_terms tsquery, full_query tsquery, wards text[], sample integer, max_rows integer)
    RETURNS SETOF addresses LANGUAGE plpgsql STABLE
    SET enable_seqscan = off
    AS $$
    BEGIN
      PERFORM set_config('gin_fuzzy_search_limit', sample::text, true);
      RETURN QUERY
        SELECT * FROM addresses a
        WHERE NOT a.private AND a.search_terms @@ index_terms AND ts_match_vq(a.search_terms, full_query)
          AND (wards IS NULL OR a.ward_code = ANY (wards))
        LIMIT max_rows;
    END $$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP FUNCTION IF EXISTS address_candidates(tsquery, tsquery, text[], integer, integer)');
}
