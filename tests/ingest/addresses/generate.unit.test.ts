import { describe, expect, it } from 'vitest';
import { allocate, generateAddressCsv, type GeneratorWard } from '../../../server/ingest/addresses/generate.js';
import { readCsv } from '../../../server/ingest/addresses/csv.js';
import { checkHeader, prepareRow } from '../../../server/ingest/addresses/rows.js';

const square = (x: number, y: number, d: number) => [
  [
    [x, y],
    [x + d, y],
    [x + d, y + d],
    [x, y + d],
    [x, y],
  ],
];
const WARDS: GeneratorWard[] = [
  {
    code: '90001',
    name: 'Một',
    unitType: 'xa',
    areaKm2: 30,
    pieces: [
      { rings: square(105, 10, 0.02), area: 1 },
      { rings: square(105.1, 10, 0.02), area: 2 },
    ],
  },
  { code: '90002', name: 'Hai', unitType: 'phuong', areaKm2: 10, pieces: [{ rings: square(106, 11, 0.01), area: 1 }] },
];

async function rowsOf(text: string) {
  const out: string[][] = [];
  for await (const b of readCsv([text])) out.push(...b.map((r) => r.fields));
  return out;
}

describe('allocate', () => {
  it('shares a count in proportion to area, summing exactly', () => {
    expect(allocate([3, 1], 10)).toEqual([8, 2]);
    expect(allocate([1, 1, 1], 10).reduce((a, b) => a + b)).toBe(10);
    expect(allocate([0, 0], 5)).toEqual([0, 0]);
  });
});

describe('generateAddressCsv', () => {
  it('writes exactly count valid rows inside the wards, deterministically', async () => {
    const text = [...generateAddressCsv(WARDS, { count: 4000, seed: 7, chunkRows: 100 })].join('');
    expect([...generateAddressCsv(WARDS, { count: 4000, seed: 7 })].join('')).toBe(text);
    expect([...generateAddressCsv(WARDS, { count: 4000, seed: 8 })].join('')).not.toBe(text);
    const [header, ...rows] = await rowsOf(text);
    expect(checkHeader(header!)).toBeNull();
    expect(rows).toHaveLength(4000);
    let inFirst = 0;
    let units = 0;
    for (const fields of rows) {
      const record = Object.fromEntries(header!.map((h, i) => [h, fields[i]!]));
      const r = prepareRow(record, 0, () => null);
      expect(r.ok).toBe(true);
      const lat = Number(record.lat),
        lng = Number(record.lng);
      const inA = lng >= 105 && lng <= 105.12 && lat >= 10 && lat <= 10.02;
      const inB = lng >= 106 && lng <= 106.01 && lat >= 11 && lat <= 11.01;
      expect(inA || inB).toBe(true);
      if (inA) inFirst++;
      if (record.unit) units++;
    }
    expect(inFirst).toBe(3000); // 30 : 10 km²
    expect(units).toBeGreaterThan(0);
  });
});
