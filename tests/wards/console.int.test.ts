/** The commune console's data: import (dry run, all-or-nothing), export, statistics, coverage. */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const WARD = '00004'; // Ba Đình
let staff: Awaited<ReturnType<typeof signedIn>>;
let pts: { lat: number; lng: number }[];
const count = async () => Number((await knex('addresses').where({ ward_code: WARD }).count('* as n'))[0]!.n);

beforeAll(async () => {
  staff = await signedIn(app, knex, 'staff', [WARD]);
  pts = await pointsIn(knex, WARD, 30);
});

const csv = (rows: string[]) => ['lat,lng,house_number,street,unit,note', ...rows].join('\n') + '\n';
const row = (i: number, extra = '') => `${pts[i]!.lat},${pts[i]!.lng},${i + 1},Phố Đội Cấn,,${extra}`;

describe('imports', () => {
  it('a dry run reports row by row; a commit with a bad row is refused and writes nothing; the fixed file imports', async () => {
    const bad = csv([row(0), `abc,${pts[1]!.lng},2,Phố Đội Cấn,,`, row(2), '21.0287,105.8522,4,Hàng Bài,,', row(3, 'gọi 0912345678')]);
    const before = await count();
    const dry = await staff.agent.post(`/v1/wards/${WARD}/imports?dryRun=true`).set('content-type', 'text/csv').send(bad).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, total: 5, valid: 2, invalid: 3 });
    expect(dry.body.rows[0]).toMatchObject({ row: 1, ok: true, code: expect.stringMatching(/^\w{3}-\w{3}-\w{3}$/) });
    expect(dry.body.rows[1]).toMatchObject({ row: 2, ok: false, error: expect.stringMatching(/lat "abc"/) });
    expect(dry.body.rows[3]).toMatchObject({ row: 4, ok: false, error: expect.stringMatching(/ward 00070, not in 00004/) });
    expect(dry.body.rows[4]).toMatchObject({ row: 5, ok: false, error: expect.stringMatching(/phone/) });
    expect(await count()).toBe(before);

    const refused = await staff.agent.post(`/v1/wards/${WARD}/imports?dryRun=false`).set('content-type', 'text/csv').send(bad).expect(422);
    expect(refused.body).toMatchObject({ type: '/problems/invalid-import' });
    expect(refused.body.rows).toHaveLength(3);
    expect(await count()).toBe(before);

    const good = csv([row(0), row(1), row(2), `${pts[3]!.lat},${pts[3]!.lng},4,Phố Đội Cấn,P2,`]);
    const done = await staff.agent.post(`/v1/wards/${WARD}/imports?dryRun=false`).set('content-type', 'text/csv').send(good).expect(201);
    expect(done.body).toMatchObject({ imported: 4, invalid: 0 });
    expect(await count()).toBe(before + 4);
    const first = await request(app).get(`/v1/codes/${done.body.rows[0].code}`).expect(200);
    expect(first.body.address).toMatchObject({ status: 'verified', details: { houseNumber: '1', street: 'Phố Đội Cấn' } });
    const history = await request(app)
      .get(`/v1/addresses/${encodeURIComponent(done.body.rows[0].code)}/history`)
      .expect(200);
    expect(history.body.versions[0].kind).toBe('imported');

    const again = await staff.agent.post(`/v1/wards/${WARD}/imports`).set('content-type', 'text/csv').send(good).expect(200);
    expect(again.body.rows.every((r: { error?: string }) => /already registered/.test(r.error ?? ''))).toBe(true);
  });

  it('imports GeoJSON points, and catches duplicates inside the file', async () => {
    const feature = (i: number, props: object = {}) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [pts[i]!.lng, pts[i]!.lat] },
      properties: { houseNumber: `G${i}`, ...props },
    });
    const doc = { type: 'FeatureCollection', features: [feature(10), feature(11), feature(11)] };
    const dry = await staff.agent
      .post(`/v1/wards/${WARD}/imports`)
      .set('content-type', 'application/geo+json')
      .send(JSON.stringify(doc))
      .expect(200);
    expect(dry.body.rows[2]).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
    doc.features.pop();
    await staff.agent
      .post(`/v1/wards/${WARD}/imports?dryRun=false`)
      .set('content-type', 'application/geo+json')
      .send(JSON.stringify(doc))
      .expect(201);
  });

  it('answers unreadable files with 400, other media types with 415', async () => {
    await staff.agent.post(`/v1/wards/${WARD}/imports`).set('content-type', 'application/geo+json').send('{"type": "Feature"').expect(400);
    await staff.agent.post(`/v1/wards/${WARD}/imports`).set('content-type', 'text/csv').send('').expect(400);
    await staff.agent.post(`/v1/wards/${WARD}/imports`).set('content-type', 'text/csv').send('lat,lng\n"unterminated\n').expect(400);
    await staff.agent.post(`/v1/wards/${WARD}/imports`).set('content-type', 'image/png').send('x').expect(415);
  });
});

describe('export, statistics, coverage', () => {
  it('exports the ward as CSV and GeoJSON', async () => {
    const csvRes = await staff.agent.get(`/v1/wards/${WARD}/addresses?format=csv`).expect(200);
    expect(csvRes.headers['content-type']).toMatch(/^text\/csv/);
    expect(csvRes.headers['content-disposition']).toMatch(/attachment; filename="?addresses-00004.csv"?/);
    const lines = csvRes.text.trim().split('\n');
    expect(lines[0]).toBe(
      'code,unit,lat,lng,house_number,street,hamlet,building,landmark,note,place_name,category,status,private,version,updated_at',
    );
    expect(lines.length - 1).toBe(await count());
    expect(csvRes.text).toContain('Phố Đội Cấn');
    const geo = await staff.agent.get(`/v1/wards/${WARD}/addresses?format=geojson`).buffer(true).expect(200);
    const fc = JSON.parse(geo.text ?? geo.body.toString());
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features[0].properties).toHaveProperty('status');
  });

  it('gives statistics and a coverage map of H3 cells with their counts (0 = a gap)', async () => {
    const stats = await staff.agent.get(`/v1/wards/${WARD}/stats`).expect(200);
    expect(stats.body).toMatchObject({ wardCode: WARD, addresses: await count(), pendingProposals: 0 });
    expect(stats.body.verifiedShare).toBeGreaterThan(0);
    const coverage = await staff.agent.get(`/v1/wards/${WARD}/coverage`).expect(200);
    expect(coverage.body.resolution).toBe(9);
    expect(coverage.body.cells).toBeGreaterThan(10);
    expect(coverage.body.emptyCells).toBeGreaterThan(0);
    const counted = coverage.body.features.reduce((s: number, f: { properties: { count: number } }) => s + f.properties.count, 0);
    expect(counted).toBe(await count());
  });

  it('gives any ward’s reference data publicly, with geometry on request', async () => {
    const ward = await request(app).get(`/v1/admin/wards/${WARD}?geometry=true`).expect(200);
    expect(ward.body).toMatchObject({ code: WARD, fullName: 'Phường Ba Đình', province: { code: '01' }, postalCode: '11120' });
    expect(ward.body.geometry.type).toBe('MultiPolygon');
    await request(app).get('/v1/admin/wards/99999').expect(404);
    const wards = await request(app).get('/v1/admin/provinces/01/wards').expect(200);
    expect(wards.body.wards).toHaveLength(126);
    expect((await request(app).get('/v1/admin/provinces').expect(200)).body.provinces).toHaveLength(34);
  });
});
