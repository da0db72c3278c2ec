import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReverseResult } from '../../server/addresses/schemas.js';
import { createTestApp } from '../support/app.js';

const { app, knex, close } = createTestApp();
afterAll(close);

// A row of houses every ~11 m going east from a point in Huế.
const origin = { lat: 16.4637, lng: 107.5909 };
const houses = Array.from({ length: 12 }, (_, i) => ({ lat: origin.lat, lng: origin.lng + i * 0.0001 }));

beforeAll(async () => {
  for (const [i, h] of houses.entries()) {
    await request(app)
      .post('/v1/addresses')
      .send({ ...h, details: { houseNumber: String(i + 1), street: 'Lê Lợi' } })
      .expect(201);
  }
});

describe('GET /v1/reverse', () => {
  it('gives the code of the point and the nearest addresses first, with distances in metres', async () => {
    const res = await request(app)
      .get(`/v1/reverse?lat=${origin.lat}&lng=${origin.lng + 0.00021}&limit=3`)
      .expect(200);
    const body = ReverseResult.parse(res.body);
    expect(body.code).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);
    expect(body.admin.province?.code).toBe('46');
    expect(body.addresses.map((a) => a.details.houseNumber)).toEqual(['3', '4', '2']);
    expect(body.addresses[0]!.distance).toBeLessThan(2);
    expect(body.addresses[1]!.distance).toBeCloseTo(9.6, 0);
    expect(body.addresses[0]!.admin.ward?.code).toBe(body.admin.ward?.code);
  });

  it("names the point's ward and its postal code, in Hà Nội and elsewhere", async () => {
    const at = async (lat: number, lng: number) =>
      ReverseResult.parse((await request(app).get(`/v1/reverse?lat=${lat}&lng=${lng}`).expect(200)).body);
    const hoanKiem = await at(21.0287, 105.8522);
    expect([hoanKiem.admin.ward?.code, hoanKiem.admin.postalCode]).toEqual(['00070', '11024']);
    const caiKhe = await at(10.0553, 105.7835);
    expect([caiKhe.admin.ward?.code, caiKhe.admin.postalCode]).toEqual(['31120', '94107']); // Phường Cái Khế, Cần Thơ
    const here = await at(origin.lat, origin.lng); // Huế: the registered houses carry theirs too
    expect(here.admin.postalCode).toMatch(/^49\d{3}$/);
    expect(here.addresses[0]!.admin.postalCode).toBe(here.admin.postalCode);
  });

  it('keeps to the radius (default 100 m) and limit (default 10)', async () => {
    const near = await request(app).get(`/v1/reverse?lat=${origin.lat}&lng=${origin.lng}&radius=25`).expect(200);
    expect(near.body.addresses.map((a: { details: { houseNumber: string } }) => a.details.houseNumber)).toEqual(['1', '2', '3']);
    const all = await request(app).get(`/v1/reverse?lat=${origin.lat}&lng=${origin.lng}`).expect(200);
    expect(all.body.addresses).toHaveLength(10);
    for (const a of all.body.addresses) expect(a.distance).toBeLessThanOrEqual(100);
  });

  it('finds exactly what a search of the whole table in metres finds, at any radius up to 2 km (the index box never cuts the circle)', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 40; i++) {
      // around the row of houses, radii that end between two houses as often as not
      const lat = origin.lat + (random() - 0.5) * 0.02;
      const lng = origin.lng + (random() - 0.5) * 0.02;
      const radius = Math.round(random() * 2000 * 10) / 10;
      const res = await request(app).get(`/v1/reverse?lat=${lat}&lng=${lng}&radius=${radius}&limit=100`).expect(200);
      const { rows } = await knex.raw(
        `SELECT code, unit FROM addresses
         WHERE NOT private AND ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography, ?)
         ORDER BY ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint(?, ?), 4326)::geography), code, unit LIMIT 100`,
        [lng, lat, radius, lng, lat],
      );
      const expected = rows.map((r: { code: string; unit: string }) => `${r.code}/${r.unit}`);
      const got = res.body.addresses.map((a: { code: string }) => a.code);
      expect(got.length, `${lat},${lng} r=${radius}`).toBe(expected.length);
      for (const [j, a] of res.body.addresses.entries()) expect(a.code.replace(/-/g, '').split('/')[0]).toBe(expected[j].split('/')[0]);
    }
  });

  it('answers [] where nothing is registered, never null', async () => {
    const res = await request(app).get('/v1/reverse?lat=22.5&lng=103.9').expect(200);
    expect(res.body.addresses).toEqual([]);
  });

  it.each([
    ['radius=2001', 400],
    ['radius=-1', 400],
    ['limit=0', 400],
    ['limit=101', 400],
    ['limit=2.5', 400],
    ['radius=abc', 400],
  ])('%s → %i', async (qs, status) => {
    await request(app).get(`/v1/reverse?lat=${origin.lat}&lng=${origin.lng}&${qs}`).expect(status);
  });

  it('refuses a point outside coverage with 422', async () => {
    await request(app).get('/v1/reverse?lat=48.85&lng=2.35').expect(422);
  });
});
