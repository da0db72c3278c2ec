import type { Knex } from 'knex';

/**
 * Staff may block only people active in their wards (docs/moderation.md, "Who may see what"):
 * the check asks whether someone wrote a version of an address there. address_versions grows
 * with every address (millions of rows, mostly written by the loader with no actor), so a partial
 * index on the actor keeps that question a few index reads instead of a scan.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX IF NOT EXISTS address_versions_actor_idx ON address_versions (actor_id) WHERE actor_id IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS address_versions_actor_idx');
}
