/**
 * `npm run import:osm` end to end (server/cli/import-osm.ts → server/ingest/roads.ts): the road
 * network of an OSM file, read through osmium when it is a .pbf, written into a database of its own.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.js';

const embedded = inject('embedded');

describe('npm run import:osm', () => {
  it('imports an .osm.pbf (through osmium) or .osm file into a database of its own', async () => {
    const dataDir = loadConfig().dataDir;
    const pbf = path.join(dataDir, 'osm/osm_hanoi_van_mieu_2023-12.osm.pbf');
    const xml = path.join(dataDir, 'osm/osm_hanoi_van_mieu_2023-12.osm');
    const run = promisify(execFile);
    const hasOsmium = await run('osmium', ['--version']).then(
      () => true,
      () => false,
    );
    const file = hasOsmium || process.env.CI ? pbf : xml;
    let env: NodeJS.ProcessEnv;
    let cleanup: () => Promise<void>;
    let url: string | null = null;
    if (embedded) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'vnac-import-'));
      env = { ...process.env, PGLITE_DIR: dir };
      delete env.DATABASE_URL;
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const target = new URL(inject('databaseUrl'));
      const admin = knexFactory({ client: 'pg', connection: target.toString(), pool: { min: 0, max: 1 } });
      await admin.raw('DROP DATABASE IF EXISTS vnac_import_test').then(() => admin.raw('CREATE DATABASE vnac_import_test'));
      await admin.destroy();
      target.pathname = '/vnac_import_test';
      url = target.toString();
      const db = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
      await db.raw(
        'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;',
      );
      await db.destroy();
      env = { ...process.env, DATABASE_URL: url };
      cleanup = async () => {};
    }
    try {
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/cli/import-osm.ts', file], {
        env,
        cwd: path.resolve(import.meta.dirname, '../..'),
      });
      const imported = Number(/imported (\d+) edges/.exec(stdout)?.[1]);
      expect(imported).toBeGreaterThan(1000);
      if (url) {
        const db = knexFactory({ client: 'pg', connection: url, pool: { min: 0, max: 1 } });
        const { rows } = await db.raw(
          "SELECT count(*)::int AS n, count(*) FILTER (WHERE name = 'Phố Quốc Tử Giám')::int AS named FROM road_edges",
        );
        await db.destroy();
        expect(rows[0].n).toBe(imported);
        expect(rows[0].named).toBeGreaterThan(0);
      }
    } finally {
      await cleanup();
    }
  }, 120_000);
});
