/**
 * `npm run seed`: reloads the administrative units and the map layers from DATA_DIR (safe to run
 * again after a reform or with new extracts), then builds the street gazetteer and the road network
 * if they are missing: the same sequence as the server's start (server/ingest/reference-data.ts).
 */
import { loadConfig } from '../config.js';
import { migrateLatest } from '../db/knex.js';
import { openDatabase } from '../db/open.js';
import { loadReferenceData } from '../ingest/reference-data.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  await migrateLatest(db.knex);
  await loadReferenceData(db.knex, { dataDir: config.dataDir, embedded: db.embedded, reload: true, log: console.log });
} finally {
  await db.close();
}
