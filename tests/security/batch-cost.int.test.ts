/**
 * A batch is many requests' work (found in the review of issue 15): 20,000 anonymous CSV rows of
 * long address text held one API process for 35 s, /readyz included, and counted as one request
 * against the per-address limit. Now the parsing goes in slices, so other requests are answered
 * while a batch runs, and a batch counts one request per ROWS_PER_REQUEST rows (lines) against the
 * same limits, per address or per key's account.
 */
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { ROWS_PER_REQUEST } from '../../server/keys/gate.js';
import { createTestApp } from '../support/app.js';

const base = createTestApp();
afterAll(base.close);
const { knex } = base;

const TOMORROW = (Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000;
const at = (h: number, m: number) => TOMORROW + ((h * 60 + m) * 60 + 10) * 1000;
const limited = (clockAt: number) =>
  createApp({
    knex,
    logger: pino({ level: 'silent' }),
    embedded: inject('embedded'),
    dataDir: loadConfig().dataDir,
    trustProxy: true,
    limits: { enabled: true, anonymousPerMinute: 300, keyPerMinute: 1000, keyPerDay: 100_000 },
    clock: () => clockAt,
  });
const client = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const csv = (header: string, rows: string[]) => [header, ...rows.map((r) => `"${r}"`)].join('\n');

describe('a batch of address lines', () => {
  it('leaves the process answering other requests while it runs', async () => {
    const app = base.app;
    // warm the gazetteer: its first load is not what is measured
    await request(app).post('/v1/addresses/parse').send({ text: 'Hồ Chí Minh' }).expect(200);
    const line = 'Hồ Chí Minh '.repeat(40).trim(); // 479 characters, the costliest text the review found
    let batchDone = 0;
    const batch = request(app)
      .post('/v1/batch/addresses.csv')
      .set('content-type', 'text/csv')
      .send(
        csv(
          'address',
          Array.from({ length: 3_000 }, () => line),
        ),
      )
      .then((res) => ((batchDone = performance.now()), res));
    await new Promise((r) => setTimeout(r, 300));
    const asked = performance.now();
    await request(app).get('/healthz').expect(200);
    const answered = performance.now();
    const res = await batch;
    expect(res.status).toBe(200);
    expect(res.headers['batch-rows']).toBe('3000');
    // the probe was answered while the batch was still running, within a few slices
    expect(answered).toBeLessThan(batchDone);
    expect(answered - asked).toBeLessThan(500);
  }, 120_000);
});

describe('batches against the rate limits', () => {
  it(`a CSV file counts one request per ${ROWS_PER_REQUEST} rows, from the same address`, async () => {
    const app = limited(at(3, 1));
    const ip = client();
    const rows = Array.from({ length: 5_000 }, () => '25M-SN9-S32');
    await request(app)
      .post('/v1/batch/codes.csv')
      .set('x-forwarded-for', ip)
      .set('content-type', 'text/csv')
      .send(csv('code', rows))
      .expect(200);
    // the batch counted 1 on arrival and 49 more when it finished: the next request is the 51st
    const next = await request(app).get('/v1/encode?lat=21.03&lng=105.85').set('x-forwarded-for', ip).expect(200);
    expect(next.headers['ratelimit-remaining']).toBe(String(300 - 51));
    // 300 a minute: five more such files and the address is over its minute
    for (let i = 0; i < 5; i++)
      await request(app).post('/v1/batch/codes.csv').set('x-forwarded-for', ip).set('content-type', 'text/csv').send(csv('code', rows));
    await request(app).get('/v1/encode?lat=21.03&lng=105.85').set('x-forwarded-for', ip).expect(429);
    // another address is not charged
    await request(app).get('/v1/encode?lat=21.03&lng=105.85').set('x-forwarded-for', client()).expect(200);
  }, 60_000);

  it('a parse of 1,000 lines counts 10 requests; a single line one', async () => {
    const app = limited(at(3, 2));
    const ip = client();
    await request(app)
      .post('/v1/addresses/parse')
      .set('x-forwarded-for', ip)
      .send({ texts: Array.from({ length: 1_000 }, (_, i) => `${i} Tràng Tiền, Hoàn Kiếm`) })
      .expect(200);
    await request(app).post('/v1/addresses/parse').set('x-forwarded-for', ip).send({ text: '5 Tràng Tiền' }).expect(200);
    const next = await request(app).get('/v1/encode?lat=21.03&lng=105.85').set('x-forwarded-for', ip).expect(200);
    expect(next.headers['ratelimit-remaining']).toBe(String(300 - 12));
  }, 60_000);

  it('with an API key, the key’s account is charged per minute and per day', async () => {
    const { createKeysService } = await import('../../server/keys/service.js');
    const { createKeysRepository } = await import('../../server/keys/repository.js');
    const { createSqlRunner } = await import('../../server/db/query.js');
    const keys = createKeysService({ knex, repo: createKeysRepository(knex, createSqlRunner(knex, { prepared: !inject('embedded') })) });
    const made = await keys.create({ name: 'batch cost', scope: 'read', allowedOrigins: [] }, null);
    const app = limited(at(3, 3));
    await request(app)
      .post('/v1/batch/codes.csv')
      .set('x-api-key', made.key)
      .set('content-type', 'text/csv')
      .send(
        csv(
          'code',
          Array.from({ length: 2_000 }, () => '25M-SN9-S32'),
        ),
      )
      .expect(200);
    const next = await request(app).get('/v1/encode?lat=21.03&lng=105.85').set('x-api-key', made.key).expect(200);
    expect(next.headers['ratelimit-remaining']).toBe(String(1000 - 21));
    const { rows } = await knex.raw(`SELECT count FROM rate_counters WHERE bucket = ?`, [`keyday:${made.id}`]);
    expect(rows.map((r: { count: number }) => Number(r.count))).toEqual([21]);
  }, 60_000);
});
