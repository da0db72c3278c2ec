import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';

const { app, close } = createTestApp();
afterAll(close);

function tileOf(lat: number, lng: number, z: number) {
  const n = 2 ** z;
  const x = Math.floor(((lng + 180) / 360) * n);
  const r = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  return `${z}/${x}/${y}`;
}

async function features(layer: string, lat: number, lng: number, z: number) {
  const res = await request(app).get(`/tiles/${layer}/${tileOf(lat, lng, z)}.mvt`).buffer(true).parse((r, cb) => {
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
