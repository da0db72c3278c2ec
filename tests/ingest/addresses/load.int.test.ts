import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { latLngToCell } from 'h3-js';
import { encode } from '../../../server/codes/codec.js';
import { createKnex } from '../../../server/db/knex.js';
import { EMBEDDED_POOL_SIZE } from '../../../server/db/open.js';
import { generateAddressCsv } from '../../../server/ingest/addresses/generate.js';
import { generatorWards, loadFiles, LoadFileError, wardIndexOf } from '../../../server/ingest/addresses/files.js';

// Three large communes of Lai Châu that no other test registers in.
const WARDS = ['03463', '03442', '03472'];
const embedded = inject('embedded');
const knex = createKnex(inject('databaseUrl'), embedded ? EMBEDDED_POOL_SIZE : 2);
const dir = mkdtempSync(path.join(os.tmpdir(), 'vnac-load-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, name.endsWith('.gz') ? gzipSync(text) : text);
  return p;
};

let generated = '';
let wardIndex: Awaited<ReturnType<typeof wardIndexOf>>;
const codes = new Set<string>();
const REJECTS = [
  '99,105.8,,,,,,,,verified',
  'abc,103.1,,,,,,,,verified',
  '48.85,2.35,,,,,,,,verified',
  '22.35,103.15,P-1,,,,,,,verified',
  '22.35,103.15,,12,Đường gọi 0912345678,,,,,verified',
  '22.35,103.15,,,,,,,,unknown',
  '22.35,103.15,,too,many,fields,,,,verified,extra',
];

async function snapshot() {
  const { rows } =
    await knex.raw(`SELECT (SELECT count(*)::int FROM addresses) AS addresses, (SELECT count(*)::int FROM address_versions) AS versions,
    (SELECT coalesce(sum(n), 0)::int FROM address_density) AS density`);
  return rows[0];
}

async function invariants() {
  const { rows: idx } = await knex.raw(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
     WHERE x.indrelid IN ('addresses'::regclass, 'address_density'::regclass, 'address_versions'::regclass) ORDER BY 1`,
  );
  const { rows: triggers } = await knex.raw(
    `SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'addresses'::regclass AND NOT tgisinternal ORDER BY 1`,
  );
  const { rows: constraints } = await knex.raw(
    `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid IN ('addresses'::regclass, 'address_versions'::regclass) ORDER BY 1`,
  );
  const { rows: staging } = await knex.raw(`SELECT relname FROM pg_class WHERE relname LIKE 'load_staging_%'`);
  return { idx, triggers, constraints, staging };
}

/** address_density against a from-scratch recomputation: rows that differ (n exactly, sums to 1e-6). */
async function densityMismatches(): Promise<number> {
  const { rows } = await knex.raw(
    `WITH f AS (SELECT r AS res, h3_parent(a.h3, r) AS cell, count(*)::int AS n, sum(ST_X(a.geom)) AS sx, sum(ST_Y(a.geom)) AS sy
                FROM addresses a, (VALUES (6), (8), (9)) AS v(r) WHERE NOT a.private GROUP BY 1, 2)
     SELECT count(*)::int AS bad FROM f FULL JOIN address_density d ON d.res = f.res AND d.cell = f.cell
     WHERE d.n IS DISTINCT FROM f.n OR abs(d.sum_x - f.sx) > 1e-6 OR abs(d.sum_y - f.sy) > 1e-6`,
  );
  return rows[0].bad;
}

beforeAll(async () => {
  const wards = (await generatorWards(knex)).filter((w) => WARDS.includes(w.code));
  expect(wards).toHaveLength(3);
  generated = [...generateAddressCsv(wards, { count: 1500, seed: 11 })].join('');
  for (const line of generated.split('\n').slice(1)) {
    if (!line) continue;
    const [lat, lng] = line.split(',');
    codes.add(encode(Number(lat), Number(lng))!);
  }
  wardIndex = await wardIndexOf(knex);
});

afterAll(async () => {
  await knex('addresses')
    .whereIn('code', [...codes])
    .del();
  await knex.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run load (loadFiles)', () => {
  it('refuses a file it cannot read and leaves the table as it was', async () => {
    const before = await snapshot();
    const good = file('good.csv', generated);
    await expect(
      loadFiles(knex, [good, file('no-header.csv', 'latitude,longitude\n1,2\n')], {
        embedded,
        rejectsPath: path.join(dir, 'r0.csv'),
        wardIndex,
      }),
    ).rejects.toThrow(/must name the columns lat and lng/);
    await expect(
      loadFiles(knex, [good, file('broken.csv', 'lat,lng,street\n22.35,103.15,"never closed\n')], {
        embedded,
        rejectsPath: path.join(dir, 'r1.csv'),
        wardIndex,
        bulk: 'always',
      }),
    ).rejects.toThrow(LoadFileError);
    await expect(loadFiles(knex, [file('empty.csv', '')], { embedded, rejectsPath: path.join(dir, 'r2.csv'), wardIndex })).rejects.toThrow(
      /empty/,
    );
    expect(await snapshot()).toEqual(before);
    expect((await invariants()).staging).toEqual([]);
  });

  it('rolls everything back when a large load fails after taking the indexes down', async () => {
    const before = await snapshot();
    const shape = await invariants();
    const fail = (phase: string) => {
      if (phase === 'indexes') throw new Error('disk full (simulated)');
    };
    await expect(
      loadFiles(knex, [file('fails.csv', generated)], {
        embedded,
        rejectsPath: path.join(dir, 'r3.csv'),
        wardIndex,
        bulk: 'always',
        onPhase: fail,
      }),
    ).rejects.toThrow(/simulated/);
    expect(await snapshot()).toEqual(before);
    expect(await invariants()).toEqual(shape);
  });

  it('loads a generated file in bulk, rejects bad rows with reasons, skips duplicates, and keeps every invariant', async () => {
    const before = await snapshot();
    const shape = await invariants();
    // a unit whose street has characters only SQL folds exactly (unaccent's ligatures and fractions):
    // the loader leaves its search columns to the trigger
    const [lat3, lng3] = generated.split('\n')[3]!.split(',');
    const lines = [...generated.trimEnd().split('\n'), `${lat3},${lng3},Z9,7,Phố ﬁ Œ ½ Thượng,,,,,verified`];
    // the same address twice (the first line wins) and the bad rows
    const text = [...lines, lines[5]!.replace(/,verified$|,draft$|,needs_review$/, ',draft'), ...REJECTS].join('\n') + '\n';
    const input = file('addresses.csv.gz', text);
    const rejectsPath = path.join(dir, 'rejects.csv');
    const result = await loadFiles(knex, [input], { embedded, rejectsPath, wardIndex, bulk: 'always' });
    const valid = lines.length - 1 + 1;
    const unique = new Set(
      lines.slice(1).map((l) => {
        const [lat, lng, unit] = l.split(',');
        return `${encode(Number(lat), Number(lng))}/${unit}`;
      }),
    ).size;
    expect(result).toMatchObject({
      read: valid + REJECTS.length,
      rejected: REJECTS.length,
      staged: valid,
      loaded: unique,
      duplicates: valid - unique,
      bulk: true,
    });
    expect(result.duplicates).toBeGreaterThanOrEqual(1);

    const rejects = readFileSync(rejectsPath, 'utf8');
    for (const reason of [
      'lat must be within',
      'decimal numbers',
      'outside coverage',
      'unit must be',
      'phone number',
      'status must be',
      'fields, the header 10',
    ])
      expect(rejects).toContain(reason);
    expect(rejects.split('\n')[1]).toMatch(new RegExp(`^${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},${lines.length + 2},`));

    const after = await snapshot();
    expect(after.addresses - before.addresses).toBe(unique);
    expect(after.versions - before.versions).toBe(unique);
    expect(after.density - before.density).toBe(3 * unique); // resolutions 6, 8 and 9
    expect(await densityMismatches()).toBe(0);
    expect(await invariants()).toEqual(shape);

    // codes, cells, wards and search vectors as the API would have written them
    const { rows } = await knex.raw(
      `SELECT code, unit, h3::text, ward_code, ST_Y(geom) AS lat, ST_X(geom) AS lng, house_number, street, status,
              search_terms = vn_address_terms(house_number, street, hamlet, building, landmark, place_name) AS vector_ok,
              street_key IS NOT DISTINCT FROM vn_street_key(street) AS key_ok,
              search_terms @@ plainto_tsquery('simple', vn_fold(coalesce(house_number, '') || ' ' || street)) AS found,
              -- as typed: the house number and the street's last word cut short (the prefix index of 20261123001100)
              search_terms @@ array_to_string(ARRAY[quote_literal(split_part(vn_fold(house_number), ' ', 1)), quote_literal('>' || left(split_part(vn_fold(street), ' ', 2), 2))], ' & ')::tsquery AS typed
       FROM addresses WHERE code = ANY(?)`,
      [[...codes]],
    );
    expect(rows).toHaveLength(unique);
    expect(rows.filter((r: { street: string | null }) => r.street?.includes('ﬁ'))).toHaveLength(1);
    for (const r of rows) {
      expect(r.code).toBe(encode(r.lat, r.lng));
      expect(r.h3).toBe(BigInt(`0x${latLngToCell(r.lat, r.lng, 14)}`).toString());
      expect(WARDS).toContain(r.ward_code);
      expect(r.vector_ok && r.found && r.typed && r.key_ok).toBe(true);
    }
    const first = lines[5]!.split(',');
    const dup = rows.find(
      (r: { code: string; unit: string }) => r.code === encode(Number(first[0]), Number(first[1])) && r.unit === first[2],
    );
    expect(dup.status).toBe(first[9]); // the first line wins
    const { rows: history } = await knex.raw(
      `SELECT kind, state->>'street' AS street FROM address_versions v JOIN addresses a ON a.id = v.address_id WHERE a.code = ? AND a.unit = ?`,
      [dup.code, dup.unit],
    );
    expect(history).toEqual([{ kind: 'imported', street: dup.street }]);
  });

  it('is idempotent: the same file again loads nothing and counts duplicates, in either mode', async () => {
    const before = await snapshot();
    for (const bulk of ['never', 'always'] as const) {
      const result = await loadFiles(knex, [file('again.csv', generated)], {
        embedded,
        rejectsPath: path.join(dir, `again-${bulk}.csv`),
        wardIndex,
        bulk,
      });
      expect(result).toMatchObject({ loaded: 0, rejected: 0, rejectsPath: null });
      expect(result.duplicates).toBe(result.staged);
    }
    expect(await snapshot()).toEqual(before);
    expect(await densityMismatches()).toBe(0);
  });

  it.skipIf(embedded)('prepares rows in worker threads (npm run load on PostgreSQL) exactly as on the main thread', async () => {
    const [lat3, lng3] = generated.split('\n')[3]!.split(',');
    const text = `${generated.trimEnd()}\n${lat3},${lng3},W7,7,Phố ﬁ Œ ½ Thượng,,,,,verified\n${REJECTS.join('\n')}\n`;
    const input = file('workers.csv', text);
    const rowsNow = async () =>
      (
        await knex.raw(
          `SELECT code, unit, h3::text, ward_code, house_number, street, status, search_terms::text AS t, street_key
         FROM addresses WHERE code = ANY(?) ORDER BY code, unit`,
          [[...codes]],
        )
      ).rows;
    const results: { rows: unknown[]; rejects: string; loaded: number }[] = [];
    for (const workers of [2, 0]) {
      await knex('addresses')
        .whereIn('code', [...codes])
        .del();
      const rejectsPath = path.join(dir, `workers-${workers}.csv`);
      const result = await loadFiles(knex, [input], { embedded, rejectsPath, wardIndex, workers, bulk: 'always' });
      results.push({ rows: await rowsNow(), rejects: readFileSync(rejectsPath, 'utf8'), loaded: result.loaded });
    }
    expect(results[0]!.loaded).toBeGreaterThan(1000);
    expect(results[0]!.rows).toHaveLength(results[0]!.loaded);
    expect(results[0]!.rejects.split('\n').length).toBe(REJECTS.length + 2);
    expect(results[0]).toEqual(results[1]);
    expect(await densityMismatches()).toBe(0);
  });

  it('keeps the density triggers exact on a small incremental load', async () => {
    await knex('addresses')
      .whereIn('code', [...codes])
      .del();
    const result = await loadFiles(knex, [file('small.csv', generated.split('\n').slice(0, 301).join('\n'))], {
      embedded,
      rejectsPath: path.join(dir, 'small-r.csv'),
      wardIndex,
    });
    expect(result.bulk).toBe(false);
    expect(result.loaded).toBeGreaterThan(250);
    expect(await densityMismatches()).toBe(0);
    const { rows } = await knex.raw("SELECT count(*)::int AS n FROM addresses WHERE code = '25MSN9S32'");
    expect(rows[0].n).toBe(0);

    // and on updates and deletes of several rows at once: moves (~1 km east, into other cells at
    // every resolution kept), privacy both ways, deletions
    const { rows: some } = await knex.raw(
      'SELECT id::text, ST_Y(geom) AS lat, ST_X(geom) AS lng FROM addresses WHERE code = ANY(?) ORDER BY id LIMIT 100',
      [[...codes]],
    );
    expect(some).toHaveLength(100);
    const moves = some.slice(0, 20).map((r: { id: string; lat: number; lng: number }) => {
      const lng = r.lng + 0.01;
      const code = encode(r.lat, lng)!;
      codes.add(code);
      return { id: r.id, lat: r.lat, lng, code, h3: BigInt(`0x${latLngToCell(r.lat, lng, 14)}`).toString() };
    });
    await knex.raw(
      `UPDATE addresses a SET geom = ST_SetSRID(ST_MakePoint(m.lng, m.lat), 4326), h3 = m.h3::bigint, code = m.code
       FROM jsonb_to_recordset(?::jsonb) AS m(id bigint, lat float8, lng float8, h3 text, code text) WHERE a.id = m.id`,
      [JSON.stringify(moves)],
    );
    expect(await densityMismatches()).toBe(0);
    const ids = some.map((r: { id: string }) => r.id);
    await knex('addresses').whereIn('id', ids.slice(10, 60)).update({ private: true });
    expect(await densityMismatches()).toBe(0);
    await knex('addresses').whereIn('id', ids.slice(10, 30)).update({ private: false });
    expect(await densityMismatches()).toBe(0);
    await knex('addresses')
      .whereIn('id', ids.slice(0, 15).concat(ids.slice(40, 70)))
      .del();
    expect(await densityMismatches()).toBe(0);
  });
});
