/**
 * Builds the Express app from its dependencies, without listening or connecting: main.ts wires
 * real resources, tests wire theirs. Each domain contributes a list of declared routes.
 */
import express from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { addressesRoutes } from './addresses/routes.js';
import { createAdminDirectory } from './admin/directory.js';
import { createAdminRepository } from './admin/repository.js';
import { createAddressesRepository } from './addresses/repository.js';
import { codesRoutes } from './codes/routes.js';
import { createCodesRepository } from './codes/repository.js';
import { createCodesService } from './codes/service.js';
import { createSqlRunner } from './db/query.js';
import { healthRoutes } from './health/routes.js';
import { buildOpenApi } from './http/openapi.js';
import { errorHandler, notFoundHandler } from './http/problem.js';
import { mountRoutes, route, type AnyRouteSpec } from './http/route.js';
import { metaRoutes } from './meta/routes.js';

export type AppDeps = {
  knex: Knex;
  logger: Logger;
  /** Named prepared statements: true on real PostgreSQL, false on the embedded database. */
  preparedStatements: boolean;
  logRequests?: boolean;
};

export function createApp({ knex, logger, preparedStatements, logRequests = false }: AppDeps) {
  const sql = createSqlRunner(knex, { prepared: preparedStatements });
  const admin = createAdminDirectory(createAdminRepository(knex));
  const codes = createCodesService({ repo: createCodesRepository(sql), admin });

  const routes: AnyRouteSpec[] = [
    // the hottest routes first: Express tries routes in order
    ...codesRoutes(codes),
    ...addressesRoutes({ repo: createAddressesRepository(sql), codes, admin }),
    ...healthRoutes(knex),
    ...metaRoutes(),
  ];
  routes.push(
    route({
      method: 'get',
      path: '/openapi.json',
      tags: ['meta'],
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: { description: 'OpenAPI 3.1 document' } },
      handler: () => openapi,
    }),
  );
  const openapi = buildOpenApi(routes, {
    title: 'Vietnam digital address codes (mã địa chỉ số)',
    version: '1.0.0',
    description: 'Coordinate-based address codes for Vietnam on H3 resolution-14 cells. See docs/address-code.md.',
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // lookups are cheap; conditional requests come with the API product (issue 7)
  app.set('query parser', 'simple');
  if (logRequests) {
    app.use((req, res, next) => {
      const start = process.hrtime.bigint();
      res.on('finish', () => logger.info({ method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6 }, 'request'));
      next();
    });
  }
  mountRoutes(app, routes);
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return Object.assign(app, { admin });
}
