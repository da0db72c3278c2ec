/** `npm run seed`: (re)load the administrative units from DATA_DIR; safe to run again after a reform. */
import { seedAdminUnits } from '../../seed/admin-units.js';
import { seedMapLayers } from '../../seed/map-layers.js';
import { loadConfig } from '../config.js';
import { migrateLatest } from '../db/knex.js';
import { openDatabase } from '../db/open.js';

const config = loadConfig();
const db = await openDatabase(config);
try {
  await migrateLatest(db.knex);
  await seedAdminUnits(db.knex, config.dataDir, console.log);
  await seedMapLayers(db.knex, config.dataDir, console.log);
} finally {
  await db.close();
}
