/** Wires real resources: configuration, database (migrated and seeded), HTTP server, shutdown. */
import { pino } from 'pino';
import { seedAdminUnits } from '../seed/admin-units.js';
import { importRoads, roadsMissing, seedRoadFiles } from '../seed/roads.js';
import { buildStreets, mapLayersSeeded, seedMapLayers, streetsMissing } from '../seed/map-layers.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { migrateLatest } from './db/knex.js';
import { isSeeded, openDatabase } from './db/open.js';

const config = loadConfig();
const logger = pino({ level: config.logLevel });

logger.info(config.databaseUrl ? 'database: PostgreSQL at DATABASE_URL' : `database: embedded PGlite in ${config.pgliteDir}`);
const db = await openDatabase(config);
const applied = await migrateLatest(db.knex);
if (applied.length) logger.info({ applied }, 'migrations applied');
if (config.autoSeed && !(await isSeeded(db.knex))) {
  await seedAdminUnits(db.knex, config.dataDir, (msg) => logger.info(msg));
}
if (config.autoSeed && !(await mapLayersSeeded(db.knex))) {
  await seedMapLayers(db.knex, config.dataDir, (msg) => logger.info(msg));
}
if (config.autoSeed && (await streetsMissing(db.knex))) logger.info(`seed: ${await buildStreets(db.knex)} street pieces`);
if (config.autoSeed && (await roadsMissing(db.knex))) {
  const roads = await importRoads(db.knex, seedRoadFiles(config.dataDir), { embedded: db.embedded });
  logger.info(`seed: road network: ${roads.edges} edges from ${roads.ways} OSM ways (npm run import:osm -- FILE.osm.pbf for more)`);
}

const app = createApp({ knex: db.knex, logger, embedded: db.embedded, logRequests: config.logRequests, publicUrl: config.publicUrl, mapStyleUrl: config.mapStyleUrl, proposalsPerDay: config.proposalsPerDay, dataDir: config.dataDir, limits: config.limits, trustProxy: config.trustProxy });
await app.warm(); // ward boundaries and gazetteers into memory before the first request
const server = app.listen(config.port, config.host, () => {
  logger.info(`listening on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down: finishing requests in flight');
  server.close(async () => {
    await app.flushUsage().catch((err) => logger.warn({ err }, 'could not write the last API usage'));
    await db.close();
    logger.info('stopped');
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(1), 15_000).unref();
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
