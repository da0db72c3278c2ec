/**
 * Builds (or extends) the coverage table of the address code: the fixed, append-only list of
 * H3 resolution-4 cells whose descendants can receive a code. See docs/address-code.md.
 *
 * The table is part of the code format, not data: once a code is printed on a gate its leading
 * characters are an index into this list, so existing entries are never reordered or removed.
 * Run with `npm run coverage-table -- --check` to verify that the committed table still covers
 * every province polygon (plus a one-cell sea margin); without --check, cells that are missing
 * are appended at the end (in Hilbert order among themselves) and the file is rewritten.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { cellToLatLng, gridDisk, polygonToCellsExperimental, POLYGON_TO_CELLS_FLAGS } from 'h3-js';
import { hilbertIndex } from '../server/codes/hilbert.js';

const COARSE_RES = 4;
const dataDir = process.env.DATA_DIR ?? path.resolve(import.meta.dirname, '../../shared/data');
const tableFile = path.resolve(import.meta.dirname, '../server/codes/coverage-table-v1.json');
const checkOnly = process.argv.includes('--check');

type Ring = number[][];
const provinces = JSON.parse(readFileSync(path.join(dataDir, 'vn_provinces_2025.geojson'), 'utf8')) as {
  features: { properties: { province_code: string }; geometry: { type: string; coordinates: Ring[][] | Ring[] } }[];
};

const wanted = new Set<string>();
for (const f of provinces.features) {
  const polys = (f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates : [f.geometry.coordinates]) as Ring[][];
  for (const poly of polys) {
    for (const cell of polygonToCellsExperimental(poly, COARSE_RES, POLYGON_TO_CELLS_FLAGS.containmentOverlapping, true)) {
      for (const c of gridDisk(cell, 1)) wanted.add(c); // one ring of sea margin around every piece
    }
  }
}

const existing: string[] = existsSync(tableFile) ? (JSON.parse(readFileSync(tableFile, 'utf8')) as { cells: string[] }).cells : [];
const have = new Set(existing);
const missing = [...wanted].filter((c) => !have.has(c));
// Order along a Hilbert curve over Vietnam's bounding box so that neighbouring coarse cells get
// neighbouring numbers, and hence codes that sort together.
const order = (c: string) => {
  const [lat, lng] = cellToLatLng(c);
  return hilbertIndex(lng, lat);
};
missing.sort((a, b) => order(a) - order(b));

if (checkOnly) {
  console.log(`coverage table: ${existing.length} cells; ${missing.length} wanted cells missing`);
  process.exit(missing.length === 0 ? 0 : 1);
}
const cells = [...existing, ...missing];
writeFileSync(
  tableFile,
  JSON.stringify(
    {
      description: 'Address code format v1 coverage table: H3 resolution-4 cells, append-only. Index = position. Never reorder or remove.',
      resolution: COARSE_RES,
      cells,
    },
    null,
    0,
  ).replace(/","/g, '",\n"') + '\n',
);
console.log(`coverage table: ${existing.length} kept, ${missing.length} appended, ${cells.length} total`);
