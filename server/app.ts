/**
 * Builds the Express app from its dependencies, without listening or connecting: main.ts wires
 * real resources, tests wire theirs. Each domain contributes a list of declared routes.
 */
import zlib from 'node:zlib';
import compression from 'compression';
import express from 'express';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { attachViewer, rejectCrossSite } from './accounts/middleware.js';
import { createAccountsRepository } from './accounts/repository.js';
import { accountsRoutes } from './accounts/routes.js';
import type { Mailer } from './accounts/mailer.js';
import { passwordRoutes } from './accounts/password-routes.js';
import { warmPasswordCheck } from './accounts/password-strength.js';
import { createRecoveryService } from './accounts/recovery.js';
import { createSecurityRepository } from './accounts/security-repository.js';
import { createSignInService } from './accounts/sign-in.js';
import { batchRoutes } from './batch/routes.js';
import { createAccountsService } from './accounts/service.js';
import { addressesRoutes } from './addresses/routes.js';
import { createAddressesService } from './addresses/service.js';
import { createAdminDirectory } from './admin/directory.js';
import { createAdminRepository } from './admin/repository.js';
import { createAddressesRepository } from './addresses/repository.js';
import { codesRoutes } from './codes/routes.js';
import { createCodesRepository } from './codes/repository.js';
import { createCodesService } from './codes/service.js';
import { createSqlRunner } from './db/query.js';
import type { ReadRouter } from './db/replicas.js';
import { createHealthRepository } from './health/repository.js';
import { healthRoutes } from './health/routes.js';
import { buildOpenApi, OpenApiDocument } from './http/openapi.js';
import { errorHandler, notFoundHandler } from './http/problem.js';
import { readYourWrites } from './http/read-your-writes.js';
import { baseSecurityHeaders, limitUrlLength, pageSecurityHeaders } from './http/security.js';
import { mountRoutes, route, type AnyRouteSpec } from './http/route.js';
import { metaRoutes } from './meta/routes.js';
import { buildGazetteer } from './search/gazetteer.js';
import { loadGazetteerInput } from './search/gazetteer-source.js';
import { searchRoutes } from './search/routes.js';
import { routingRoutes } from './routing/routes.js';
import { createRoadsRepository } from './routing/repository.js';
import { createRoutingService } from './routing/service.js';
import { createSearchRepository } from './search/repository.js';
import { createSearchService } from './search/service.js';
import { adminRoutes } from './admin/routes.js';
import { createWardsRepository } from './wards/repository.js';
import { wardsRoutes } from './wards/routes.js';
import { createWardsService } from './wards/service.js';
import { createProposalsRepository } from './proposals/repository.js';
import { proposalsRoutes } from './proposals/routes.js';
import { createProposalsService } from './proposals/service.js';
import { mountStatic, pageRoutes } from './pages/routes.js';
import { shareRoutes } from './share/routes.js';
import { createShareService } from './share/service.js';
import type { Limits } from './config.js';
import { keyGate, apiKeyOf } from './keys/gate.js';
import { createMeter } from './keys/meter.js';
import { createKeysRepository } from './keys/repository.js';
import { keysRoutes } from './keys/routes.js';
import { createKeysService } from './keys/service.js';
import { forbidden } from './http/problem.js';
import { accessOf } from './http/route.js';
import { API_DESCRIPTION, docsRoutes, mountDocsAssets } from './docs/routes.js';
import { createTilesRepository } from './tiles/repository.js';
import { tilesRoutes } from './tiles/routes.js';
import { createOgcRepository } from './ogc/repository.js';
import { ogcRoutes } from './ogc/routes.js';
import { createOgcService } from './ogc/service.js';
import { publicUrls } from './http/public-url.js';
import { createTilesService } from './tiles/service.js';

export type AppDeps = {
  knex: Knex;
  logger: Logger;
  /**
   * The embedded database (PGlite) shares one backend between connections, so statements run
   * unnamed there, and its PostGIS lacks ST_AsMVT, so tiles are encoded in JavaScript.
   */
  embedded: boolean;
  logRequests?: boolean;
  /** PUBLIC_URL: the base of every absolute link (share links, QR codes, OGC); else the request's host. */
  publicUrl?: string;
  /** ALLOWED_HOSTS: Host headers answered (others get 400); links then use the request's own host. */
  allowedHosts?: readonly string[];
  /** An external MapLibre style for the web app instead of the built-in offline one. */
  mapStyleUrl?: string;
  /** More origins the web app's map may fetch from (an external style's tiles, glyphs, sprites): the CSP's connect-src. */
  mapConnectSrc?: readonly string[];
  /** How many proposals a household may send per 24 hours. */
  proposalsPerDay?: number;
  /** Where the crosswalk and unit lists lie, for the address parser (built on first use). */
  dataDir?: string;
  /** API rate limits and quotas (RATE_LIMIT and friends); off when not given. */
  limits?: Limits;
  /** How often metered API-key usage is written (ms). */
  meterFlushMs?: number;
  /** Express "trust proxy" (TRUST_PROXY): whose address req.ip is behind a reverse proxy. */
  trustProxy?: string | number | boolean;
  /** The clock of rate-limit windows (tests fix it). */
  clock?: () => number;
  /** Read replicas (DATABASE_READ_URLS): the hot read paths read through this router; everything else uses `knex` (the primary). */
  reads?: ReadRouter;
  /** With replicas: how long a writer's reads stay on the primary (ms). */
  readYourWritesMs?: number;
  /** The sign-in throttle (AUTH_THROTTLE): off unless given, like `limits` (tests and tools); main.ts passes the configured one. */
  authThrottle?: boolean;
  /** Account mail (SMTP_URL, MAIL_FROM): reset links, taken-address warnings. None: nothing is mailed, self-service reset answers 503. */
  mailer?: Mailer | null;
  /** The base of links in mails: PUBLIC_URL, else http://localhost:PORT (never a request's Host header, which anyone can set). */
  appUrl?: string;
  /** How long a password reset link works (PASSWORD_RESET_MINUTES). */
  passwordResetMinutes?: number;
};

/** Limits are off unless given (tests and tools); main.ts passes the configured ones. */
const NO_LIMITS: Limits = { enabled: false, anonymousPerMinute: 0, keyPerMinute: 0, keyPerDay: 0 };

export function createApp({
  knex,
  logger,
  embedded,
  logRequests = false,
  publicUrl,
  allowedHosts,
  mapStyleUrl,
  mapConnectSrc,
  proposalsPerDay = 30,
  dataDir,
  limits = NO_LIMITS,
  meterFlushMs = 5000,
  trustProxy = false,
  clock = Date.now,
  reads,
  readYourWritesMs = 5000,
  authThrottle = false,
  mailer = null,
  appUrl,
  passwordResetMinutes = 30,
}: AppDeps) {
  const sql = createSqlRunner(knex, { prepared: !embedded });
  // every absolute link and the CSRF check's own origin come from here, never from a handler's own reading of Host
  const urls = publicUrls({ publicUrl, allowedHosts });
  // lookups, reverse, search, tiles, batches: from a replica when there are any (keys and counters stay on `sql`, the primary)
  const readSql = reads?.sql ?? sql;
  const adminRepo = createAdminRepository(knex);
  const admin = createAdminDirectory(adminRepo);
  const codes = createCodesService({ repo: createCodesRepository(readSql), admin });
  const accountsRepo = createAccountsRepository(knex);
  const accounts = createAccountsService(accountsRepo);
  const signInDeps = {
    repo: accountsRepo,
    security: createSecurityRepository(knex),
    accounts,
    throttle: authThrottle,
    now: clock,
    mailer,
    logger,
    appUrl: (appUrl ?? publicUrl ?? 'http://localhost:3000').replace(/\/$/, ''),
  };
  const signIn = createSignInService(signInDeps);
  const recovery = createRecoveryService({ ...signInDeps, resetMinutes: passwordResetMinutes });
  const addresses = createAddressesService({ knex, repo: createAddressesRepository(readSql), codes, admin });
  const proposals = createProposalsService({ knex, repo: createProposalsRepository(knex), codes, admin, perDay: proposalsPerDay });
  const routing = createRoutingService({ repo: createRoadsRepository(knex), codes });
  const keysRepo = createKeysRepository(knex, sql);
  const meter = createMeter(keysRepo, { flushMs: meterFlushMs, onError: (e) => logger.warn({ err: e }, 'usage metering failed') });
  const gazetteer = dataDir ? once(async () => buildGazetteer(await loadGazetteerInput(dataDir))) : null;
  const search = gazetteer
    ? { gazetteer, admin, service: createSearchService({ gazetteer, repo: createSearchRepository(readSql), admin, codes }) }
    : null;

  const routes: AnyRouteSpec[] = [
    // the hottest routes first: Express tries routes in order (QR before /v1/codes/:code/:unit)
    ...shareRoutes({ service: createShareService({ codes }), urls }),
    ...codesRoutes(codes),
    ...addressesRoutes(addresses),
    ...proposalsRoutes(proposals),
    ...wardsRoutes(createWardsService({ knex, repo: createWardsRepository(knex), admin })),
    ...adminRoutes(adminRepo),
    ...(search ? searchRoutes(search) : []),
    ...batchRoutes({ codes, search: search?.service ?? null, admin, sql: readSql }),
    ...routingRoutes(routing),
    ...keysRoutes(createKeysService({ knex, repo: keysRepo })),
    ...accountsRoutes(accounts, signIn, { publicUrl }),
    ...passwordRoutes(accounts, recovery, { publicUrl }),
    ...tilesRoutes(createTilesService(createTilesRepository(readSql, { nativeMvt: () => !embedded }))),
    ...ogcRoutes({ service: createOgcService(createOgcRepository(knex)), siteBase: urls.base }),
    ...healthRoutes(createHealthRepository(knex)),
    ...metaRoutes({ mapStyleUrl }),
    ...docsRoutes(),
  ];
  routes.push(
    route({
      method: 'get',
      path: '/openapi.json',
      tags: ['meta'],
      summary: 'This OpenAPI 3.1 document',
      responses: { 200: { description: 'OpenAPI 3.1 document', schema: OpenApiDocument } },
      handler: () => openapi,
    }),
  );
  const pages = pageRoutes({ codes, urls });
  const openapi = buildOpenApi([...routes, ...pages], {
    title: 'Vietnam digital address codes (mã địa chỉ số)',
    version: '1.0.0',
    description: API_DESCRIPTION,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false); // lookups are cheap; conditional requests come with the API product (issue 7)
  app.set('query parser', 'simple');
  app.set('trust proxy', trustProxy);
  // absurd URLs get 414; every response a few security headers (the web app's CSP and the rest below, before its files)
  const security = { mapStyleUrl, mapConnectSrc, publicUrl };
  app.use(limitUrlLength, baseSecurityHeaders(security), urls.checkHost);
  // gzip/brotli at their fastest levels for the large JSON answers (a batch of 1,000 codes shrinks
  // about tenfold): batches, OGC, search, routing, units, the API description. Not on single
  // lookups (about 1 KB): wrapping every response costs more throughput than it saves bytes there.
  // Files come precompressed.
  const compress = compression({ threshold: 1024, level: 1, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } } });
  app.use(
    [
      '/v1/codes/lookup',
      '/v1/batch',
      '/v1/reverse',
      '/v1/search',
      '/v1/route',
      '/v1/routes',
      '/v1/admin',
      '/v1/wards',
      '/v1/addresses',
      '/ogc',
      '/openapi.json',
      '/docs/assets',
    ],
    compress,
  );
  if (logRequests) {
    app.use((req, res, next) => {
      const start = process.hrtime.bigint();
      res.on('finish', () =>
        logger.info(
          { method: req.method, url: req.originalUrl, status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6 },
          'request',
        ),
      );
      next();
    });
  }
  app.use(keyGate({ repo: keysRepo, limits, meter, now: clock }), attachViewer(accountsRepo), rejectCrossSite(urls.origin));
  // with read replicas: writes and the writer's next reads go to the primary (issue 8); nothing without them
  if (reads?.hasReplicas) {
    const readPosts = new Set(
      routes.filter((r) => r.method !== 'get' && accessOf(r) === 'read').map((r) => `${r.method.toUpperCase()} ${r.path}`),
    );
    app.use(readYourWrites({ router: reads, stickyMs: readYourWritesMs, markKeyWrite: keysRepo.markWrite, readPosts, keyOf: apiKeyOf }));
  }
  mountRoutes(app, routes, {
    authorize: (spec, req) => {
      const key = apiKeyOf(req);
      if (key && key.scope === 'read' && accessOf(spec) === 'write')
        throw forbidden('This API key is read-only; this request needs a key with the write scope.');
    },
  });
  mountDocsAssets(app); // /docs/assets: the documentation page's renderer, from node_modules
  app.use(pageSecurityHeaders(security)); // the web app's files and pages (and 404s): helmet with a strict CSP
  mountStatic(app);
  mountRoutes(app, pages); // after the API and the files: /{code} matches any single path segment
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return Object.assign(app, {
    admin,
    /** Every declared route (API and pages) and the OpenAPI document built from them: tests check real responses against these. */
    routeSpecs: [...routes, ...pages] as readonly AnyRouteSpec[],
    openapi,
    /** Writes metered API-key usage now (graceful shutdown, tests). */
    flushUsage: () => meter.flush(),
    /** Reference data into memory before the first request: ward boundaries, the road graph, and the gazetteers when search is on. */
    warm: async () => {
      await admin.warm();
      await warmPasswordCheck();
      await search?.service.warm();
      await routing.warm();
    },
  });
}

/** A lazy value computed once; a failure is not cached, so the next call tries again. */
function once<T>(make: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | null = null;
  return () =>
    (value ??= make().catch((err) => {
      value = null;
      throw err;
    }));
}
