import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';

const { app, close } = createTestApp();
afterAll(close);

describe('POST /v1/addresses/parse', () => {
  it('splits one line and resolves its pre-2025 units to the 2025 ward and province', async () => {
    const res = await request(app)
      .post('/v1/addresses/parse')
      .send({ text: 'Số 5, ngõ 12 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN' })
      .expect(200);
    expect(res.body.result).toMatchObject({ ward: { code: '00082' }, province: { code: '01' } });
    expect(res.body.result.confidence).toBeGreaterThan(0);
  });

  it('answers many lines in input order, with or without diacritics', async () => {
    const texts = ['phuong ben nghe quan 1 tp hcm', 'Xã Tả Van, Thị xã Sa Pa, Tỉnh Lào Cai', 'nowhere at all'];
    const res = await request(app).post('/v1/addresses/parse').send({ texts }).expect(200);
    expect(res.body.results.map((r: { input: string }) => r.input)).toEqual(texts);
    expect(res.body.results[0].ward?.code).toBe('26740');
    expect(res.body.results[1].ward?.code).toBe('03037');
    expect(res.body.results[2].ward).toBeNull();
  });

  it('names the postal code of the ward each line settles on, beside the one the line writes', async () => {
    const texts = [
      'Phường Hoàn Kiếm, Hà Nội 100000',
      'phuong ben nghe quan 1 tp hcm',
      'Phường Cái Khế, Thành phố Cần Thơ',
      'Xã Tả Van, Thị xã Sa Pa, Tỉnh Lào Cai',
      'nowhere at all',
    ];
    const res = await request(app).post('/v1/addresses/parse').send({ texts }).expect(200);
    const answers = res.body.results.map(
      (r: { ward: { code: string } | null; postalCode: string | null; wardPostalCode: string | null }) => [
        r.ward?.code ?? null,
        r.wardPostalCode,
        r.postalCode,
      ],
    );
    expect(answers).toEqual([
      ['00070', '11024', '100000'], // the pre-2025 code written in the line stays as written
      ['26740', '71016', null],
      ['31120', '94107', null],
      ['03037', expect.stringMatching(/^\d{5}$/), null],
      [null, null, null],
    ]);
    const one = await request(app).post('/v1/addresses/parse').send({ text: 'Phường Sài Gòn, TP Hồ Chí Minh' }).expect(200);
    expect(one.body.result).toMatchObject({ ward: { code: '26740' }, wardPostalCode: '71016' });
  });

  it.each([
    [{}],
    [{ text: 'x'.repeat(501) }],
    [{ texts: [] }],
    [{ texts: Array(1001).fill('Hà Nội') }],
    [{ text: 'a\u0001b' }],
    [{ text: 'a', texts: ['b'] }],
  ])('refuses %j with 400', async (body) => {
    await request(app).post('/v1/addresses/parse').send(body).expect(400);
  });
});

describe('GET /v1/admin/convert', () => {
  it('converts an old ward, district and province in any spelling', async () => {
    const res = await request(app)
      .get('/v1/admin/convert')
      .query({ ward: 'Phuong Trang Tien', district: 'Hoan Kiem', province: 'Ha Noi' })
      .expect(200);
    expect(res.body).toMatchObject({ ward: { code: '00082', name: expect.stringContaining('Cửa Nam') }, province: { code: '01' } });
  });

  it('answers 404 when nothing matches and 400 for bad input', async () => {
    await request(app).get('/v1/admin/convert').query({ ward: 'Zzzzqx', province: 'Qqqqzz' }).expect(404);
    await request(app).get('/v1/admin/convert').expect(404);
    await request(app)
      .get('/v1/admin/convert')
      .query({ ward: 'x'.repeat(600) })
      .expect(400);
    await request(app).get('/v1/admin/convert').query({ ward: 'Phường 1', point: 'here' }).expect(400);
  });
});
