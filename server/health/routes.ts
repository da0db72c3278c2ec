import type { Knex } from 'knex';
import { z } from 'zod';
import { MIGRATION_NAMES } from '../../migrations/index.js';
import { Problem } from '../http/problem.js';
import { route } from '../http/route.js';

const Status = z.object({ status: z.string(), migrations: z.number().int().optional(), wards: z.number().int().optional() });

export function healthRoutes(knex: Knex) {
  return [
    route({
      method: 'get',
      path: '/healthz',
      tags: ['health'],
      summary: 'The process is up',
      responses: { 200: { description: 'Up', schema: Status } },
      handler: () => ({ status: 'ok' }),
    }),
    route({
      method: 'get',
      path: '/readyz',
      tags: ['health'],
      summary: 'The database is reachable, migrated and seeded',
      responses: { 200: { description: 'Ready', schema: Status }, 503: { description: 'Not ready', contentType: 'application/problem+json' } },
      handler: async () => {
        const notReady = (detail: string) =>
          new Problem(503, 'service-unavailable', 'Not ready', detail, {}, { 'Retry-After': '5' });
        let row: { migrations: number; wards: number };
        try {
          const result = await knex.raw(
            `SELECT (SELECT count(*)::int FROM knex_migrations WHERE name = ANY(?)) AS migrations,
                    (SELECT count(*)::int FROM wards) AS wards`,
            [MIGRATION_NAMES],
          );
          row = result.rows[0];
        } catch {
          throw notReady('The database is not reachable or not migrated.');
        }
        if (row.migrations !== MIGRATION_NAMES.length) throw notReady('Migrations are pending.');
        if (row.wards === 0) throw notReady('Administrative units are not seeded yet.');
        return { status: 'ready', migrations: row.migrations, wards: row.wards };
      },
    }),
  ];
}
