/**
 * `npm run import:osm -- FILE.osm.pbf [FILE.osm …]`: replaces the routable road network with the
 * roads of the given OpenStreetMap files (several files are merged; a way in two of them counts
 * once). .pbf needs osmium-tool. Streams the input twice and keeps only what routing needs, with
 * a progress bar on the terminal. A running server picks the new network up within 30 s.
 */
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { importRoads } from '../ingest/roads.js';
import { loadConfig } from '../config.js';
import { migrateLatest } from '../db/knex.js';
import { openDatabase } from '../db/open.js';

const files = process.argv.slice(2).filter((a) => !a.startsWith('-'));
if (!files.length || files.some((f) => !existsSync(f))) {
  console.error('usage: npm run import:osm -- FILE.osm.pbf|FILE.osm [more files]');
  for (const f of files.filter((f) => !existsSync(f))) console.error(`  not found: ${f}`);
  process.exit(2);
}

const config = loadConfig();
const db = await openDatabase(config);
const bar = new cliProgress.SingleBar(
  { format: '{phase} [{bar}] {percentage}% | {detail} | {duration}s', hideCursor: true },
  cliProgress.Presets.shades_classic,
);
const started = Date.now();
try {
  await migrateLatest(db.knex);
  bar.start(100, 0, { phase: 'ways ', detail: '' });
  const report = await importRoads(db.knex, files, {
    embedded: db.embedded,
    progress: (phase, share, detail = '') => bar.update(Math.round(share * 100), { phase: phase.padEnd(5), detail }),
  });
  bar.stop();
  const seconds = (Date.now() - started) / 1000;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(
    `imported ${report.edges} edges from ${report.ways} ways (${report.nodes} nodes kept) in ${seconds.toFixed(1)} s, peak memory ${peakMb.toFixed(0)} MB`,
  );
} catch (error) {
  bar.stop();
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.close();
}
