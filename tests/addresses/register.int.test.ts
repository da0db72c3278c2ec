import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { encode, formatCode } from '../../server/codes/codec.js';
import { CodeLookup } from '../../server/codes/schemas.js';
import { createTestApp } from '../support/app.js';
import { seededRandom } from '../support/random.js';

const { app, knex, close } = createTestApp();
afterAll(close);
const random = seededRandom(42);
/** A fresh point in central Đà Nẵng for each test, so tests never collide. */
const freshPoint = () => ({ lat: 16.03 + random() * 0.05, lng: 108.19 + random() * 0.05 });
const count = async () => Number((await knex('addresses').count<{ count: string }[]>('* as count'))[0]!.count);

describe('POST /v1/addresses', () => {
  it('registers an address with details: 201, Location, and the lookup shows it', async () => {
    const p = freshPoint();
    const details = {
      houseNumber: '12A',
      street: 'Bạch Đằng',
      hamlet: 'Tổ 5',
      building: 'Nhà văn hoá',
      landmark: 'cạnh chợ Hàn',
      note: 'Cổng xanh',
    };
    const res = await request(app)
      .post('/v1/addresses')
      .send({ ...p, details })
      .expect(201);
    const body = CodeLookup.parse(res.body);
    const code = formatCode(encode(p.lat, p.lng)!);
    expect(body.code).toBe(code);
    expect(res.headers.location).toBe(`/v1/codes/${code}`);
    expect(body.registered).toBe(true);
    expect(body.address?.details).toEqual({ ...details, placeName: null, category: null });
    expect(body.address?.point.lat).toBeCloseTo(p.lat, 6);
    expect(body.address?.status).toBe('draft');
    expect(body.admin.province?.code).toBe('48');
    expect(body.admin.postalCode).toMatch(/^5\d{4}$/);

    const lookup = await request(app).get(res.headers.location!).expect(200);
    expect(lookup.body).toEqual(res.body);
  });

  it('answers 200 with the existing address for the same cell and unit, and 201 for another unit', async () => {
    const p = freshPoint();
    const first = await request(app)
      .post('/v1/addresses')
      .send({ ...p, details: { houseNumber: '1' } })
      .expect(201);
    const again = await request(app)
      .post('/v1/addresses')
      .send({ ...p, details: { houseNumber: '2' } })
      .expect(200);
    expect(again.body.address.details.houseNumber).toBe('1');
    expect(again.body.code).toBe(first.body.code);
    const flat = await request(app)
      .post('/v1/addresses')
      .send({ ...p, unit: 'p302' })
      .expect(201);
    expect(flat.body.code).toBe(`${first.body.code}/P302`);
    expect(flat.headers.location).toBe(`/v1/codes/${first.body.code}/P302`);
    await request(app)
      .get(flat.headers.location!)
      .expect(200)
      .expect((r) => expect(r.body.registered).toBe(true));
  });

  it('never creates two rows for concurrent identical requests', async () => {
    const p = freshPoint();
    const before = await count();
    const responses = await Promise.all(Array.from({ length: 20 }, () => request(app).post('/v1/addresses').send(p)));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(await count()).toBe(before + 1);
  });

  it('stores a lone UTF-16 surrogate (valid JSON, not Unicode) as U+FFFD instead of failing (found by the fuzz)', async () => {
    const body = `{"lat":${freshPoint().lat},"lng":108.2,"details":{"street":"Lê Lợi \\ud811","landmark":"\\udc00x"}}`;
    const res = await request(app).post('/v1/addresses').set('content-type', 'application/json').send(body).expect(201);
    expect(res.body.address.details.street).toBe('Lê Lợi \ufffd');
    expect(res.body.address.details.landmark).toBe('\ufffdx');
  });

  it('stores text as NFC, whatever the client sent', async () => {
    const p = freshPoint();
    const decomposed = 'Hoàng Diệu'.normalize('NFD');
    const res = await request(app)
      .post('/v1/addresses')
      .send({ ...p, details: { street: `  ${decomposed}  ` } })
      .expect(201);
    expect(res.body.address.details.street).toBe('Hoàng Diệu'.normalize('NFC'));
  });

  it.each([
    ['no body fields', {}, 400],
    ['lat as text', { lat: 'north', lng: 108.2 }, 400],
    ['lat out of range', { lat: 123, lng: 108.2 }, 400],
    ['an unknown field', { lat: 16.05, lng: 108.2, owner: 'me' }, 400],
    ['an unknown detail', { lat: 16.05, lng: 108.2, details: { phone: '0905123456' } }, 400],
    ['a phone number in the note', { lat: 16.05, lng: 108.2, details: { note: 'gọi 0905 123 456 khi tới' } }, 400],
    ['an e-mail in the landmark', { lat: 16.05, lng: 108.2, details: { landmark: 'hỏi lan@example.com' } }, 400],
    ['a too long street', { lat: 16.05, lng: 108.2, details: { street: 'x'.repeat(201) } }, 400],
    ['a unit with a space', { lat: 16.05, lng: 108.2, unit: 'A 1' }, 400],
    ['a unit of 7 characters', { lat: 16.05, lng: 108.2, unit: 'ABCDEFG' }, 400],
    ['a point in Bangkok', { lat: 13.7563, lng: 100.5018 }, 422],
  ])('refuses %s and writes nothing', async (_what, body, status) => {
    const before = await count();
    const res = await request(app).post('/v1/addresses').send(body).expect(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toBeTruthy();
    expect(await count()).toBe(before);
  });
});
