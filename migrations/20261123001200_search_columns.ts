import type { Knex } from 'knex';

/**
 * Both search vectors of an address become stored columns kept by a row trigger, so that the bulk
 * loader can write them itself (issue 8: 24 million addresses loaded and indexed in 30 minutes).
 *
 * Before: `search_vector` was a generated column and the prefix index of 20261123001100 an index
 * over an expression; PostgreSQL computed vn_fold (unaccent, NFC, a regular expression) for the
 * first and vn_fold plus four regular expressions for the second, per row, in every load and every
 * index build. At 24 M rows the expression index alone took 24 minutes to build.
 *
 * Now:
 * - `search_vector` stays, as a plain column (DROP EXPRESSION keeps its values);
 * - `search_terms` (new) holds what vn_address_terms() gave: the words and their 1–4 character
 *   prefixes ('>ng'), indexed by GIN over public addresses like search_vector;
 * - `addresses_search_text()` fills both on INSERT and whenever one of the six text columns is
 *   updated, from one vn_fold of the text: every writer (API, console import, moderation, small
 *   loads) stays searchable as before. Only `npm run load` turns the trigger off, for a large load,
 *   and writes the columns computed in JavaScript (server/search/address-vectors.ts, shown equal to
 *   this SQL by a property test); rows with characters only SQL folds exactly are computed here.
 */
const TEXT = `coalesce(NEW.house_number, '') || ' ' || coalesce(NEW.street, '') || ' ' || coalesce(NEW.hamlet, '') || ' ' ||
        coalesce(NEW.building, '') || ' ' || coalesce(NEW.landmark, '') || ' ' || coalesce(NEW.place_name, '')`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE addresses ALTER COLUMN search_vector DROP EXPRESSION;
    ALTER TABLE addresses ADD COLUMN search_terms tsvector;

    CREATE FUNCTION addresses_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE folded text := vn_fold(${TEXT});
    BEGIN
      NEW.search_vector := to_tsvector('simple'::regconfig, folded);
      NEW.search_terms := vn_search_terms(folded);
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
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER IF EXISTS addresses_search_text ON addresses;
    DROP FUNCTION IF EXISTS addresses_search_text();
    DROP INDEX IF EXISTS addresses_search_terms_idx;
    ALTER TABLE addresses DROP COLUMN IF EXISTS search_terms;
    ALTER TABLE addresses DROP COLUMN IF EXISTS search_vector;
    ALTER TABLE addresses ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      to_tsvector('simple'::regconfig, vn_fold(
        coalesce(house_number, '') || ' ' || coalesce(street, '') || ' ' || coalesce(hamlet, '') || ' ' ||
        coalesce(building, '') || ' ' || coalesce(landmark, '') || ' ' || coalesce(place_name, '')))
    ) STORED;
    CREATE INDEX IF NOT EXISTS addresses_search_idx ON addresses USING gin (search_vector) WHERE NOT private;
    CREATE INDEX addresses_search_terms_idx ON addresses
      USING gin (vn_address_terms(house_number, street, hamlet, building, landmark, place_name)) WHERE NOT private;
  `);
}
