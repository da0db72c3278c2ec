import type { Knex } from 'knex';

/**
 * Search (issue 5).
 * - vn_fold(text): the matching form of Vietnamese text in SQL: NFC, diacritics off (đ → d, so tone
 *   placement "Hoà"/"Hòa" stops mattering), lower case, apostrophes dropped, punctuation → one space.
 *   The same function folds stored text and queries, so both sides always agree. unaccent() is only
 *   STABLE (its dictionary could change); naming the dictionary makes the wrapper safe to index.
 * - addresses.search_vector: house number, street, hamlet, building, landmark and place name as
 *   'simple' lexemes of the folded text, kept by PostgreSQL itself (a generated column), so every
 *   writer (API, console import, bench COPY) stays searchable. GIN over public addresses only:
 *   private addresses are never searchable.
 * - vn_street_key(text): a street name without its type word, indexed on addresses to find the
 *   house numbers already known on a street.
 * - addresses (code text_pattern_ops): partial codes ("7Q2-K…") by prefix.
 * - streets: named OSM roads cut by 2025 ward, with their length in each ward and a point on the
 *   road, rebuilt by the map-layer seed. Search answers street names with it, and the parser uses it
 *   to place "59 Phố Quốc Tử Giám" (no unit written) in its ward; a trigram index on its key finds
 *   misspelt street names.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION vn_fold(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN btrim(regexp_replace(
        lower(public.unaccent('public.unaccent'::regdictionary, replace(replace(normalize(t, NFC), '’', ''), '''', ''))),
        '[^a-z0-9]+', ' ', 'g'));

    -- A street's name without its type word ("Phố Tôn Đức Thắng" and "Tôn Đức Thắng" meet, as do
    -- "Ngõ Lương Sử C" and "Lương Sử C"), and with a syllable-final y after a consonant read as i
    -- ("Ngô Sỹ Liên" / "Ngô Sĩ Liên", "Lý" / "Lí": both spellings are in use).
    CREATE FUNCTION vn_street_key(t text) RETURNS text
      LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
      RETURN regexp_replace(
        regexp_replace(vn_fold(t), '^((duong|pho|street|st|road|rd|dai lo|avenue|ngo|ngach|hem|kiet) )+', ''),
        '\\m([bcdghklmnpqrstvx]+)y\\M', '\\1i', 'g');

    ALTER TABLE addresses ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
      to_tsvector('simple'::regconfig, vn_fold(
        coalesce(house_number, '') || ' ' || coalesce(street, '') || ' ' || coalesce(hamlet, '') || ' ' ||
        coalesce(building, '') || ' ' || coalesce(landmark, '') || ' ' || coalesce(place_name, '')))
    ) STORED;
    CREATE INDEX addresses_search_idx ON addresses USING gin (search_vector) WHERE NOT private;
    -- house numbers known on a street, for placing "61 Tôn Đức Thắng" on the right side of a ward boundary
    CREATE INDEX addresses_street_key_idx ON addresses (vn_street_key(street)) WHERE NOT private AND street IS NOT NULL;
    CREATE INDEX addresses_code_prefix_idx ON addresses (code text_pattern_ops) WHERE NOT private;

    CREATE TABLE streets (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name          text NOT NULL,
      key           text NOT NULL,
      ward_code     text NOT NULL,
      province_code text NOT NULL,
      length_m      double precision NOT NULL,
      geom          geometry(Point, 4326) NOT NULL,
      search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, key)) STORED,
      UNIQUE (key, ward_code, name)
    );
    CREATE INDEX streets_search_idx ON streets USING gin (search_vector);
    -- misspelt street names ("nguyen dinh chieuu"), when full-text finds nothing
    CREATE INDEX streets_key_trgm_idx ON streets USING gin (key gin_trgm_ops);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TABLE IF EXISTS streets;
    DROP INDEX IF EXISTS addresses_code_prefix_idx;
    ALTER TABLE addresses DROP COLUMN IF EXISTS search_vector;
    DROP INDEX IF EXISTS addresses_street_key_idx;
    DROP FUNCTION IF EXISTS vn_street_key(text);
    DROP FUNCTION IF EXISTS vn_fold(text);
  `);
}
