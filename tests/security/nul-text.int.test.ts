/**
 * U+0000 in text (valid in JSON as "\u0000"; PostgreSQL's text and jsonb cannot hold it): before
 * issue 15 a registration whose house number was "\u0000" reached the INSERT and answered 500
 * (found by the fuzz). Every declared route now refuses a NUL anywhere in its path, query or JSON
 * body with 400 problem+json, before any work, and nothing is written; a path that still let one
 * reach a query would answer 400 too (the error handler's backstop), never 500.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNul } from '../../server/http/route.js';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);

const WARD = '00025';
let household: Awaited<ReturnType<typeof signedIn>>;
let staff: Awaited<ReturnType<typeof signedIn>>;
let point: { lat: number; lng: number };
let code: string;

beforeAll(async () => {
  household = await signedIn(app, knex, 'household');
  staff = await signedIn(app, knex, 'staff', [WARD]);
  point = (await pointsIn(knex, WARD, 1))[0]!;
  const res = await household.agent
    .post('/v1/addresses')
    .send({ ...point, unit: 'N1', details: { houseNumber: '7' } })
    .expect(201);
  code = res.body.code;
});

const counts = async () => {
  const [a, v, p, k] = await Promise.all(
    ['addresses', 'address_versions', 'proposals', 'api_keys'].map((t) => knex(t).count<{ n: string }[]>('* as n')),
  );
  return [a, v, p, k].map((r) => Number(r![0]!.n));
};

describe('U+0000 in text', () => {
  it('finds a NUL in nested values and keys, without recursion', () => {
    expect(findNul({ a: [1, { b: 'x\u0000' }] })).toBe('a.1.b');
    expect(findNul({ ['k\u0000']: 1 })).toBe('k\u0000');
    expect(findNul('\u0000')).toBe('');
    expect(findNul({ a: 'fine', b: [null, 2, true] })).toBeNull();
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findNul(deep)).toMatch(/^0(\.0)*$/);
  });

  const cases: [string, () => request.Test][] = [
    [
      'a registration (each detail field)',
      () => household.agent.post('/v1/addresses').send({ ...point, unit: 'N2', details: { houseNumber: '\u0000' } }),
    ],
    [
      'a registration (note)',
      () => household.agent.post('/v1/addresses').send({ ...point, unit: 'N3', details: { note: 'cổng\u0000đỏ' } }),
    ],
    [
      'an edit',
      () =>
        household.agent.patch(`/v1/addresses/${encodeURIComponent(`${code}/N1`)}`).send({ version: 1, details: { street: 'Phố\u0000' } }),
    ],
    [
      'a proposal',
      () =>
        staff.agent
          .post(`/v1/addresses/${encodeURIComponent(`${code}/N1`)}/proposals`)
          .send({ version: 1, details: { landmark: '\u0000' } }),
    ],
    ['an API key name', () => household.agent.post('/v1/keys').send({ name: 'k\u0000', scope: 'read' })],
    ['a search', () => request(app).get('/v1/search').query({ q: '58 quoc\u0000tu' })],
    ['a parse', () => request(app).post('/v1/addresses/parse').send({ text: '12 ngõ 5\u0000 Tràng Tiền' })],
    ['a code lookup', () => request(app).get('/v1/codes/25M-SN9%00S32')],
    [
      'a JSON key',
      () => household.agent.post('/v1/addresses').send(JSON.parse(`{"lat":${point.lat},"lng":${point.lng},"de\\u0000tails":{}}`)),
    ],
  ];
  it.each(cases)('%s: 400 problem+json naming the field, nothing written', async (_name, send) => {
    const before = await counts();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/U\+0000/);
    expect(await counts()).toEqual(before);
  });

  it('the edge check runs before each route', async () => {
    // a route without a NUL still works as before (the check refuses nothing else)
    await request(app).post('/v1/addresses/parse').send({ text: '12 ngõ 5 Tràng Tiền, Hoàn Kiếm' }).expect(200);
    await household.agent
      .post('/v1/addresses')
      .send({ ...point, unit: 'N4', details: { note: 'cổng\tđỏ' } })
      .expect(201);
  });
});
