import request from 'supertest';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { encode } from '../../server/codes/codec.js';
import { PROFILES } from '../../server/routing/profiles.js';
import { vertexToVertex } from '../../server/routing/router.js';
import { createRoadsRepository } from '../../server/routing/repository.js';
import { createRoutingService } from '../../server/routing/service.js';
import { createTestApp } from '../support/app.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const embedded = inject('embedded');

// Hà Nội extract (Văn Miếu): in front of the Temple of Literature, and on Phố Cát Linh
const QUOC_TU_GIAM = '21.0275,105.8355';
const CAT_LINH = '21.0290,105.8300';

describe('GET /v1/route', () => {
  it('routes between two points with a line, distance, duration and Vietnamese steps', async () => {
    const res = await request(app).get('/v1/route').query({ from: QUOC_TU_GIAM, to: CAT_LINH }).expect(200);
    const body = res.body;
    expect(body.profile).toBe('motorbike');
    expect(body.geometry.type).toBe('LineString');
    expect(body.geometry.coordinates.length).toBeGreaterThan(3);
    expect(body.distance).toBeGreaterThan(body.straightLine);
    expect(body.distance).toBeLessThan(body.straightLine * 2);
    expect(body.duration).toBeGreaterThan(0);
    expect(body.steps[0]).toMatchObject({ type: 'depart' });
    expect(body.steps.at(-1)).toMatchObject({ type: 'arrive', instruction: 'Đến nơi' });
    const names = body.steps.map((s: { name: string | null }) => s.name);
    expect(names).toContain('Phố Quốc Tử Giám');
    expect(names).toContain('Phố Cát Linh');
    // the line starts and ends at the snapped points
    expect(body.geometry.coordinates[0]).toEqual([body.from.snapped.lng, body.from.snapped.lat]);
    expect(body.from.snapped.distance).toBeLessThan(60);
  });

  it('takes address codes as ends, and differs by profile (walkers ignore one-way streets, cars keep off footways)', async () => {
    const [lat, lng] = QUOC_TU_GIAM.split(',').map(Number);
    const code = encode(lat!, lng!)!;
    const byCode = await request(app).get('/v1/route').query({ from: code, to: CAT_LINH }).expect(200);
    expect(byCode.body.from.code).toBe(code.replace(/(...)(...)(...)/, '$1-$2-$3'));
    const results = await Promise.all(
      PROFILES.map((profile) => request(app).get('/v1/route').query({ from: QUOC_TU_GIAM, to: CAT_LINH, profile }).expect(200)),
    );
    const [motorbike, car, foot] = results.map((r) => r.body);
    expect(foot.duration).toBeGreaterThan(motorbike.duration * 3); // 5 km/h against 15-40 km/h
    expect(car.duration).toBeGreaterThanOrEqual(motorbike.duration * 0.8);
  });

  it('says when a point is off the loaded network (422 with the straight-line distance), and refuses bad input (400)', async () => {
    const off = await request(app).get('/v1/route').query({ from: QUOC_TU_GIAM, to: '16.0544,108.2022' }).expect(422); // Đà Nẵng: no roads loaded
    expect(off.headers['content-type']).toMatch(/problem\+json/);
    expect(off.body).toMatchObject({ type: '/problems/off-network', point: 'to' });
    expect(off.body.straightLine).toBeGreaterThan(600_000);
    const apart = await request(app).get('/v1/route').query({ from: QUOC_TU_GIAM, to: '10.7860,106.6910' }).expect(422); // TP HCM: loaded, not connected
    expect(apart.body.type).toBe('/problems/no-route');
    for (const query of [
      {},
      { from: QUOC_TU_GIAM },
      { from: QUOC_TU_GIAM, to: CAT_LINH, profile: 'plane' },
      { from: 'x'.repeat(60), to: CAT_LINH },
      { from: '25M-SN9-S33', to: CAT_LINH },
      { from: '95,105.83', to: CAT_LINH }, // out of range: malformed, not a point off the roads
    ]) {
      const res = await request(app).get('/v1/route').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
    }
  });
});

describe('POST /v1/routes/optimize', () => {
  const stops = [
    { lat: 21.0262, lng: 105.833 },
    { lat: 21.0291, lng: 105.8352 },
    { lat: 21.0247, lng: 105.8365 },
    { lat: 21.0283, lng: 105.8292 },
    { lat: 21.027, lng: 105.831 },
    { lat: 21.0296, lng: 105.8325 },
    { lat: 21.0255, lng: 105.829 },
  ];

  it('orders 7 stops as well as trying every order does, on the same road times', async () => {
    const points = [QUOC_TU_GIAM, ...stops.map((s) => `${s.lat},${s.lng}`)];
    const service = createRoutingService({
      repo: createRoadsRepository(knex),
      codes: {
        parseOrThrow: async () => {
          throw new Error('no codes here');
        },
      } as never,
    });
    const matrix = await Promise.all(
      points.map((a) => Promise.all(points.map(async (b) => (a === b ? 0 : (await service.route(a, b, 'motorbike')).duration)))),
    );
    let best = Infinity;
    const permute = (rest: number[], done: number[]) => {
      if (!rest.length) {
        let cost = 0;
        let at = 0;
        for (const s of done) [cost, at] = [cost + matrix[at]![s]!, s];
        best = Math.min(best, cost + matrix[at]![0]!);
        return;
      }
      rest.forEach((s, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...done, s]));
    };
    permute([1, 2, 3, 4, 5, 6, 7], []);

    const res = await request(app).post('/v1/routes/optimize').send({ start: QUOC_TU_GIAM, stops }).expect(200);
    expect(res.body.method).toBe('exact');
    expect([...res.body.order].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(res.body.legs).toHaveLength(8);
    expect(res.body.legs[0].from).toBe('start');
    expect(res.body.legs.at(-1).to).toBe('start');
    expect(res.body.duration).toBeCloseTo(best, 0);
    expect(res.body.geometry.coordinates.length).toBeGreaterThan(10);
  });

  it('ends where asked, and refuses bad rounds', async () => {
    const res = await request(app)
      .post('/v1/routes/optimize')
      .send({ start: QUOC_TU_GIAM, stops: stops.slice(0, 3), end: CAT_LINH, profile: 'car' })
      .expect(200);
    expect(res.body.legs.at(-1).to).toBe('end');
    // a stop off the loaded roads no longer refuses the round (issue 17): it is reached by a straight line (off-road.int.test.ts)
    const off = await request(app)
      .post('/v1/routes/optimize')
      .send({ start: QUOC_TU_GIAM, stops: [...stops.slice(0, 2), { lat: 16.05, lng: 108.2 }] })
      .expect(200);
    expect(off.body.offRoad).toEqual(['stops[2]']);
    for (const body of [
      {},
      { start: QUOC_TU_GIAM },
      { start: QUOC_TU_GIAM, stops: [] },
      { start: QUOC_TU_GIAM, stops: Array(101).fill(CAT_LINH) },
      { start: QUOC_TU_GIAM, stops: [{ lat: 91, lng: 0 }] },
      { start: QUOC_TU_GIAM, stops: [CAT_LINH], extra: 1 },
    ]) {
      const r = await request(app).post('/v1/routes/optimize').send(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
  });
});

describe.skipIf(embedded)('pgRouting as the oracle (real PostgreSQL only)', () => {
  it("the in-memory router finds pgr_dijkstra's shortest times on the same table, for every profile", async () => {
    const service = createRoutingService({ repo: createRoadsRepository(knex), codes: {} as never });
    const g = await service.graph();
    const { rows } = await knex.raw('SELECT source FROM road_edges ORDER BY id');
    const vertices = [...new Set(rows.map((r: { source: number }) => r.source))] as number[];
    let compared = 0;
    for (const profile of PROFILES) {
      for (let i = 0; i < 40; i++) {
        const [s, t] = [vertices[(i * 7919) % vertices.length]!, vertices[(i * 104729 + 13) % vertices.length]!];
        const oracle = await knex.raw(
          `SELECT agg_cost FROM pgr_dijkstra('SELECT id, source, target, ${profile}_cost AS cost, ${profile}_reverse_cost AS reverse_cost FROM road_edges', ?::bigint, ?::bigint, directed => true) WHERE edge = -1`,
          [s, t],
        );
        const ours = vertexToVertex(g, profile, s, t);
        if (oracle.rows.length === 0) expect(ours === null || s === t).toBe(true);
        else {
          expect(ours).not.toBeNull();
          expect(ours!).toBeCloseTo(Number(oracle.rows[0].agg_cost), 6);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(30);
  });
});
