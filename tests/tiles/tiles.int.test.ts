import { VectorTile } from '@mapbox/vector-tile';
import { cellToParent, latLngToCell } from 'h3-js';
import { PbfReader } from 'pbf';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { encode } from '../../server/codes/codec.js';
import { createTestApp } from '../support/app.js';

const { app, knex, close } = createTestApp();
afterAll(close);

function tileOf(lat: number, lng: number, z: number) {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

async function features(layer: string, lat: number, lng: number, z: number) {
  const res = await request(app)
    .get(`/tiles/${layer}/${tileOf(lat, lng, z)}.mvt`)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  expect([200, 204]).toContain(res.status);
  if (res.status === 204) return [];
  expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
  const tile = new VectorTile(new PbfReader(res.body as Buffer) as never);
  const l = tile.layers[layer];
  expect(l, `layer ${layer} in its own tile`).toBeDefined();
  return Array.from({ length: l!.length }, (_, i) => l!.feature(i));
}

const HOAN_KIEM = [21.0287, 105.8522] as const;

describe('GET /tiles/{layer}/{z}/{x}/{y}.mvt', () => {
  it('draws provinces, countries and their labels at national zoom', async () => {
    const provinces = await features('provinces', ...HOAN_KIEM, 5);
    expect(provinces.map((f) => f.properties.name)).toContain('Hà Nội');
    const countries = await features('countries', ...HOAN_KIEM, 4);
    expect(countries.length).toBeGreaterThan(1);
    const labels = await features('labels', ...HOAN_KIEM, 6);
    expect(labels.find((f) => f.properties.name === 'Hà Nội')?.properties.kind).toBe('province');
  });

  it('draws wards with their names and codes, and ward labels from z10', async () => {
    const wards = await features('wards', ...HOAN_KIEM, 13);
    expect(wards.find((f) => f.properties.code === '00070')?.properties.name).toBe('Hoàn Kiếm');
    expect(wards[0]!.type).toBe(3); // polygon
    const labels = await features('labels', ...HOAN_KIEM, 12);
    expect(labels.some((f) => f.properties.kind === 'ward')).toBe(true);
  });

  it('draws OSM roads with Vietnamese names and buildings where extracts are loaded', async () => {
    const roads = await features('roads', 21.0268, 105.8335, 15);
    expect(roads.length).toBeGreaterThan(5);
    expect(roads.some((f) => String(f.properties.name ?? '').startsWith('Phố'))).toBe(true);
    const buildings = await features('buildings', 21.0268, 105.8335, 15);
    expect(buildings.length).toBeGreaterThan(5);
  });

  it('draws registered addresses as points up close and as counts from afar', async () => {
    const at = { lat: 10.7759, lng: 106.7009 };
    const created = await request(app).post('/v1/addresses').send(at);
    expect([200, 201]).toContain(created.status);
    const near = await features('addresses', at.lat, at.lng, 16);
    expect(near.map((f) => f.properties.code)).toContain(created.body.code);
    const far = await features('addresses', at.lat, at.lng, 8);
    expect(far.length).toBeGreaterThan(0);
    expect(Number(far[0]!.properties.count)).toBeGreaterThanOrEqual(1);
  });

  it('draws z9–z11 from H3 resolution 8 and z12 from 9, which the triggers keep exact on insert, move, privacy and delete', async () => {
    // around the middle of a z12 tile (so well inside its z11, z10 and z9 tiles) in rural Thanh Hóa, where no other test registers
    const n = 2 ** 12;
    const [, x, y] = tileOf(19.95, 105.45, 12).split('/').map(Number) as [number, number, number];
    const c = { lat: (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + 0.5)) / n))) * 180) / Math.PI, lng: ((x + 0.5) / n) * 360 - 180 };
    const at = (east: number, north: number) => ({
      lat: c.lat + north / 111_320,
      lng: c.lng + east / (111_320 * Math.cos((c.lat * Math.PI) / 180)),
    });
    // clusters of 1 to 4 addresses 250 m apart (about one res-9 cell each), 1.5 km between clusters
    const points = [0, 1, 2, 3].flatMap((k) => Array.from({ length: k + 1 }, (_, j) => at(k * 1500 - 2250, j * 250 - 375)));
    const codes: string[] = [];
    for (const p of points) {
      const created = await request(app).post('/v1/addresses').send(p);
      expect(created.status).toBe(201);
      codes.push(created.body.code.replaceAll('-', '')); // as stored: the 9 characters
    }
    const pad = 0.005;
    const box = {
      west: Math.min(...points.map((p) => p.lng)) - pad,
      east: Math.max(...points.map((p) => p.lng)) + pad,
      south: Math.min(...points.map((p) => p.lat)) - pad,
      north: Math.max(...points.map((p) => p.lat)) + pad,
    };
    const inBox = ([lng, lat]: number[]) => lng! >= box.west && lng! <= box.east && lat! >= box.south && lat! <= box.north;

    /** One point per H3 cell of resolution res, recounted from the public addresses themselves: those whose centroid is in the box. */
    const recount = async (res: number) => {
      const { rows } = await knex.raw(
        'SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat, h3::text AS h3 FROM addresses WHERE NOT private AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)',
        [box.west - 0.2, box.south - 0.2, box.east + 0.2, box.north + 0.2],
      );
      const cells = new Map<string, { count: number; lng: number; lat: number }>();
      for (const r of rows as { lng: number; lat: number; h3: string }[]) {
        const cell = cellToParent(BigInt(r.h3).toString(16), res);
        const s = cells.get(cell) ?? { count: 0, lng: 0, lat: 0 };
        cells.set(cell, { count: s.count + 1, lng: s.lng + r.lng, lat: s.lat + r.lat });
      }
      return [...cells.values()]
        .map((s) => ({ count: s.count, lng: s.lng / s.count, lat: s.lat / s.count }))
        .filter((s) => inBox([s.lng, s.lat]));
    };
    const counts = (cells: { count: number }[]) => cells.map((s) => s.count).sort((a, b) => a - b);

    /** z9–z11 draw one point per res-8 cell, z12 per res-9 cell, each at its addresses' centroid. */
    const expectDensityTiles = async () => {
      const byRes = new Map(await Promise.all([6, 8, 9].map(async (r) => [r, await recount(r)] as const)));
      // the check could not tell the resolutions apart otherwise
      expect(counts(byRes.get(8)!)).not.toEqual(counts(byRes.get(9)!));
      expect(counts(byRes.get(8)!)).not.toEqual(counts(byRes.get(6)!));
      for (const [z, res] of [
        [9, 8],
        [10, 8],
        [11, 8],
        [12, 9],
      ] as const) {
        const expected = byRes.get(res)!;
        const [, tx, ty] = tileOf(c.lat, c.lng, z).split('/').map(Number) as [number, number, number];
        const drawn = (await features('addresses', c.lat, c.lng, z))
          .map((f) => ({
            count: Number(f.properties.count),
            coords: (f.toGeoJSON(tx, ty, z).geometry as { coordinates: number[] }).coordinates,
          }))
          .filter((f) => inBox(f.coords));
        expect(counts(drawn), `z${z}`).toEqual(counts(expected));
        for (const e of expected)
          // to the tile's grid (~10 m at z10)
          expect(
            drawn.some((f) => f.count === e.count && Math.abs(f.coords[0]! - e.lng) < 5e-4 && Math.abs(f.coords[1]! - e.lat) < 5e-4),
            `z${z}`,
          ).toBe(true);
      }
    };

    await expectDensityTiles();
    // one address moved between two clusters, in the same statement as another made private
    const to = at(1550, 25);
    const { rowCount } = await knex.raw(
      `UPDATE addresses SET geom = CASE WHEN code = :moved THEN ST_SetSRID(ST_MakePoint(:lng, :lat), 4326) ELSE geom END,
                            h3 = CASE WHEN code = :moved THEN CAST(:h3 AS bigint) ELSE h3 END,
                            code = CASE WHEN code = :moved THEN :code ELSE code END,
                            private = private OR code = :hidden
       WHERE code IN (:moved, :hidden)`,
      {
        moved: codes[9]!,
        hidden: codes[6]!,
        lng: to.lng,
        lat: to.lat,
        h3: BigInt(`0x${latLngToCell(to.lat, to.lng, 14)}`).toString(),
        code: encode(to.lat, to.lng)!,
      },
    );
    expect(rowCount).toBe(2);
    codes[9] = encode(to.lat, to.lng)!;
    await expectDensityTiles();
    await knex('addresses').where('code', codes[0]!).del(); // the lone one: res 8 and 9 still differ
    await expectDensityTiles();
    await knex('addresses').whereIn('code', codes).del();
  });

  it('answers an empty area with 204', async () => {
    const res = await request(app).get(`/tiles/wards/${tileOf(-40, -120, 10)}.mvt`);
    expect(res.status).toBe(204);
  });

  it.each([
    ['/tiles/rivers/5/25/14.mvt', 404],
    ['/tiles/wards/3/6/3.mvt', 404],
    ['/tiles/wards/17/1/1.mvt', 404],
    ['/tiles/roads/14/99999/1.mvt', 404],
    ['/tiles/wards/x/1/1.mvt', 400],
    ['/tiles/constructor/5/1/1.mvt', 404],
  ])('%s → %i problem+json', async (url, status) => {
    const res = await request(app).get(url).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('sends cache headers and answers a conditional request with 304', async () => {
    const url = `/tiles/provinces/${tileOf(...HOAN_KIEM, 7)}.mvt`;
    const first = await request(app).get(url).expect(200);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(first.headers.etag).toBeTruthy();
    await request(app).get(url).set('If-None-Match', first.headers.etag!).expect(304);
  });
});
