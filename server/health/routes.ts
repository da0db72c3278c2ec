import { z } from 'zod';
import { MIGRATION_NAMES } from '../../migrations/index.js';
import { Problem, problem } from '../http/problem.js';
import { route } from '../http/route.js';
import type { HealthRepository } from './repository.js';

const Status = z.object({ status: z.string(), migrations: z.number().int().optional(), wards: z.number().int().optional() });

export function healthRoutes(repo: HealthRepository) {
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
      responses: { 200: { description: 'Ready', schema: Status }, 503: problem('Not ready') },
      handler: async () => {
        const notReady = (detail: string) => new Problem(503, 'service-unavailable', 'Not ready', detail, {}, { 'Retry-After': '5' });
        let row: { migrations: number; wards: number };
        try {
          row = await repo.readiness(MIGRATION_NAMES);
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
