/** Object-level authorisation and privacy: who may see and change what. */
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const A = '00070'; // Hoàn Kiếm
const B = '00226'; // Văn Miếu - Quốc Tử Giám
let owner: Awaited<ReturnType<typeof signedIn>>;
let other: Awaited<ReturnType<typeof signedIn>>;
let staffA: Awaited<ReturnType<typeof signedIn>>;
let staffB: Awaited<ReturnType<typeof signedIn>>;
let inA: { lat: number; lng: number }[];
let inB: { lat: number; lng: number }[];

beforeAll(async () => {
  [owner, other, staffA, staffB] = await Promise.all([
    signedIn(app, knex, 'household'),
    signedIn(app, knex, 'household'),
    signedIn(app, knex, 'staff', [A]),
    signedIn(app, knex, 'staff', [B]),
  ]);
  [inA, inB] = await Promise.all([pointsIn(knex, A, 20), pointsIn(knex, B, 20)]);
});

const enc = (code: string) => encodeURIComponent(code);

describe('ownership', () => {
  it('a signed-in household owns what it registers: it edits directly, others may not', async () => {
    const created = await owner.agent
      .post('/v1/addresses')
      .send({ ...inA[0]!, details: { houseNumber: '1' } })
      .expect(201);
    expect(created.body.address.status).toBe('draft');
    const code = created.body.code as string;
    const edited = await owner.agent
      .patch(`/v1/addresses/${enc(code)}`)
      .send({ version: 1, details: { houseNumber: '1A' } })
      .expect(200);
    expect(edited.body.address).toMatchObject({ version: 2, details: { houseNumber: '1A' } });
    await other.agent
      .patch(`/v1/addresses/${enc(code)}`)
      .send({ version: 2, details: { houseNumber: 'X' } })
      .expect(403);
    await request(app)
      .patch(`/v1/addresses/${enc(code)}`)
      .send({ version: 2, details: { houseNumber: 'X' } })
      .expect(401);
    await owner.agent
      .patch(`/v1/addresses/${enc(code)}`)
      .send({ version: 2, status: 'verified' })
      .expect(403); // only staff verify
    expect((await request(app).get(`/v1/codes/${code}`)).body.address.details.houseNumber).toBe('1A');
  });

  it('a stale version gets 409 with the current address, never a silent overwrite', async () => {
    const code = (await owner.agent.post('/v1/addresses').send(inA[1]!).expect(201)).body.code;
    await owner.agent
      .patch(`/v1/addresses/${enc(code)}`)
      .send({ version: 1, details: { street: 'Hàng Bài' } })
      .expect(200);
    const stale = await owner.agent
      .patch(`/v1/addresses/${enc(code)}`)
      .send({ version: 1, details: { street: 'Tràng Tiền' } })
      .expect(409);
    expect(stale.body.current.address).toMatchObject({ version: 2, details: { street: 'Hàng Bài' } });
  });

  it('staff of ward A manage ward A only: verify, edit, export, import, stats, queue and coverage in B are refused', async () => {
    const inAcode = (await other.agent.post('/v1/addresses').send(inA[2]!).expect(201)).body.code;
    const inBcode = (await other.agent.post('/v1/addresses').send(inB[0]!).expect(201)).body.code;
    await staffA.agent
      .patch(`/v1/addresses/${enc(inAcode)}`)
      .send({ version: 1, status: 'verified' })
      .expect(200);
    await staffA.agent
      .patch(`/v1/addresses/${enc(inBcode)}`)
      .send({ version: 1, status: 'verified' })
      .expect(403);
    await staffA.agent
      .patch(`/v1/addresses/${enc(inBcode)}`)
      .send({ version: 1, details: { note: 'x' } })
      .expect(403);
    for (const path of ['addresses?format=csv', 'addresses?format=geojson', 'stats', 'coverage', 'proposals?status=pending']) {
      await staffA.agent.get(`/v1/wards/${B}/${path}`).expect(403);
      await staffB.agent.get(`/v1/wards/${B}/${path}`).expect(200);
      await other.agent.get(`/v1/wards/${B}/${path}`).expect(403);
      await request(app).get(`/v1/wards/${B}/${path}`).expect(401);
    }
    await staffA.agent
      .post(`/v1/wards/${B}/imports?dryRun=true`)
      .set('content-type', 'text/csv')
      .send(`lat,lng\n${inB[1]!.lat},${inB[1]!.lng}\n`)
      .expect(403);
    await staffA.agent
      .post(`/v1/addresses/${enc(inBcode)}/restore`)
      .send({ version: 1 })
      .expect(403);
    // a staff member registering in their own ward digitises: verified at once, unowned
    const digitised = await staffA.agent
      .post('/v1/addresses')
      .send({ ...inA[3]!, details: { houseNumber: '9' } })
      .expect(201);
    expect(digitised.body.address.status).toBe('verified');
  });
});

describe('private addresses leak nothing', () => {
  let code: string;
  let point: { lat: number; lng: number };
  beforeAll(async () => {
    point = inA[4]!;
    code = (
      await owner.agent
        .post('/v1/addresses')
        .send({ ...point, details: { houseNumber: '77', street: 'Phố Bí Mật', note: 'cổng đỏ' } })
        .expect(201)
    ).body.code;
    await owner.agent
      .patch(`/v1/addresses/${enc(code)}`)
      .send({ version: 1, private: true })
      .expect(200);
  });

  const secret = /Bí Mật|cổng đỏ|"77"/;

  it('decodes as a bare location for anonymous callers and other users, in single and batch lookups', async () => {
    for (const agent of [request(app), other.agent, staffB.agent]) {
      const one = await agent.get(`/v1/codes/${code}`).expect(200);
      expect(one.body.registered).toBe(false);
      expect(one.body.address).toBeUndefined();
      expect(JSON.stringify(one.body)).not.toMatch(secret);
      const batch = await agent
        .post('/v1/codes/lookup')
        .send({ codes: [code] })
        .expect(200);
      expect(JSON.stringify(batch.body)).not.toMatch(secret);
      expect(batch.body.results[0].result.registered).toBe(false);
    }
  });

  it('is missing from reverse geocoding, map tiles and history for them', async () => {
    const reverse = await request(app).get(`/v1/reverse?lat=${point.lat}&lng=${point.lng}&radius=5`).expect(200);
    expect(JSON.stringify(reverse.body.addresses)).not.toMatch(secret);
    expect(reverse.body.addresses.map((a: { code: string }) => a.code)).not.toContain(code);
    const n = 2 ** 16;
    const r = (point.lat * Math.PI) / 180;
    const tile = `16/${Math.floor(((point.lng + 180) / 360) * n)}/${Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n)}`;
    const res = await request(app)
      .get(`/tiles/addresses/${tile}.mvt`)
      .buffer(true)
      .parse((s, cb) => {
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    if (res.status === 200) {
      const layer = new VectorTile(new PbfReader(res.body as Buffer) as never).layers.addresses;
      const codes = layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties.code) : [];
      expect(codes).not.toContain(code);
    } else expect(res.status).toBe(204);
    await request(app)
      .get(`/v1/addresses/${enc(code)}/history`)
      .expect(404);
    await other.agent.get(`/v1/addresses/${enc(code)}/history`).expect(404);
    await other.agent
      .post(`/v1/addresses/${enc(code)}/proposals`)
      .send({ version: 2, details: { note: 'x' } })
      .expect(404);
    const taken = await other.agent.post('/v1/addresses').send(point).expect(409);
    expect(JSON.stringify(taken.body)).not.toMatch(secret);
  });

  it('stays visible to its owner and its ward’s staff', async () => {
    for (const agent of [owner.agent, staffA.agent]) {
      const one = await agent.get(`/v1/codes/${code}`).expect(200);
      expect(one.body.address).toMatchObject({ private: true, details: { street: 'Phố Bí Mật' } });
      const history = await agent.get(`/v1/addresses/${enc(code)}/history`).expect(200);
      expect(history.body.versions[0].change.private).toEqual({ from: false, to: true });
      expect(history.body.versions[0].by).toBe(owner.user.id);
    }
  });
});
