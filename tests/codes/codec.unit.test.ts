import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, bbox } from '@turf/turf';
import { cellToLatLng, cellToParent, gridDisk, isValidCell, latLngToCell } from 'h3-js';
import { codeToCell, COVERAGE_CELLS, decode, encode, formatCode, oneEditCandidates, parseCode } from '../../server/codes/codec.js';
import { loadConfig } from '../../server/config.js';
import { seededRandom } from '../support/random.js';

const { dataDir } = loadConfig(); // DATA_DIR, as the server reads it
const provinces = JSON.parse(
  readFileSync(path.join(dataDir, 'vn_provinces_2025.geojson'), 'utf8'),
) as GeoJSON.FeatureCollection<GeoJSON.MultiPolygon>;

describe('round trip', () => {
  it.each(provinces.features.map((f) => [f.properties!.name as string, f] as const))(
    'every random point in %s encodes to its own resolution-14 cell and decodes back',
    (_name, province) => {
      const random = seededRandom(Number(province.properties!.province_code));
      const [minX, minY, maxX, maxY] = bbox(province);
      let inside = 0;
      for (let tries = 0; inside < 150 && tries < 200_000; tries++) {
        const lng = minX + random() * (maxX - minX);
        const lat = minY + random() * (maxY - minY);
        if (!booleanPointInPolygon([lng, lat], province)) continue;
        inside++;
        const code = encode(lat, lng);
        expect(code, `${lat},${lng}`).toMatch(/^[0-9A-HJKMNP-TV-Z]{9}$/);
        const cell = latLngToCell(lat, lng, 14);
        expect(codeToCell(code!)).toBe(cell);
        expect(parseCode(code!)).toEqual({ ok: true, code, unit: null });
      }
      expect(inside).toBe(150);
    },
  );

  it('covers exactly the cells below the coverage table, and decodes each to a cell that encodes back', () => {
    const random = seededRandom(7);
    const table = new Set(COVERAGE_CELLS);
    let covered = 0;
    let outside = 0;
    for (let i = 0; i < 20_000; i++) {
      const [clat, clng] = cellToLatLng(COVERAGE_CELLS[Math.floor(random() * COVERAGE_CELLS.length)]!);
      const lat = clat + (random() - 0.5) * 0.8; // reaches into neighbouring coarse cells, in and out
      const lng = clng + (random() - 0.5) * 0.8;
      const cell = latLngToCell(lat, lng, 14);
      const code = encode(lat, lng);
      if (!table.has(cellToParent(cell, 4))) {
        expect(code).toBeNull();
        outside++;
        continue;
      }
      covered++;
      const { h3, lat: dlat, lng: dlng } = decode(code!);
      expect(h3).toBe(cell);
      expect(isValidCell(h3)).toBe(true);
      expect(encode(dlat, dlng)).toBe(code);
    }
    expect(covered).toBeGreaterThan(10_000);
    expect(outside).toBeGreaterThan(100);
  });
});

describe('coverage', () => {
  it.each([
    ['Bangkok', 13.7563, 100.5018],
    ['Manila', 14.5995, 120.9842],
    ['Kunming', 25.0389, 102.7183],
    ['Kuala Lumpur', 3.139, 101.6869],
    ['Null Island', 0, 0],
  ])('has no code for %s', (_place, lat, lng) => {
    expect(encode(lat, lng)).toBeNull();
  });

  it.each([
    ['the sea 10 km off Vũng Tàu', 10.28, 107.18],
    ['the sea east of Cô Tô', 20.98, 107.9],
    ['Hoàng Sa (Paracel) reefs', 16.45, 111.7],
    ['Trường Sa (Spratly) sea', 8.65, 111.95],
  ])('gives a code in %s (sea margin and islands)', (_place, lat, lng) => {
    expect(encode(lat, lng)).not.toBeNull();
  });

  it('has a one-cell sea margin around every coarse cell holding land', () => {
    // every coarse cell of the table has at least one neighbour in the table (no isolated holes)
    const table = new Set(COVERAGE_CELLS);
    for (const cell of COVERAGE_CELLS) expect(gridDisk(cell, 1).some((n) => n !== cell && table.has(n))).toBe(true);
  });
});

describe('forgiving input', () => {
  const code = encode(21.0287, 105.8522)!; // 25M-SN9-S32
  it.each([['25M-SN9-S32'], ['25msn9s32'], ['25M SN9 S32'], [' 25-msn-9s-32 '], ['25M–SN9–S32'], ['２５ＭＳＮ９Ｓ３２']])(
    'reads %j',
    (input) => {
      expect(parseCode(input)).toEqual({ ok: true, code, unit: null });
    },
  );

  it('reads O as 0 and I or L as 1', () => {
    const withZeroAndOne = encode(10.7725, 106.698)!; // 0NB-V7J-5C2
    expect(withZeroAndOne.startsWith('0')).toBe(true);
    expect(parseCode('onb-v7j-5c2')).toMatchObject({ ok: true, code: withZeroAndOne });
    const withOne = encode(22.4026, 102.1443)!; // 1NX-RQG-CCM
    expect(parseCode('INX-RQG-CCM')).toMatchObject({ ok: true, code: withOne });
    expect(parseCode('lnx rqg ccm')).toMatchObject({ ok: true, code: withOne });
  });

  it('takes a unit after a slash', () => {
    expect(parseCode('25m-sn9-s32/a12')).toEqual({ ok: true, code, unit: 'A12' });
    expect(formatCode(code, 'A12')).toBe('25M-SN9-S32/A12');
    expect(parseCode('25M-SN9-S32/ABCDEFG')).toMatchObject({ ok: false, reason: 'unit' });
    expect(parseCode('25M-SN9-S32/')).toMatchObject({ ok: false, reason: 'unit' });
  });

  it.each([
    ['', 'empty'],
    ['25M-SN9-S3', 'length'],
    ['25M-SN9-S322', 'length'],
    ['25M-SN9-S3U', 'characters'],
    ['25M-SN9-S33', 'check'],
    ['ZZZ-ZZZ-ZZ?', 'characters'],
  ])('rejects %j (%s)', (input, reason) => {
    expect(parseCode(input)).toMatchObject({ ok: false, reason });
  });

  it('rejects a well-formed code beyond the coverage table', () => {
    // the largest payload with a correct check character is far beyond the 608 table cells
    const beyond = oneEditCandidatesFor('ZZZZZZZZ');
    expect(beyond).toMatchObject({ ok: false, reason: 'coverage' });
  });
});

describe('suggestions for typos', () => {
  const code = encode(21.0287, 105.8522)!;
  it('offers the intended code for a transposition, a substitution, a missing and an extra character', () => {
    const typos = [
      code.slice(0, 3) + code[4] + code[3] + code.slice(5),
      code.slice(0, 5) + (code[5] === 'A' ? 'B' : 'A') + code.slice(6),
      code.slice(0, 4) + code.slice(5),
      code.slice(0, 4) + 'X' + code.slice(4),
    ];
    for (const typo of typos) {
      expect(parseCode(typo).ok).toBe(false);
      expect(oneEditCandidates(typo)).toContain(code);
    }
  });

  it('only suggests valid, covered codes', () => {
    for (const s of oneEditCandidates('25MSN9S33')) expect(parseCode(s).ok).toBe(true);
  });
});

/** Appends the character that makes the check pass, whatever the payload. */
function oneEditCandidatesFor(payload: string) {
  for (const c of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') {
    const r = parseCode(payload + c);
    if (!(r.ok === false && r.reason === 'check')) return r;
  }
  throw new Error('no check character passed');
}
