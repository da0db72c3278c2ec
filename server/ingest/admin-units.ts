/**
 * Seeds the 2025 administrative units from the shared data folder, where they lie (never copied
 * into the project): 34 provinces and 3,321 wards (simplified geometry), full-resolution
 * geometry where provided (Hà Nội, Huế, Đà Nẵng, TP HCM), the 5-digit postal code of every ward
 * and 2-digit province postal prefixes. Idempotent: units are upserted, so re-running it after a
 * boundary change updates them, and each address's cached ward is refreshed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Knex } from 'knex';
import { buildStreets } from './streets.js';

type UnitFeature = {
  properties: Record<string, string | number | null>;
  geometry: { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown };
};

export const SEED_FILES = {
  provinces: 'vn_provinces_2025.geojson',
  wards: 'vn_wards_2025_simplified.geojson.gz',
  wardsFull: 'vn_wards_2025_fullres_01_46_48_79.geojson.gz',
  postalPrefixes: 'vn_postal_prefixes_2025_provinces.csv',
  postalCodes: 'vn_postal_codes_2025_wards.csv',
  /** The first file, Hà Nội, Huế and Đà Nẵng only: read only by a data folder older than the national one. */
  postalCodesPartial: 'vn_postal_codes_2025_wards_01_46_48.csv',
} as const;

function readFeatures(file: string): UnitFeature[] {
  const raw = readFileSync(file);
  const text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
  return (JSON.parse(text) as { features: UnitFeature[] }).features;
}

function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file), { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
}

type PostalRow = { ward_code: string; postal_code: string };

/** The wards' postal codes: the national file, or the three-province one in a data folder that predates it. */
function readPostalCodes(dataDir: string, log: (msg: string) => void): PostalRow[] {
  const national = path.join(dataDir, SEED_FILES.postalCodes);
  if (existsSync(national)) return readCsv(national) as PostalRow[];
  log(`seed: ${SEED_FILES.postalCodes} not in ${dataDir}: postal codes from ${SEED_FILES.postalCodesPartial} (Hà Nội, Huế, Đà Nẵng only)`);
  return readCsv(path.join(dataDir, SEED_FILES.postalCodesPartial)) as PostalRow[];
}

function writePostalCodes(knex: Knex, rows: PostalRow[]) {
  return knex.raw(
    `UPDATE wards w SET postal_code = x.postal_code
     FROM jsonb_to_recordset(?::jsonb) AS x(ward_code text, postal_code text)
     WHERE w.code = x.ward_code AND w.postal_code IS DISTINCT FROM x.postal_code`,
    [JSON.stringify(rows)],
  );
}

/** Running servers reload their units (admin/directory.ts) when this version changes. */
const BUMP_VERSION = `INSERT INTO reference_versions (name, version) VALUES ('admin_units', 1)
  ON CONFLICT (name) DO UPDATE SET version = reference_versions.version + 1, updated_at = now()`;

/** Features are sent as JSON and unpacked in SQL: one statement per batch, not per row. */
async function inBatches<T>(items: T[], size: number, work: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await work(items.slice(i, i + size));
}

const nfc = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC') : v);
const unitRow = (f: UnitFeature) => ({
  ...Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, nfc(v)])),
  geometry: f.geometry,
});

export type SeedReport = {
  provinces: number;
  wards: number;
  fullResolutionWards: number;
  wardPieces: number;
  postalCodes: number;
  addressesReassigned: number;
};

export async function seedAdminUnits(knex: Knex, dataDir: string, log: (msg: string) => void = () => {}): Promise<SeedReport> {
  const file = (name: string) => path.join(dataDir, name);
  // Fail early and clearly when the data folder is not where it should be.
  if (!existsSync(file(SEED_FILES.provinces))) {
    throw new Error(`Seed data not found in ${dataDir}: set DATA_DIR to the shared data folder (see README).`);
  }

  const provinces = readFeatures(file(SEED_FILES.provinces));
  const wards = readFeatures(file(SEED_FILES.wards));
  const wardsFull = readFeatures(file(SEED_FILES.wardsFull));
  const prefixes = readCsv(file(SEED_FILES.postalPrefixes));
  const postal = readPostalCodes(dataDir, log);
  log(`seed: ${provinces.length} provinces, ${wards.length} wards, ${wardsFull.length} full-resolution wards from ${dataDir}`);

  return knex.transaction(async (trx) => {
    await inBatches(provinces.map(unitRow), 5, (batch) =>
      trx.raw(
        `INSERT INTO provinces (code, name, name_en, full_name, full_name_en, unit_type, area_km2, geom)
         SELECT f->>'province_code', f->>'name', f->>'name_en', f->>'full_name', f->>'full_name_en', f->>'unit_type',
                (f->>'area_km2')::double precision, ST_Multi(ST_GeomFromGeoJSON(f->'geometry'))
         FROM jsonb_array_elements(?::jsonb) AS f
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, name_en = excluded.name_en, full_name = excluded.full_name,
           full_name_en = excluded.full_name_en, unit_type = excluded.unit_type, area_km2 = excluded.area_km2, geom = excluded.geom`,
        [JSON.stringify(batch)],
      ),
    );
    const full = new Map(wardsFull.map((f) => [String(f.properties.ward_code), f]));
    const rows = wards.map((f) => {
      const better = full.get(String(f.properties.ward_code));
      return { ...unitRow(f), geometry: (better ?? f).geometry, geom_source: better ? 'full' : 'simplified' };
    });
    await inBatches(rows, 100, (batch) =>
      trx.raw(
        `INSERT INTO wards (code, province_code, name, name_en, full_name, full_name_en, unit_type, area_km2, geom_source, geom)
         SELECT f->>'ward_code', f->>'province_code', f->>'name', f->>'name_en', f->>'full_name', f->>'full_name_en',
                f->>'unit_type', (f->>'area_km2')::double precision, f->>'geom_source', ST_Multi(ST_GeomFromGeoJSON(f->'geometry'))
         FROM jsonb_array_elements(?::jsonb) AS f
         ON CONFLICT (code) DO UPDATE SET province_code = excluded.province_code, name = excluded.name, name_en = excluded.name_en,
           full_name = excluded.full_name, full_name_en = excluded.full_name_en, unit_type = excluded.unit_type,
           area_km2 = excluded.area_km2, geom_source = excluded.geom_source, geom = excluded.geom`,
        [JSON.stringify(batch)],
      ),
    );
    // Units that disappeared in a reform are removed (their pieces go with them).
    await trx.raw('DELETE FROM wards WHERE NOT (code = ANY(?))', [wards.map((f) => String(f.properties.ward_code))]);
    await trx.raw(
      'DELETE FROM provinces p WHERE NOT EXISTS (SELECT 1 FROM wards w WHERE w.province_code = p.code) AND NOT (code = ANY(?))',
      [provinces.map((f) => String(f.properties.province_code))],
    );

    await trx.raw(
      `UPDATE provinces p SET postal_prefixes = string_to_array(x.prefixes, ' ')
       FROM jsonb_to_recordset(?::jsonb) AS x(province_code text, postal_code_prefixes text, prefixes text)
       WHERE p.code = x.province_code`,
      [JSON.stringify(prefixes.map((r) => ({ ...r, prefixes: r.postal_code_prefixes })))],
    );
    await writePostalCodes(trx, postal);

    await trx.raw('UPDATE provinces SET label_point = label_point(geom); UPDATE wards SET label_point = label_point(geom);');
    await trx.raw('DELETE FROM ward_pieces');
    await trx.raw('INSERT INTO ward_pieces (ward_code, geom) SELECT code, ST_Subdivide(geom, 128) FROM wards');
    const [{ count: pieces }] = (await trx.raw('SELECT count(*)::int AS count FROM ward_pieces')).rows;

    // Refresh each address's cached ward (a no-op on a fresh database).
    const reassigned = await trx.raw(
      `UPDATE addresses a SET ward_code = p.ward_code
       FROM addresses a2
       LEFT JOIN LATERAL (SELECT wp.ward_code FROM ward_pieces wp WHERE ST_Intersects(wp.geom, a2.geom) ORDER BY wp.ward_code LIMIT 1) p ON true
       WHERE a.id = a2.id AND a.ward_code IS DISTINCT FROM p.ward_code`,
    );
    await buildStreets(trx); // streets are cut by ward: new boundaries, new cuts
    await trx.raw(BUMP_VERSION);
    const report: SeedReport = {
      provinces: provinces.length,
      wards: wards.length,
      fullResolutionWards: wardsFull.length,
      wardPieces: pieces,
      postalCodes: postal.length,
      addressesReassigned: reassigned.rowCount ?? 0,
    };
    log(`seed: done ${JSON.stringify(report)}`);
    return report;
  });
}

export async function adminUnitsSeeded(knex: Knex): Promise<boolean> {
  const { rows } = await knex.raw('SELECT EXISTS (SELECT 1 FROM wards) AS seeded');
  return rows[0].seeded as boolean;
}

/**
 * The postal codes again when the data folder's differ from the database's: an install seeded
 * before the national file (260 wards of Hà Nội, Huế and Đà Nẵng) gets all 3,321 on its next start,
 * and a corrected code in a newer file is taken up. Costs one small file read and one query when
 * nothing changed; returns how many wards changed (0: nothing written, no version bump).
 */
export async function refreshPostalCodes(knex: Knex, dataDir: string, log: (msg: string) => void = () => {}): Promise<number> {
  const postal = readPostalCodes(dataDir, log);
  return knex.transaction(async (trx) => {
    const { rowCount } = await writePostalCodes(trx, postal);
    if (!rowCount) return 0;
    await trx.raw(BUMP_VERSION);
    log(`seed: postal codes of ${rowCount} wards updated from ${dataDir}`);
    return rowCount as number;
  });
}
