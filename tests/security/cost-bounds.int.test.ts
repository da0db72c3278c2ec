/**
 * Every anonymous request has a bounded cost (issue 15). The OGC paging bound (cursor, offset at
 * most 10,000) is in tests/ogc/paging.int.test.ts; here: the other bounds this round added, and the
 * statement timeout answering every public read that hits it with a 503 problem, never a 500.
 */
import { VectorTile } from '@mapbox/vector-tile';
import { latLngToCell } from 'h3-js';
import { PbfReader } from 'pbf';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import { createApp } from '../../server/app.js';
import { MAX_COLUMNS } from '../../server/batch/csv.js';
import { CODE_RESOLUTION } from '../../server/codes/codec.js';
import { loadConfig } from '../../server/config.js';
import { createKnex } from '../../server/db/knex.js';
import { MAX_TILE_POINTS } from '../../server/tiles/layers.js';
import { createTestApp } from '../support/app.js';

const { app, knex, close } = createTestApp();
afterAll(close);

const HOAN_KIEM = '25M-SN9-S32';

describe('batch CSV: a data row wider than the header’s limit', () => {
  it('is a prompt 400 naming the row, not a table padded to its width (one wide row made every row that wide)', async () => {
    const wide = Array.from({ length: 2000 }, (_, i) => `c${i}`).join(',');
    const body = ['code,note', `${HOAN_KIEM},a`, wide, ...Array(2000).fill(`${HOAN_KIEM},b`)].join('\n');
    const started = Date.now();
    const res = await request(app).post('/v1/batch/codes.csv').set('content-type', 'text/csv').send(body);
    expect(res.status, res.text.slice(0, 300)).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(new RegExp(`Row 2 has 2000 cells; at most ${MAX_COLUMNS}`));
    expect(Date.now() - started).toBeLessThan(2000); // 5.7 s before the bound
    // as wide as allowed is still served
    const ok = ['code,note', `${HOAN_KIEM},a`, Array(MAX_COLUMNS).fill(HOAN_KIEM).join(',')].join('\n');
    await request(app).post('/v1/batch/codes.csv').set('content-type', 'text/csv').send(ok).expect(200);
  });
});

describe('tiles: address points per tile', () => {
  // a z14 tile of open sea south of Phú Quốc, where no other test registers
  const [LAT, LNG, Z] = [9.6, 104.1, 14];
  const MARK = 'Đường Thử Mật Độ';
  const n = 2 ** Z;
  const x = Math.floor(((LNG + 180) / 360) * n);
  const r = (LAT * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
  // the tile's south-west corner
  const west = (x / n) * 360 - 180;
  const south = (Math.atan(Math.sinh(Math.PI * (1 - (2 * (y + 1)) / n))) * 180) / Math.PI;

  beforeAll(async () => {
    const h3 = BigInt(`0x${latLngToCell(LAT, LNG, CODE_RESOLUTION)}`).toString();
    // points 5 m apart on a grid 150 wide inside the tile (~0.022° wide at z14): more than a tile may hold
    await knex.raw(
      `INSERT INTO addresses (code, unit, h3, geom, street)
       SELECT 'ZY' || lpad(upper(to_hex(g)), 7, '0'), '', ?::bigint, ST_SetSRID(ST_MakePoint(? + (g % 150) * 0.00005, ? + (g / 150) * 0.00005), 4326), ?
       FROM generate_series(1, ?) g`,
      [h3, west + 0.002, south + 0.002, MARK, MAX_TILE_POINTS + 500],
    );
  }, 120_000);
  afterAll(() => knex.raw("DELETE FROM addresses WHERE code LIKE 'ZY%' AND street = ?", [MARK]));

  it(`holds at most ${MAX_TILE_POINTS.toLocaleString('en-US')} points, however many the area has`, async () => {
    const res = await request(app)
      .get(`/tiles/addresses/${Z}/${x}/${y}.mvt`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const layer = new VectorTile(new PbfReader(res.body as Buffer) as never).layers.addresses!;
    expect(layer.length).toBe(MAX_TILE_POINTS);
  }, 60_000);
});

describe('an address’s history comes a page at a time', () => {
  it('100 versions newest first with a next link to the older ones; limit at most 500', async () => {
    const created = await request(app).post('/v1/addresses').send({ lat: 9.9, lng: 104.35 }).expect(201); // at sea, west of Phú Quốc
    const code = created.body.code as string;
    onTestFinished(async () => void (await knex.raw("DELETE FROM addresses WHERE code = ? AND unit = ''", [code.replace(/-/g, '')])));
    // an owner's many edits, written directly: 130 versions in all
    await knex.raw(
      `INSERT INTO address_versions (address_id, version, kind, state, change)
       SELECT a.id, g, 'edited', '{}'::jsonb, jsonb_build_object('houseNumber', jsonb_build_object('from', (g - 1)::text, 'to', g::text))
       FROM addresses a, generate_series(2, 130) g WHERE a.code = ? AND a.unit = ''`,
      [code.replace(/-/g, '')],
    );
    const first = await request(app).get(`/v1/addresses/${code}/history`).expect(200);
    expect(first.body.versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: 100 }, (_, i) => 130 - i));
    expect(first.body.next).toBe(`/v1/addresses/${code}/history?before=31&limit=100`);
    const rest = await request(app).get(first.body.next).expect(200);
    expect(rest.body.versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect(rest.body.next).toBeUndefined();
    const all = await request(app).get(`/v1/addresses/${code}/history?limit=500`).expect(200);
    expect(all.body.versions).toHaveLength(130);
    for (const bad of ['limit=501', 'limit=0', 'before=x', 'before=0']) {
      const res = await request(app).get(`/v1/addresses/${code}/history?${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

/**
 * The API's pools carry a statement timeout (STATEMENT_TIMEOUT_MS); every public read that touches
 * the addresses, whichever repository sends its SQL (OGC and tiles through knex.raw, search and
 * batches through the read runner), is cancelled by it and answered 503 query-timeout with
 * Retry-After. The table is locked by the test so that each of them waits. PGlite has one backend
 * (nothing blocks) and does not enforce timeouts: real PostgreSQL only.
 */
describe.skipIf(inject('embedded'))('the statement timeout covers every public read', () => {
  const url = inject('databaseUrl');
  const timedKnex = createKnex(url, 4, { timeouts: { statementMs: 1500, lockMs: 0, idleInTransactionMs: 0, acquireMs: 5000 } });
  const timed = createApp({ knex: timedKnex, logger: pino({ level: 'silent' }), embedded: false, dataDir: loadConfig().dataDir });
  const locker = createKnex(url, 1);
  afterAll(async () => {
    await timedKnex.destroy();
    await locker.destroy();
  });

  const reads: [string, () => request.Test][] = [
    ['OGC items', () => request(timed).get('/ogc/collections/addresses/items?limit=10')],
    ['OGC items by bbox', () => request(timed).get('/ogc/collections/addresses/items?bbox=105.84,21.02,105.86,21.04')],
    ['OGC one feature', () => request(timed).get(`/ogc/collections/addresses/items/${HOAN_KIEM}`)],
    ['search', () => request(timed).get('/v1/search?q=12%20Qu%E1%BB%91c%20T%E1%BB%AD%20Gi%C3%A1m')],
    ['reverse', () => request(timed).get('/v1/reverse?lat=21.0287&lng=105.8522')],
    ['lookup', () => request(timed).get(`/v1/codes/${HOAN_KIEM}`)],
    [
      'batch lookup',
      () =>
        request(timed)
          .post('/v1/codes/lookup')
          .send({ codes: [HOAN_KIEM] }),
    ],
    ['batch CSV', () => request(timed).post('/v1/batch/codes.csv').set('content-type', 'text/csv').send(`code\n${HOAN_KIEM}\n`)],
    ['address tile', () => request(timed).get('/tiles/addresses/14/13010/7209.mvt')],
  ];

  it.each(reads)('%s: 503 query-timeout with Retry-After, not 500', async (_name, send) => {
    // warm: connections open, gazetteer and caches loaded (their first load may itself outlast 1.5 s), nothing blocks
    let warm = await send();
    for (let i = 0; i < 5 && warm.status === 503; i++) warm = await send();
    expect([200, 204, 404]).toContain(warm.status);
    const started = Date.now();
    const res = await locker.transaction(async (trx) => {
      await trx.raw('LOCK TABLE addresses IN ACCESS EXCLUSIVE MODE');
      return send();
    });
    expect(res.status, res.text?.slice(0, 300)).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toMatchObject({ type: '/problems/query-timeout', status: 503 });
    expect(Date.now() - started).toBeLessThan(8000);
  });
});
