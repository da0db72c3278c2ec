import type { Knex } from 'knex';

/**
 * A version number per reference data set. The seed bumps 'admin_units' whenever it (re)loads
 * the units; API processes, which keep the ward boundaries in memory for fast point-in-polygon,
 * notice the change and reload, so a boundary reform needs no restart.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE reference_versions (
      name       text PRIMARY KEY,
      version    bigint NOT NULL DEFAULT 1,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    INSERT INTO reference_versions (name, version) SELECT 'admin_units', 1 WHERE EXISTS (SELECT 1 FROM wards);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS reference_versions;');
}
