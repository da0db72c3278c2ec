import type { Knex } from 'knex';

/**
 * The search text of an address becomes one stored column kept by a row trigger, so that the bulk
 * loader can write it itself (issue 8: 24 million addresses loaded and indexed in 30 minutes).
 *
 * Before: two GIN indexes over computed values: `search_vector`, a generated column (vn_fold: unaccent,
 * NFC, a regular expression, per row), and the prefix index of 20261123001100 over an expression
 * (vn_fold again and four regular expressions). PostgreSQL computed both in every load and the second
 * in every index build: at 24 M rows that index alone took 24 minutes to build.
 *
 * Now one column, `search_terms`: the folded words and, as lexemes of their own, their first 1–4
 * characters ('>ng'); what vn_address_terms() gave. It answers everything search_vector did (a
 * full word or a prefix `ng:*` matches the words, never the '>' lexemes), so search_vector and its
 * index go: one wide column and one index build fewer per row. `addresses_search_text()` fills it
 * on INSERT and whenever one of the six text columns is updated: every writer (API, console import,
 * moderation, small loads) stays searchable as before. Only `npm run load` turns the trigger off,
 * for a large load, and writes the column computed in JavaScript (server/search/address-vectors.ts,
 * shown equal to this SQL by a property test); rows with characters only SQL folds exactly are
 * computed here.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE addresses ADD COLUMN search_terms tsvector;

    CREATE FUNCTION addresses_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_terms := vn_address_terms(NEW.house_number, NEW.street, NEW.hamlet, NEW.building, NEW.landmark, NEW.place_name);
      RETURN NEW;
    END $$;
    CREATE TRIGGER addresses_search_text BEFORE INSERT OR UPDATE OF house_number, street, hamlet, building, landmark, place_name
      ON addresses FOR EACH ROW EXECUTE FUNCTION addresses_search_text();

    -- the points do not move: the density triggers have nothing to count
    ALTER TABLE addresses DISABLE TRIGGER addresses_density_update;
    UPDATE addresses SET search_terms = vn_address_terms(house_number, street, hamlet, building, landmark, place_name);
    ALTER TABLE addresses ENABLE TRIGGER addresses_density_update;
    DROP INDEX IF EXISTS addresses_search_terms_idx;
    CREATE INDEX addresses_search_terms_idx ON addresses USING gin (search_terms) WHERE NOT private;
    DROP INDEX IF EXISTS addresses_search_idx;
    ALTER TABLE addresses DROP COLUMN search_vector;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE addresses ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      to_tsvector('simple'::regconfig, vn_fold(
        coalesce(house_number, '') || ' ' || coalesce(street, '') || ' ' || coalesce(hamlet, '') || ' ' ||
        coalesce(building, '') || ' ' || coalesce(landmark, '') || ' ' || coalesce(place_name, '')))
    ) STORED;
    CREATE INDEX addresses_search_idx ON addresses USING gin (search_vector) WHERE NOT private;
    DROP TRIGGER IF EXISTS addresses_search_text ON addresses;
    DROP FUNCTION IF EXISTS addresses_search_text();
    DROP INDEX IF EXISTS addresses_search_terms_idx;
    ALTER TABLE addresses DROP COLUMN IF EXISTS search_terms;
    CREATE INDEX addresses_search_terms_idx ON addresses
      USING gin (vn_address_terms(house_number, street, hamlet, building, landmark, place_name)) WHERE NOT private;
  `);
}
