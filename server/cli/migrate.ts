/** `npm run migrate` (latest) or `npm run migrate -- down` (roll back the newest single migration). */
import { loadConfig } from '../config.js';
import { migrateLatest } from '../db/knex.js';
import { openDatabase } from '../db/open.js';

const db = await openDatabase(loadConfig());
try {
  if (process.argv[2] === 'down') {
    const [, rolledBack] = (await db.knex.migrate.down()) as [number, string[]];
    console.log(`rolled back: ${rolledBack.join(', ') || 'nothing'}`);
  } else {
    const applied = await migrateLatest(db.knex);
    console.log(`applied: ${applied.join(', ') || 'nothing (up to date)'}`);
  }
} finally {
  await db.close();
}
