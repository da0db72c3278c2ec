import type { Knex } from 'knex';

/**
 * An address's street key (vn_street_key(street): folded, without its type word, syllable-final
 * y after a consonant as i) becomes a stored column, `street_key`, kept by the same row trigger as
 * the search terms (addresses_search_text), and its index a plain b-tree over it.
 *
 * Before: an expression index on vn_street_key(street) (migration 20261123000700), which made
 * PostgreSQL run unaccent, NFC and three regular expressions per row in every index build: at 24
 * million rows 141–149 s of the bulk load (BENCHMARKS.md). Now `npm run load` writes the key it
 * computes in JavaScript (server/search/address-vectors.ts, streetKeyForIndex, shown equal to the
 * SQL by a property test), and the index build only reads stored text. Every other writer (API,
 * console import, moderation, small loads) gets it from the trigger, on insert and whenever the
 * street changes. The searches that read it (known house numbers on a street, batch matching) ask
 * `street_key` instead of the expression.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE addresses ADD COLUMN street_key text;

    CREATE OR REPLACE FUNCTION addresses_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_terms := vn_address_terms(NEW.house_number, NEW.street, NEW.hamlet, NEW.building, NEW.landmark, NEW.place_name);
      NEW.street_key := vn_street_key(NEW.street);
      RETURN NEW;
    END $$;

    -- the points do not move: the density triggers have nothing to count
    ALTER TABLE addresses DISABLE TRIGGER addresses_density_update;
    UPDATE addresses SET street_key = vn_street_key(street) WHERE street IS NOT NULL;
    ALTER TABLE addresses ENABLE TRIGGER addresses_density_update;
    DROP INDEX IF EXISTS addresses_street_key_idx;
    CREATE INDEX addresses_street_key_idx ON addresses (street_key) WHERE NOT private AND street_key IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS addresses_street_key_idx;
    CREATE OR REPLACE FUNCTION addresses_search_text() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_terms := vn_address_terms(NEW.house_number, NEW.street, NEW.hamlet, NEW.building, NEW.landmark, NEW.place_name);
      RETURN NEW;
    END $$;
    ALTER TABLE addresses DROP COLUMN IF EXISTS street_key;
    CREATE INDEX addresses_street_key_idx ON addresses (vn_street_key(street)) WHERE NOT private AND street IS NOT NULL;
  `);
}
