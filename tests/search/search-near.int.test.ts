/**
 * Search with `near` looks in the wards around the point first (server/search/search-steps.ts,
 * migration 20261205000100). 400 houses on a street of one name in Hà Nội and 5 in Hồ Chí Minh
 * City, the Hà Nội ones written first: the index's first 300 candidates are all in Hà Nội, so a
 * ranking by distance over them alone cannot show someone in the south the houses near them.
 */
import { latLngToCell } from 'h3-js';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../server/codes/codec.js';
import { createTestApp } from '../support/app.js';

const { app, knex, close } = createTestApp();

const grid = (lat0: number, lng0: number, n: number) =>
  Array.from({ length: n }, (_, i) => [lat0 + Math.floor(i / 20) * 0.0005, lng0 + (i % 20) * 0.0005] as const);
const HANOI = grid(21.025, 105.845, 400); // around Hoàn Kiếm
const SAIGON = grid(10.7765, 106.7005, 5); // around Bến Nghé
const rows = [...HANOI, ...SAIGON].map(([lat, lng], i) => ({
  code: encode(lat, lng)!,
  h3: BigInt(`0x${latLngToCell(lat, lng, 14)}`).toString(),
  lat,
  lng,
  n: String(i + 1),
  i,
}));

beforeAll(async () => {
  await knex('addresses')
    .whereIn(
      'code',
      rows.map((r) => r.code),
    )
    .delete();
  // in this order, each with its ward as registration would give it
  await knex.raw(
    `INSERT INTO addresses (code, h3, geom, ward_code, house_number, street)
     SELECT r.code, r.h3::bigint, p.geom,
            (SELECT wp.ward_code FROM ward_pieces wp WHERE ST_Intersects(wp.geom, p.geom) ORDER BY wp.ward_code LIMIT 1), r.n, 'Phố Zqgần Xa'
     FROM jsonb_to_recordset(?::jsonb) AS r(code text, h3 text, lat float8, lng float8, n text, i int),
          LATERAL (SELECT ST_SetSRID(ST_MakePoint(r.lng, r.lat), 4326) AS geom) p
     ORDER BY r.i`,
    [JSON.stringify(rows)],
  );
}, 60_000);
afterAll(async () => {
  await knex('addresses')
    .whereIn(
      'code',
      rows.map((r) => r.code),
    )
    .delete();
  await close();
});

type Result = { type: string; lat: number; lng: number; code?: string };
const search = async (q: string, near: string, limit: number) =>
  (await request(app).get('/v1/search').query({ q, near, limit }).expect(200)).body.results as Result[];

describe('search near a point', () => {
  it('puts the houses near the point first, though the index holds 300 others elsewhere before them', async () => {
    const { rows: wards } = await knex.raw(
      `SELECT count(*)::int AS n FROM addresses WHERE street = 'Phố Zqgần Xa' AND ward_code IS NOT NULL`,
    );
    expect(wards[0].n).toBe(HANOI.length + SAIGON.length); // every house has its ward
    const south = await search('zqgan', '10.7770,106.7010', 10);
    expect(south.slice(0, SAIGON.length).every((r) => r.type === 'address' && r.lat < 11)).toBe(true);
    const fewer = await search('zqgan xa', '10.7770,106.7010', 3);
    expect(fewer).toHaveLength(3);
    for (const r of fewer) expect(r.lat).toBeLessThan(11);
  });

  it('answers from the nearest wards alone when they hold a page', async () => {
    const north = await search('zqgan', '21.0260,105.8460', 10);
    expect(north).toHaveLength(10);
    for (const r of north) expect(r.lat).toBeGreaterThan(21);
    // nearest first
    const d = north.map((r) => Math.hypot(r.lat - 21.026, (r.lng - 105.846) * Math.cos((21 * Math.PI) / 180)));
    expect([...d].sort((a, b) => a - b)).toEqual(d);
  });
});
