/**
 * The one way reference data gets into a database, used by the server's start (main.ts),
 * `npm run seed`, the test run's set-up and the benchmarks: the 2025 provinces and wards, the
 * basemap's layers, the street gazetteer and the routable road network, read from the shared data
 * folder. Each step runs when its tables are empty, so a start after the first costs a few queries
 * (and one read of the postal-code file, whose codes are written again when they differ).
 * `reload` loads units and map layers again even when present (after a reform, or new extracts).
 * The road network is only ever built when missing: `npm run import:osm` may have replaced the
 * small extracts' network with a larger one, which a reload must not undo.
 */
import type { Knex } from 'knex';
import { adminUnitsSeeded, refreshPostalCodes, seedAdminUnits, type SeedReport } from './admin-units.js';
import { mapLayersSeeded, seedMapLayers } from './map-layers.js';
import { importRoads, roadsMissing, seedRoadFiles } from './roads.js';
import { buildStreets, streetsMissing } from './streets.js';

export type ReferenceDataOptions = {
  /** The shared data folder (DATA_DIR). */
  dataDir: string;
  /** The embedded database takes the road network in batches; PostgreSQL by COPY. */
  embedded: boolean;
  /** Load units and map layers even when present (`npm run seed`). */
  reload?: boolean;
  log?: (msg: string) => void;
};

/** What was loaded this time (a step left out was already there). */
export type ReferenceDataReport = {
  adminUnits?: SeedReport;
  /** Wards whose postal code changed on a database seeded before (e.g. from the three-province file). */
  postalCodes?: number;
  mapLayers?: Awaited<ReturnType<typeof seedMapLayers>>;
  streets?: number;
  roads?: Awaited<ReturnType<typeof importRoads>>;
};

export async function loadReferenceData(
  knex: Knex,
  { dataDir, embedded, reload = false, log = () => {} }: ReferenceDataOptions,
): Promise<ReferenceDataReport> {
  const report: ReferenceDataReport = {};
  if (reload || !(await adminUnitsSeeded(knex))) report.adminUnits = await seedAdminUnits(knex, dataDir, log);
  else {
    const changed = await refreshPostalCodes(knex, dataDir, log);
    if (changed) report.postalCodes = changed;
  }
  if (reload || !(await mapLayersSeeded(knex))) report.mapLayers = await seedMapLayers(knex, dataDir, log);
  // both loads above rebuild the streets; this catches databases seeded before the gazetteer existed
  if (await streetsMissing(knex)) {
    report.streets = await buildStreets(knex);
    log(`seed: ${report.streets} street pieces`);
  }
  if (await roadsMissing(knex)) {
    report.roads = await importRoads(knex, seedRoadFiles(dataDir), { embedded });
    log(`seed: road network: ${report.roads.edges} edges from ${report.roads.ways} OSM ways (npm run import:osm -- FILE.osm.pbf for more)`);
  }
  return report;
}
