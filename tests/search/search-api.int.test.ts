import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode, formatCode, oneEditCandidates } from '../../server/codes/codec.js';
import { sqlFoldWords } from '../../server/search/text-query.js';
import { streetKey } from '../../server/search/street-place.js';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);

type Result = {
  type: string;
  label: string;
  code?: string;
  lat: number;
  lng: number;
  ward?: { code: string; name: string };
  province?: { code: string };
};
const search = async (q: string, extra: Record<string, string | number> = {}) => {
  const res = await request(app)
    .get('/v1/search')
    .query({ q, ...extra })
    .expect(200);
  return res.body.results as Result[];
};

let quocTuGiam: string; // 173 Phố Quốc Tử Giám, registered in Văn Miếu - Quốc Tử Giám (00226)
let secret: string;

beforeAll(async () => {
  const [p1, p2] = await pointsIn(knex, '00226', 2);
  const first = await request(app)
    .post('/v1/addresses')
    .send({ ...p1, details: { houseNumber: '173', street: 'Phố Quốc Tử Giám', landmark: 'Cổng Văn Miếu' } })
    .expect(201);
  quocTuGiam = first.body.code;
  const owner = await signedIn(app, knex, 'household');
  const hidden = await owner.agent
    .post('/v1/addresses')
    .send({ ...p2, details: { houseNumber: '77', street: 'Phố Bí Mật Riêng' } })
    .expect(201);
  secret = hidden.body.code;
  await owner.agent
    .patch(`/v1/addresses/${encodeURIComponent(secret)}`)
    .send({ version: 1, private: true })
    .expect(200);
});

describe('folding is the same in SQL and in TypeScript', () => {
  it('vn_fold() and vn_street_key() agree with the query side on Vietnamese letters, decomposed text and eth', async () => {
    const samples = [
      'Phố Quốc Tử Giám',
      'ĐƯỜNG Nguyễn Thị Minh Khai',
      'Xuân Hoà',
      'Xuân Hòa',
      'Hoa\u0300n Kie\u0302\u0301m',
      'Ðiện Biên Phủ',
      'Ea H’Leo',
      'Đắk Lắk',
      'ỳýỵỷỹ ừứựửữ ờớợởỡ ầấậẩẫ ằắặẳẵ ềếệểễ ồốộổỗ',
      '120/10B Lê Lợi',
      'Street 5',
      'Ngô Sỹ Liên',
      'Phố Ngô Sĩ Liên',
      'Ngõ Lương Sử C',
      'Lý Thường Kiệt',
      'Quy Nhơn',
      'Duy Tân',
      'Thủy Lợi',
      'Mỹ Đình',
      'hẻm 187 Điện Biên Phủ',
    ];
    const { rows } = await knex.raw('SELECT t, vn_fold(t) AS fold, vn_street_key(t) AS key FROM unnest(?::text[]) AS t', [samples]);
    for (const row of rows as { t: string; fold: string; key: string }[]) {
      expect(row.fold.split(' ').filter(Boolean), row.t).toEqual(sqlFoldWords(row.t));
      expect(row.key, row.t).toBe(streetKey(row.t));
    }
  });
});

describe('GET /v1/search', () => {
  it('finds a registered address by house number and street, as it is typed, with or without diacritics', async () => {
    for (const q of ['173 quoc tu', '173 Quốc Tử Giám', '173 QUOC TU GIAM', '173 Pho Quoc Tu Gia', 'cong van mieu']) {
      const results = await search(q);
      expect(results[0], q).toMatchObject({ type: 'address', code: quocTuGiam, ward: { code: '00226' }, province: { code: '01' } });
    }
  });

  it('answers a street from the street gazetteer, misspelt too', async () => {
    const results = await search('pho quoc tu giam');
    expect(results.some((r) => r.type === 'street' && r.ward?.code === '00226' && r.label.startsWith('Phố Quốc Tử Giám'))).toBe(true);
    const misspelt = await search('quoc tuu giamm');
    expect(misspelt[0]).toMatchObject({ type: 'street', ward: { code: '00226' } });
  });

  it('finds wards and provinces with or without diacritics, in either tone-mark placement, precomposed or decomposed', async () => {
    for (const q of ['Hoàn Kiếm', 'hoan kiem', 'Hoa\u0300n Kie\u0302\u0301m', 'phường hoàn kiếm']) {
      expect((await search(q))[0], q).toMatchObject({ type: 'ward', ward: { code: '00070' } });
    }
    for (const q of ['Xuân Hoà', 'Xuân Hòa']) {
      const results = await search(q, { near: '10.785,106.69' });
      expect(results[0], q).toMatchObject({ type: 'ward', ward: { code: '27139' } });
    }
    // typed with marks, "Hóa" is not "Hòa"
    const thanhHoa = await search('Thanh Hóa');
    expect(thanhHoa[0]).toMatchObject({ type: 'province', province: { code: '38' } });
    expect(thanhHoa.every((r) => !r.label.includes('Hoà'))).toBe(true);
  });

  it('turns pre-2025 units into their 2025 wards, saying what they were', async () => {
    const results = await search('phường 6 quận 3');
    expect(results.map((r) => r.ward?.code)).toContain('27139');
    const old = await search('Phường Quốc Tử Giám, Quận Đống Đa');
    expect(old[0]).toMatchObject({ type: 'ward', ward: { code: '00226' }, formerly: expect.stringContaining('Quốc Tử Giám') });
  });

  it('decodes a whole code, suggests for a mistyped one nearest first, and completes a partial one', async () => {
    const exact = await search(quocTuGiam.toLowerCase().replace(/-/g, ' '));
    expect(exact).toEqual([expect.objectContaining({ type: 'code', code: quocTuGiam, ward: expect.objectContaining({ code: '00226' }) })]);
    expect(exact[0]!.label).toContain('173 Phố Quốc Tử Giám');

    const body = quocTuGiam.replace(/-/g, '');
    const typo = body.slice(0, 4) + body[5] + body[4] + body.slice(6); // adjacent transposition
    const suggested = await search(typo, { near: '21.03,105.83' });
    expect(suggested.length).toBeGreaterThan(0);
    expect(suggested[0]!.code).toBe(quocTuGiam); // the registered one first

    // an unregistered slip: the valid neighbours, nearest to `near` first
    const far = encode(10.78, 106.69)!;
    const slip = far.slice(0, 8) + (far[8] === '0' ? '1' : '0');
    const near = await search(slip, { near: '10.78,106.69' });
    const expected = oneEditCandidates(slip).sort((a, b) => {
      const da = decode(a);
      const db = decode(b);
      return Math.hypot(da.lat - 10.78, da.lng - 106.69) - Math.hypot(db.lat - 10.78, db.lng - 106.69);
    });
    expect(near[0]!.code).toBe(formatCode(expected[0]!));

    // a partial code (6 of 9 characters): other test files register houses in this part of Hà Nội
    // too, so a shorter prefix may have more than a page of registered completions
    const partial = await search(quocTuGiam.slice(0, 7));
    expect(partial.map((r) => r.code)).toContain(quocTuGiam);
    expect(partial.every((r) => r.code!.startsWith(quocTuGiam.slice(0, 7)))).toBe(true);
  });

  it('never returns a private address, by text or by partial code', async () => {
    expect((await search('77 Bí Mật Riêng')).map((r) => r.code)).not.toContain(secret);
    expect((await search(secret.slice(0, 6))).map((r) => r.code)).not.toContain(secret);
  });

  it('ranks by distance to near and honours limit', async () => {
    const results = await search('xuan hoa', { near: '21.34,105.74', limit: 3 });
    expect(results).toHaveLength(3);
    expect(results[0]!.ward?.code).toBe('08746'); // Phú Thọ's Xuân Hoà lies at this point
    const south = await search('xuan hoa', { near: '10.78,106.69', limit: 3 });
    expect(south[0]!.ward?.code).toBe('27139');
  });

  it('answers bad input with 400 problem+json, and foreign scripts or nonsense with nothing', async () => {
    for (const query of [
      {},
      { q: '' },
      { q: '   ' },
      { q: 'x'.repeat(501) },
      { q: 'a\u0000b' },
      { q: 'ha noi', limit: 0 },
      { q: 'ha noi', limit: 51 },
      { q: 'ha noi', near: 'here' },
    ]) {
      const res = await request(app).get('/v1/search').query(query);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await search('東京 Москва')).toEqual([]);
    expect(await search('qqqqzzzzxx')).toEqual([]);
    expect(await search('!!! ??? ...')).toEqual([]);
  });
});

describe('POST /v1/addresses/parse with the street gazetteer', () => {
  it('places a line that names only a house and a street', async () => {
    const res = await request(app).post('/v1/addresses/parse').send({ text: '12 Phố Quốc Tử Giám' }).expect(200);
    expect(res.body.result).toMatchObject({
      houseNumber: '12',
      street: 'Phố Quốc Tử Giám',
      ward: { code: '00226' },
      province: { code: '01' },
    });
  });
});
