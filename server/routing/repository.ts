/** The road network as the router reads it: road_edges with each profile's costs, and the version an import bumps. */
import type { Knex } from 'knex';
import type { EdgeRow } from './graph.js';
import { PROFILES } from './profiles.js';

export function createRoadsRepository(knex: Knex) {
  return {
    async version(): Promise<number> {
      const { rows } = await knex.raw("SELECT coalesce((SELECT version FROM reference_versions WHERE name = 'roads'), 0)::int AS version");
      return rows[0].version;
    },
    async edges(): Promise<EdgeRow[]> {
      const cols = PROFILES.map((p) => `${p}_cost, ${p}_reverse_cost`).join(', ');
      const { rows } = await knex.raw(
        `SELECT id, source, target, name, highway, length_m, ${cols}, ST_AsGeoJSON(geom, 9) AS line FROM road_edges ORDER BY id`,
      );
      return (rows as Record<string, unknown>[]).map((r) => ({
        id: r.id as number,
        source: r.source as number,
        target: r.target as number,
        name: r.name as string | null,
        highway: r.highway as string,
        lengthM: r.length_m as number,
        costs: Object.fromEntries(
          PROFILES.map((p) => [p, { forward: r[`${p}_cost`] as number, backward: r[`${p}_reverse_cost`] as number }]),
        ) as EdgeRow['costs'],
        coords: (JSON.parse(r.line as string).coordinates as number[][]).flat(),
      }));
    },
  };
}
export type RoadsRepository = ReturnType<typeof createRoadsRepository>;
