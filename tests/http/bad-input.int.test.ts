/**
 * Whatever arrives, the answer is a 2xx or a 4xx problem+json, never a 500, and a refused write
 * leaves nothing behind.
 */
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { seededRandom } from '../support/random.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const random = seededRandom(99);
const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
const NASTY = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'null',
  '[]',
  '{}',
  '%',
  '%%',
  '../../etc/passwd',
  'ố',
  'O'.repeat(500),
  '\u0000',
  '😀',
  "'; DROP TABLE addresses; --",
  '25M-SN9-S32',
  '21.03,105.85',
  ',',
  '1,2,3',
];
const randomText = () =>
  random() < 0.6
    ? pick(NASTY)
    : Array.from({ length: Math.floor(random() * 20) }, () => String.fromCharCode(32 + Math.floor(random() * 400))).join('');
const randomJson = (): unknown =>
  pick([
    () => randomText(),
    () => random() * 400 - 200,
    () => null,
    () => true,
    () => [randomJson()],
    () => ({ lat: randomJson(), lng: randomJson(), unit: randomJson(), details: randomJson(), codes: randomJson() }),
  ])();

function expectClientError(res: request.Response) {
  expect(res.status, `${res.status} ${JSON.stringify(res.body)}`).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBeTruthy();
  }
}

describe('bad input never gets a 500', () => {
  it('GET /v1/codes/{code}, /v1/encode and /v1/reverse with 300 random inputs', async () => {
    for (let i = 0; i < 100; i++) {
      expectClientError(await request(app).get(`/v1/codes/${encodeURIComponent(randomText())}?near=${encodeURIComponent(randomText())}`));
      expectClientError(
        await request(app).get(`/v1/encode?lat=${encodeURIComponent(randomText())}&lng=${encodeURIComponent(randomText())}`),
      );
      expectClientError(
        await request(app).get(`/v1/reverse?lat=${encodeURIComponent(randomText())}&lng=105&radius=${encodeURIComponent(randomText())}`),
      );
    }
  });

  it('POST /v1/addresses and /v1/codes/lookup with 200 random bodies, writing nothing', async () => {
    const before = (await knex('addresses').count<{ n: string }[]>('* as n'))[0]!.n;
    for (let i = 0; i < 100; i++) {
      const body = randomJson();
      const a = await request(app).post('/v1/addresses').set('content-type', 'application/json').send(JSON.stringify(body));
      expectClientError(a);
      expect(a.status).toBeGreaterThanOrEqual(400);
      expectClientError(await request(app).post('/v1/codes/lookup').set('content-type', 'application/json').send(JSON.stringify(body)));
    }
    expect((await knex('addresses').count<{ n: string }[]>('* as n'))[0]!.n).toBe(before);
  });

  it('answers a broken percent-encoding in the path with 400', async () => {
    const res = await request(app).get('/v1/codes/%E0%A4%A');
    expect(res.status).toBe(400);
    expectClientError(res);
  });

  it("answers a broken percent-encoding in a page path with 400 problem+json, not the file server's text/html (found by the fuzz)", async () => {
    for (const path of ['/%E0%A4%A', '/abc/%E0%A4%A', '/%%E1%82%A1+val/A%201']) {
      const res = await request(app).get(path);
      expect(res.status, path).toBe(400);
      expectClientError(res);
    }
  });

  it('answers a body over 2 MB with 413', async () => {
    const res = await request(app)
      .post('/v1/codes/lookup')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ codes: ['x'.repeat(3_000_000)] }));
    expect(res.status).toBe(413);
    expectClientError(res);
  });
});
