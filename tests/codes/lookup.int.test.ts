import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { greatCircleDistance } from 'h3-js';
import { decode, encode, formatCode, parseCode } from '../../server/codes/codec.js';
import { BatchLookupResult, CodeLookup } from '../../server/codes/schemas.js';
import { loadConfig } from '../../server/config.js';
import { createTestApp } from '../support/app.js';

const { app, knex, close } = createTestApp();
afterAll(close);

describe('GET /v1/codes/{code}', () => {
  it('decodes an unregistered code with its cell, ward, province and postal code', async () => {
    const res = await request(app).get('/v1/codes/25M-SN9-S32').expect(200);
    const body = CodeLookup.parse(res.body);
    expect(body.code).toBe('25M-SN9-S32');
    expect(body.registered).toBe(false); // (a later test registers it)
    expect(body.address).toBeUndefined();
    expect(body.admin.ward).toMatchObject({ code: '00070', fullName: 'Phường Hoàn Kiếm', type: 'phuong' });
    expect(body.admin.province).toMatchObject({ code: '01', name: 'Hà Nội' });
    expect(body.admin.postalCode).toBe('11024');
    expect(body.cell.coordinates[0]).toHaveLength(7);
    expect(body.lat).toBeCloseTo(21.0287, 4);
    expect(body.lng).toBeCloseTo(105.8522, 4);
    expect(body.geohash).toMatch(/^w7er8/);
  });

  it('reads forgiving input and answers with the canonical form', async () => {
    const res = await request(app).get('/v1/codes/25m%20sn9s32').expect(200);
    expect(res.body.code).toBe('25M-SN9-S32');
  });

  it("gives the ward's postal code outside Hà Nội, Huế and Đà Nẵng too (Phường Bến Thành, TP HCM)", async () => {
    const res = await request(app)
      .get(`/v1/codes/${formatCode(encode(10.7725, 106.698)!)}`)
      .expect(200);
    expect(res.body.admin.province).toMatchObject({ code: '79', postalPrefixes: expect.arrayContaining(['70', '71']) });
    expect(res.body.admin.ward).toMatchObject({ code: '26743', fullName: 'Phường Bến Thành' });
    expect(res.body.admin.postalCode).toBe('71009');
  });

  it('has no ward at sea, but still a code', async () => {
    expect(encode(10.2, 107.3)).not.toBeNull();
    const res = await request(app)
      .get(`/v1/codes/${encode(10.2, 107.3)}`)
      .expect(200);
    expect(res.body.admin).toEqual({ province: null, ward: null, postalCode: null });
  });

  it('finds Hoàng Sa in Đà Nẵng and Trường Sa in Khánh Hoà', async () => {
    const hoangSa = await request(app)
      .get(`/v1/codes/${encode(16.0357755, 112.5555245)}`)
      .expect(200);
    expect(hoangSa.body.admin.province?.code).toBe('48');
    const truongSa = await request(app)
      .get(`/v1/codes/${encode(7.88477, 110.0121712)}`)
      .expect(200);
    expect(truongSa.body.admin.province?.code).toBe('56');
  });

  it('answers a failed check character with 400 problem+json and suggestions, nearest first', async () => {
    const res = await request(app).get('/v1/codes/25M-SN9-S33?near=21.0287,105.8522').expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, type: '/problems/invalid-code', reason: 'check' });
    expect(res.body.suggestions.length).toBeGreaterThan(0);
    expect(res.body.suggestions.length).toBeLessThanOrEqual(5);
    expect(res.body.suggestions).toContain('25M-SN9-S32');
    const distances = res.body.suggestions.map((c: string) => {
      const { lat, lng } = decode(parseCode(c).ok ? (parseCode(c) as { code: string }).code : '');
      return greatCircleDistance([lat, lng], [21.0287, 105.8522], 'm');
    });
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(res.body.detail).toMatch(/Did you mean/);
  });

  it('suggests the full code when one character is missing', async () => {
    const res = await request(app).get('/v1/codes/25M-SN9-32?near=21.03,105.85').expect(400);
    expect(res.body.reason).toBe('length');
    expect(res.body.suggestions).toContain('25M-SN9-S32');
  });

  it.each([['25M-SN9-S3!'], ['x'], ['25M-SN9-S32-25M-SN9-S32']])('rejects %j with a 400 that says why', async (code) => {
    const res = await request(app)
      .get(`/v1/codes/${encodeURIComponent(code)}`)
      .expect(400);
    expect(res.body.detail).toBeTruthy();
  });

  it('rejects a bad near parameter', async () => {
    const res = await request(app).get('/v1/codes/25M-SN9-S33?near=north').expect(400);
    expect(res.body.errors[0]).toMatchObject({ in: 'query', field: 'near' });
  });

  it('decodes a code with a unit, in the path or after an encoded slash', async () => {
    const a = await request(app).get('/v1/codes/25M-SN9-S32/a12').expect(200);
    expect(a.body.code).toBe('25M-SN9-S32/A12');
    const b = await request(app).get('/v1/codes/25M-SN9-S32%2FA12').expect(200);
    expect(b.body.code).toBe('25M-SN9-S32/A12');
    await request(app).get('/v1/codes/25M-SN9-S32/TOO-LONG-UNIT').expect(400);
  });
});

describe('GET /v1/encode', () => {
  it('encodes a point without storing anything', async () => {
    const res = await request(app).get('/v1/encode?lat=21.0287&lng=105.8522').expect(200);
    expect(res.body).toMatchObject({ code: '25M-SN9-S32', formatVersion: 1 });
  });
  it.each([
    ['lat=91&lng=105', 400],
    ['lat=21&lng=', 400],
    ['lng=105', 400],
    ['lat=1e400&lng=105', 400],
    ['lat=13.75&lng=100.5', 422],
  ])('%s → %i', async (qs, status) => {
    const res = await request(app).get(`/v1/encode?${qs}`).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('POST /v1/codes/lookup', () => {
  it('answers in input order, invalid codes with an error and suggestions, without failing the rest', async () => {
    // a registered code is the likeliest meaning of a typo: it is suggested first
    // (a point of this test's own, so that other test files registering the famous 25M-SN9-S32 cannot interfere)
    const registered = (await request(app).post('/v1/addresses').send({ lat: 21.02935, lng: 105.85287 }).expect(201)).body.code as string;
    const typo = registered.slice(0, -1) + (registered.endsWith('0') ? '1' : '0');
    const codes = [registered, typo, '0nb v7j 5c2', '', `${registered}/B2`];
    const res = await request(app).post('/v1/codes/lookup').send({ codes }).expect(200);
    const body = BatchLookupResult.parse(res.body);
    expect(body.results.map((r) => r.query)).toEqual(codes);
    expect(body.results[0]!.result?.admin.ward?.code).toBe('00070');
    expect(body.results[1]!.result).toBeNull();
    expect(body.results[1]!.error?.suggestions?.[0]).toBe(registered);
    expect(body.results[2]!.result?.code).toBe('0NB-V7J-5C2');
    expect(body.results[3]!.error?.status).toBe(400);
    expect(body.results[4]!.result?.code).toBe(`${registered}/B2`);
  });

  it('decodes 1,000 codes spread over Vietnam in one request, each matching the single lookup', async () => {
    const codes: string[] = [];
    for (let i = 0; codes.length < 1000; i++) {
      const code = encode(8.6 + (((i * 7919) % 1000) / 1000) * 14.7, 102.2 + (((i * 104729) % 1000) / 1000) * 7.2);
      if (code) codes.push(code);
    }
    const res = await request(app).post('/v1/codes/lookup').send({ codes }).expect(200);
    expect(res.body.results).toHaveLength(1000);
    for (const i of [0, 137, 500, 999]) {
      const single = await request(app).get(`/v1/codes/${codes[i]}`).expect(200);
      expect(res.body.results[i].result).toEqual(single.body);
    }
    const withWard = res.body.results.filter((r: { result: { admin: { ward: unknown } } }) => r.result.admin.ward).length;
    expect(withWard).toBeGreaterThan(300); // the rest fall at sea or in neighbouring countries
  });

  it('gives every decoded code in a ward its postal code: 300 random points in random wards across the country', async () => {
    const { rows } = await knex.raw(
      `SELECT w.code, ST_Y(d.geom) AS lat, ST_X(d.geom) AS lng
       FROM (SELECT code, geom FROM wards ORDER BY md5(code || 'postal') LIMIT 320) w,
            ST_Dump(ST_GeneratePoints(w.geom, 1, 17)) d -- (a sliver of a ward may get no point)
       ORDER BY md5(w.code || 'postal') LIMIT 300`,
    );
    expect(rows).toHaveLength(300);
    const codes = rows.map((r: { lat: number; lng: number }) => encode(r.lat, r.lng)!);
    const res = await request(app).post('/v1/codes/lookup').send({ codes, cell: false }).expect(200);
    const admins = BatchLookupResult.parse(res.body).results.map((r) => r.result!.admin);
    const provinces = new Set(admins.map((a) => a.province?.code));
    expect(provinces.size).toBeGreaterThanOrEqual(30);
    for (const admin of admins) {
      expect(admin.postalCode).toMatch(/^\d{5}$/);
      expect(admin.province!.postalPrefixes).toContain(admin.postalCode!.slice(0, 2));
    }
    // the code's centre is a few metres from the point: at most a point or two crosses into the next ward
    const same = admins.filter((a, i) => a.ward?.code === rows[i].code).length;
    expect(same).toBeGreaterThanOrEqual(295);
  });

  it('leaves out the cell outlines when asked (cell: false), the rest unchanged and smaller', async () => {
    const codes = ['0NB-V7J-5C2', '25M-SN9-S32', 'not a code'];
    const full = await request(app).post('/v1/codes/lookup').send({ codes }).expect(200);
    const lean = await request(app).post('/v1/codes/lookup').send({ codes, cell: false }).expect(200);
    BatchLookupResult.parse(lean.body);
    for (let i = 0; i < 2; i++) {
      expect(lean.body.results[i].result.cell).toBeUndefined();
      const { cell, ...rest } = full.body.results[i].result;
      expect(cell.type).toBe('Polygon');
      expect(lean.body.results[i].result).toEqual(rest);
    }
    expect(lean.body.results[2]).toEqual(full.body.results[2]);
    expect(JSON.stringify(lean.body).length).toBeLessThan(JSON.stringify(full.body).length * 0.75);
    await request(app).post('/v1/codes/lookup').send({ codes, cell: 'no' }).expect(400);
  });

  it.each([
    [{ codes: [] }, /at least one/],
    [{ codes: Array(1001).fill('25M-SN9-S32') }, /1,000/],
    [{ codes: 'abc' }, /array/],
    [{ codes: [1, 2] }, /string/],
    [{ code: ['25M-SN9-S32'] }, /codes|Unrecognized/i],
  ])('rejects %j with 400', async (body, message) => {
    const res = await request(app).post('/v1/codes/lookup').send(body).expect(400);
    expect(res.body.detail).toMatch(message);
  });

  it('rejects malformed JSON with 400 and a non-JSON body with 415', async () => {
    const bad = await request(app).post('/v1/codes/lookup').set('content-type', 'application/json').send('{"codes": [').expect(400);
    expect(bad.body.detail).toMatch(/not valid JSON/);
    await request(app).post('/v1/codes/lookup').set('content-type', 'text/plain').send('25M-SN9-S32').expect(415);
  });
});

describe('ward by point-in-polygon on real data', () => {
  it('puts the OSM address points of Hà Nội and TP HCM in their 2025 wards', async () => {
    const { dataDir } = loadConfig(); // DATA_DIR, as the server reads it
    const points = JSON.parse(
      readFileSync(path.join(dataDir, 'osm', 'osm_addr_points_hanoi_hcmc.geojson'), 'utf8'),
    ) as GeoJSON.FeatureCollection<GeoJSON.Point>;
    const codes = points.features.map((f) => encode(f.geometry.coordinates[1]!, f.geometry.coordinates[0]!)!);
    const res = await request(app).post('/v1/codes/lookup').send({ codes }).expect(200);
    let agree = 0;
    res.body.results.forEach((r: { result: { admin: { ward: { code: string } | null } } }, i: number) => {
      if (r.result.admin.ward?.code === points.features[i]!.properties!.ward_code_2025) agree++;
    });
    // the points' labels come from the same full-resolution wards, tested at the point itself;
    // the code's cell centre is at most ~1.5 m away, so only points on a boundary may differ
    expect(agree / codes.length).toBeGreaterThanOrEqual(0.99);
  });
});
