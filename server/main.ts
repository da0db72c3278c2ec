/** Wires real resources: configuration, database (migrated and seeded), HTTP server, shutdown. */
import { pino } from 'pino';
import cluster from 'node:cluster';
import { createSmtpMailer } from './accounts/mailer.js';
import { createApp } from './app.js';
import { superviseWorkers } from './cluster.js';
import { ConfigError, loadConfig, requirePublicHost } from './config.js';
import { createKnex, migrateLatest } from './db/knex.js';
import { openDatabase, type Database } from './db/open.js';
import { createReadRouter } from './db/replicas.js';
import { applyServerLimits } from './http/server-limits.js';
import { loadReferenceData } from './ingest/reference-data.js';

const config = (() => {
  try {
    const loaded = loadConfig();
    requirePublicHost(loaded);
    return loaded;
  } catch (err) {
    // a refusal to start says what to set, without a stack trace
    if (!(err instanceof ConfigError)) throw err;
    console.error(`configuration: ${err.message}`);
    process.exit(1);
  }
})();
const logger = pino({ level: config.logLevel });
// knex's own warnings (connection errors during an outage) as log lines of their own, not console text
const knexLog = { warn: (m: string) => logger.warn(m), error: (m: string) => logger.error(m) };

/** Migrations and seeds, once per start (by the cluster's primary process when there are workers). */
async function prepareDatabase(db: Database) {
  const applied = await migrateLatest(db.knex);
  if (applied.length) logger.info({ applied }, 'migrations applied');
  if (config.autoSeed) await loadReferenceData(db.knex, { dataDir: config.dataDir, embedded: db.embedded, log: (msg) => logger.info(msg) });
}

if (cluster.isPrimary) {
  logger.info(config.databaseUrl ? 'database: PostgreSQL at DATABASE_URL' : `database: embedded PGlite in ${config.pgliteDir}`);
  if (config.databaseReadUrls.length) logger.info(`reads: ${config.databaseReadUrls.length} replica(s) at DATABASE_READ_URLS`);
}
if (cluster.isPrimary && config.apiWorkers > 1) {
  // several API processes (issue 8): this one prepares the database, then only supervises
  const db = await openDatabase(config);
  await prepareDatabase(db);
  await db.close();
  logger.info(`starting ${config.apiWorkers} API worker processes (API_WORKERS)`);
  superviseWorkers({ count: config.apiWorkers, logger });
} else {
  // the API's pools get query timeouts (STATEMENT_TIMEOUT_MS…); migrations and seeds, which run long, a pool without
  if (cluster.isPrimary && config.databaseUrl) {
    const setup = await openDatabase(config);
    await prepareDatabase(setup).finally(() => setup.close());
  }
  const db = await openDatabase(config, { timeouts: config.dbTimeouts, log: knexLog });
  if (cluster.isPrimary && !config.databaseUrl) await prepareDatabase(db); // embedded: no timeouts there (db/open.ts)
  await serve(db);
}

/** One API process: its pools (primary, replicas), the app, the listening socket, a graceful stop. */
async function serve(db: Database) {
  const reads = config.databaseReadUrls.length
    ? createReadRouter({
        primary: db.knex,
        replicas: config.databaseReadUrls.map((url, i) => ({
          name: `replica${i + 1}`,
          knex: createKnex(url, config.dbPoolMax, { timeouts: config.dbTimeouts, connectTimeoutMs: 2000, log: knexLog }),
        })),
        prepared: !db.embedded,
        maxLagMs: config.replicaMaxLagMs,
        logger,
      })
    : undefined;
  const mailer = config.mail ? createSmtpMailer(config.mail.smtpUrl, config.mail.from) : null;
  const app = createApp({
    knex: db.knex,
    logger,
    embedded: db.embedded,
    logRequests: config.logRequests,
    publicUrl: config.publicUrl,
    allowedHosts: config.allowedHosts,
    mapStyleUrl: config.mapStyleUrl,
    mapConnectSrc: config.mapConnectSrc,
    proposalsPerDay: config.proposalsPerDay,
    dataDir: config.dataDir,
    limits: config.limits,
    trustProxy: config.trustProxy,
    reads,
    readYourWritesMs: config.readYourWritesMs,
    authThrottle: config.authThrottle,
    mailer,
    appUrl: config.appUrl,
    passwordResetMinutes: config.passwordResetMinutes,
  });
  await app.warm(); // ward boundaries and gazetteers into memory before the first request
  const server = app.listen(config.port, config.host, () => {
    logger.info(`listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);
  });
  applyServerLimits(server, config.httpTimeouts);

  let stopping = false;
  async function shutdown(signal: string) {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    server.close(async () => {
      await app.flushUsage().catch((err) => logger.warn({ err }, 'could not write the last API usage'));
      await reads?.close();
      mailer?.close();
      await db.close();
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
    // a keep-alive connection turns idle when its last answer ends: close it then, not keepAliveTimeout later
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => process.exit(1), 15_000).unref();
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
