import type { Knex } from 'knex';

export function createHealthRepository(knex: Knex) {
  return {
    /** How many of these migrations have run, and how many wards are seeded: one round trip. */
    async readiness(migrationNames: string[]): Promise<{ migrations: number; wards: number }> {
      const result = await knex.raw(
        `SELECT (SELECT count(*)::int FROM knex_migrations WHERE name = ANY(?)) AS migrations,
                (SELECT count(*)::int FROM wards) AS wards`,
        [migrationNames],
      );
      return result.rows[0];
    },
  };
}
export type HealthRepository = ReturnType<typeof createHealthRepository>;
