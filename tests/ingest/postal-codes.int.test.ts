/**
 * The wards' postal codes (server/ingest/admin-units.ts): all 3,321 from the national file, and an
 * install seeded from the older three-province file (Hà Nội, Huế, Đà Nẵng: 260 wards) brought up
 * to date by its next start, once.
 */
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { createKnex } from '../../server/db/knex.js';
import { EMBEDDED_POOL_SIZE } from '../../server/db/open.js';
import { refreshPostalCodes, SEED_FILES } from '../../server/ingest/admin-units.js';
import { loadReferenceData } from '../../server/ingest/reference-data.js';

const embedded = inject('embedded');
const knex = createKnex(inject('databaseUrl'), embedded ? EMBEDDED_POOL_SIZE : 2);
const dataDir = loadConfig().dataDir;
afterAll(() => knex.destroy());

const version = async () =>
  (await knex.raw("SELECT version::int AS version FROM reference_versions WHERE name = 'admin_units'")).rows[0].version as number;
const withCode = async () => (await knex.raw('SELECT count(postal_code)::int AS n FROM wards')).rows[0].n as number;

describe('ward postal codes', () => {
  it('gives every one of the 3,321 wards a 5-digit postal code among its province prefixes', async () => {
    const { rows } = await knex.raw(
      `SELECT count(*)::int AS wards,
              count(*) FILTER (WHERE w.postal_code ~ '^[0-9]{5}$' AND left(w.postal_code, 2) = ANY(p.postal_prefixes))::int AS good,
              count(DISTINCT w.postal_code)::int AS distinct_codes, count(DISTINCT w.province_code)::int AS provinces
       FROM wards w JOIN provinces p ON p.code = w.province_code`,
    );
    expect(rows[0]).toEqual({ wards: 3321, good: 3321, distinct_codes: 3321, provinces: 34 });
    const { rows: known } = await knex.raw("SELECT code, postal_code FROM wards WHERE code IN ('00070', '26740', '31120') ORDER BY code");
    expect(known).toEqual([
      { code: '00070', postal_code: '11024' }, // Phường Hoàn Kiếm, Hà Nội
      { code: '26740', postal_code: '71016' }, // Phường Sài Gòn, TP HCM
      { code: '31120', postal_code: '94107' }, // Phường Cái Khế, Cần Thơ
    ]);
  });

  it('brings an install seeded from the three-province file up to date on its next start, and only then', async () => {
    // what the three-province file left: codes for Hà Nội (01), Huế (46) and Đà Nẵng (48) only
    await knex.raw("UPDATE wards SET postal_code = NULL WHERE province_code NOT IN ('01', '46', '48')");
    expect(await withCode()).toBe(260);
    const before = await version();

    const first = await loadReferenceData(knex, { dataDir, embedded });
    expect(first.postalCodes).toBe(3321 - 260);
    expect(first.adminUnits).toBeUndefined(); // the units themselves are not reloaded
    expect(await withCode()).toBe(3321);
    expect(await version()).toBe(before + 1); // running servers reload their units

    const second = await loadReferenceData(knex, { dataDir, embedded });
    expect(second.postalCodes).toBeUndefined();
    expect(await version()).toBe(before + 1);
  });

  it('falls back to the three-province file, saying so, in a data folder without the national one', async () => {
    const oldDir = mkdtempSync(path.join(os.tmpdir(), 'vnac-postal-'));
    try {
      for (const name of readdirSync(dataDir)) {
        if (name !== SEED_FILES.postalCodes) symlinkSync(path.join(dataDir, name), path.join(oldDir, name));
      }
      const log: string[] = [];
      // its 260 codes are the national file's: nothing to write
      expect(await refreshPostalCodes(knex, oldDir, (m) => log.push(m))).toBe(0);
      expect(log.join('\n')).toContain(`${SEED_FILES.postalCodes} not in ${oldDir}`);
      expect(log.join('\n')).toContain(SEED_FILES.postalCodesPartial);
      expect(await withCode()).toBe(3321);
    } finally {
      rmSync(oldDir, { recursive: true, force: true });
    }
  });
});
