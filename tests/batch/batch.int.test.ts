/**
 * Batch over CSV files (POST /v1/batch/codes.csv and /v1/batch/addresses.csv): the input columns
 * kept, the added ones right, rows in input order, privacy through the codes service, bad files
 * answered 4xx problem+json, and a file of 20,000 codes (the per-request cap) in one request.
 */
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode, formatCode } from '../../server/codes/codec.js';
import { MAX_BATCH_ROWS } from '../../server/batch/service.js';
import { createTestApp } from '../support/app.js';
import { seededRandom } from '../support/random.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);

const HOAN_KIEM = '25M-SN9-S32';
const CODE_ADDED = ['lat', 'lng', 'ward_code', 'ward', 'province_code', 'province', 'postal_code', 'registered', 'error', 'suggestion'];
const ADDRESS_ADDED = [
  'code',
  'lat',
  'lng',
  'ward_code',
  'ward',
  'province_code',
  'province',
  'postal_code',
  'house_number',
  'alley',
  'street',
  'hamlet',
  'confidence',
  'match',
];

type Sent = {
  status: number;
  text: string;
  type: string;
  headers: Record<string, string>;
  rows: string[][];
  records: Record<string, string>[];
};

async function post(
  kind: 'codes' | 'addresses',
  body: string | Buffer,
  { type = 'text/csv', agent = request(app) as ReturnType<typeof request> | ReturnType<typeof request.agent>, query = '' } = {},
): Promise<Sent> {
  const res = await agent.post(`/v1/batch/${kind}.csv${query}`).set('content-type', type).send(body);
  const text = res.text ?? '';
  const csv =
    res.status === 200
      ? (parse(text, {
          bom: true,
          delimiter: text.includes(';') && !text.includes(',') ? ';' : ',',
          relax_column_count: true,
        }) as string[][])
      : [];
  const [header = [], ...rows] = csv;
  return {
    status: res.status,
    text,
    type: res.headers['content-type'] ?? '',
    headers: res.headers as Record<string, string>,
    rows: csv,
    records: rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))),
  };
}

let registered = ''; // public, with details, in Văn Miếu - Quốc Tử Giám (00226)
let registeredPoint = { lat: 0, lng: 0 };
let secret = ''; // private: its owner sees it, nobody else does
let owner: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  const [p1, p2] = await pointsIn(knex, '00226', 2);
  const first = await request(app)
    .post('/v1/addresses')
    .send({ ...p1, details: { houseNumber: '211', street: 'Phố Quốc Tử Giám' } })
    .expect(201);
  registered = first.body.code;
  registeredPoint = first.body.address.point;
  owner = await signedIn(app, knex, 'household');
  const hidden = await owner.agent
    .post('/v1/addresses')
    .send({ ...p2, details: { houseNumber: '9', street: 'Phố Riêng Tư' } })
    .expect(201);
  secret = hidden.body.code;
  await owner.agent
    .patch(`/v1/addresses/${encodeURIComponent(secret)}`)
    .send({ version: 1, private: true })
    .expect(200);
});

describe('POST /v1/batch/codes.csv', () => {
  it('keeps the input columns and row order and adds the decoded columns; typos get an error and a suggestion', async () => {
    const typo = '25M-SN9-S33'; // one character off: fails its check
    const csv = [
      'name,code,note',
      `Hồ Gươm,${HOAN_KIEM.toLowerCase().replace(/-/g, ' ')},"bờ đông, cạnh hồ"`,
      `Sai một ký tự,${typo},`,
      `Đã đăng ký,${registered},x`,
      'Trống,,',
      `Riêng tư,${secret},`,
    ].join('\r\n');
    const res = await post('codes', `\uFEFF${csv}\r\n`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv; charset=utf-8/);
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    expect(res.text).toContain('\r\n');
    expect(res.headers['batch-rows']).toBe('5');
    expect(res.headers['batch-failed']).toBe('2');
    // the file's own "code" column stays as typed; the canonical code is "code_out"
    expect(res.rows[0]).toEqual(['name', 'code', 'note', 'code_out', ...CODE_ADDED]);
    expect(res.records.map((r) => r.name)).toEqual(['Hồ Gươm', 'Sai một ký tự', 'Đã đăng ký', 'Trống', 'Riêng tư']);

    const [lake, mistyped, known, empty, hidden] = res.records as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
    ];
    expect(lake).toMatchObject({
      code: '25m sn9 s32',
      note: 'bờ đông, cạnh hồ',
      code_out: HOAN_KIEM,
      province_code: '01',
      postal_code: '11024',
      registered: 'false',
      error: '',
      suggestion: '',
    });
    expect(lake.ward_code).toMatch(/^\d{5}$/);
    expect(lake.ward).toMatch(/^Phường /);
    expect(lake.province).toBe('Thành phố Hà Nội');
    expect(Number(lake.lat)).toBeCloseTo(21.0287, 2);
    expect(Number(lake.lng)).toBeCloseTo(105.853, 2);

    expect(mistyped).toMatchObject({ code_out: '', lat: '', ward_code: '', error: 'Check character mismatch' });
    expect(mistyped.suggestion).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/);

    expect(known).toMatchObject({ code_out: registered, ward_code: '00226', postal_code: '11508', registered: 'true', note: 'x' });
    expect(Number(known.lat)).toBeCloseTo(registeredPoint.lat, 7);
    expect(Number(known.lng)).toBeCloseTo(registeredPoint.lng, 7);
    expect(empty).toMatchObject({ code_out: '', error: 'Empty code' });

    // a private address is a bare location to anyone but its owner
    expect(hidden).toMatchObject({ code_out: secret, registered: 'false', ward_code: '00226' });
    const mine = await post('codes', `code\n${secret}\n`, { agent: owner.agent });
    expect(mine.records[0]).toMatchObject({ code: secret, registered: 'true' });
  });

  it('reads semicolon files (Excel in Vietnamese) and answers in the same delimiter; a header it does not know means the first column', async () => {
    const res = await post('codes', `Mã địa chỉ;Ghi chú\n${HOAN_KIEM};"a; b"\n`);
    expect(res.status).toBe(200);
    expect(res.text.split('\r\n')[0]).toBe(
      '\uFEFFMã địa chỉ;Ghi chú;code;lat;lng;ward_code;ward;province_code;province;postal_code;registered;error;suggestion',
    );
    expect(res.text).toContain('"a; b"');
    const other = await post('codes', `whatever,extra\n${HOAN_KIEM},1\n`);
    expect(other.records[0]).toMatchObject({ whatever: HOAN_KIEM, code: HOAN_KIEM, registered: 'false' });
    const chosen = await post('codes', `a,b\nfoo,${HOAN_KIEM}\n`, { query: '?column=b' });
    expect(chosen.records[0]).toMatchObject({ code: HOAN_KIEM });
  });

  it("gives every row its ward's postal code, in Hà Nội and elsewhere", async () => {
    const benThanh = formatCode(encode(10.7725, 106.698)!);
    const caiKhe = formatCode(encode(10.0553, 105.7835)!);
    const res = await post('codes', `code\n${HOAN_KIEM}\n${benThanh}\n${caiKhe}\n`);
    expect(res.records.map((r) => [r.ward_code, r.postal_code])).toEqual([
      ['00070', '11024'], // Phường Hoàn Kiếm, Hà Nội
      ['26743', '71009'], // Phường Bến Thành, TP HCM
      ['31120', '94107'], // Phường Cái Khế, Cần Thơ
    ]);
  });
});

describe('POST /v1/batch/addresses.csv', () => {
  it('resolves free-text lines to their 2025 ward and province, with the parsed parts, in input order', async () => {
    const lines = [
      'Số 5, ngõ 12 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN',
      'phuong ben nghe quan 1 tp hcm',
      'Xã Tả Van, Thị xã Sa Pa, Tỉnh Lào Cai',
      '211 Phố Quốc Tử Giám, Phường Văn Miếu - Quốc Tử Giám, Hà Nội',
      'nowhere at all',
      '',
    ];
    const csv = ['stt,Địa chỉ', ...lines.map((l, i) => `${i + 1},"${l}"`)].join('\n');
    const res = await post('addresses', csv);
    expect(res.status).toBe(200);
    expect(res.rows[0]).toEqual(['stt', 'Địa chỉ', ...ADDRESS_ADDED]);
    expect(res.records.map((r) => r.stt)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(res.headers['batch-failed']).toBe('2');
    const [trangTien, benNghe, taVan, quocTuGiam, nowhere, empty] = res.records as Record<string, string>[];
    expect(trangTien).toMatchObject({
      ward_code: '00082',
      province_code: '01',
      house_number: '5',
      street: 'Tràng Tiền',
      match: 'ward',
      code: '',
    });
    expect(trangTien!.ward).toContain('Cửa Nam');
    expect(Number(trangTien!.confidence)).toBeGreaterThan(0.5);
    expect(trangTien!.postal_code).toBe('11018');
    expect(benNghe).toMatchObject({ ward_code: '26740', province_code: '79', postal_code: '71016', match: 'ward' });
    expect(taVan).toMatchObject({ ward_code: '03037', postal_code: '31714', match: 'ward' });
    // a registered public address with that house number on that street in that ward: its code and entrance
    expect(quocTuGiam).toMatchObject({ ward_code: '00226', house_number: '211', code: registered, match: 'address' });
    expect(Number(quocTuGiam!.lat)).toBeCloseTo(registeredPoint.lat, 7);
    expect(nowhere).toMatchObject({ ward_code: '', postal_code: '', match: 'none', confidence: '0' });
    expect(empty).toMatchObject({ 'Địa chỉ': '', match: 'none' });
  });

  it('reads a one-column file line by line, so unquoted commas stay in the address', async () => {
    const res = await post(
      'addresses',
      'address\r\nSố 5, ngõ 12 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN\r\n12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP.HCM\r\n',
    );
    expect(res.status).toBe(200);
    expect(res.records.map((r) => [r.address, r.ward_code])).toEqual([
      ['Số 5, ngõ 12 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN', '00082'],
      ['12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP.HCM', '26740'],
    ]);
  });
});

describe('bad files are 4xx problem+json, never 500', () => {
  const over = `code\n${Array.from({ length: MAX_BATCH_ROWS + 1 }, () => HOAN_KIEM).join('\n')}\n`;
  it.each([
    ['codes', 'an empty body', '', 'text/csv', 400, ''],
    ['codes', 'blank lines only', '\r\n\r\n', 'text/csv', 400, ''],
    ['codes', 'a header without rows', 'code\n', 'text/csv', 400, ''],
    ['codes', 'no header (the first line is a code)', `${HOAN_KIEM}\n25M-SN9-S33\n`, 'text/csv', 400, ''],
    ['codes', 'binary', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00, 0xff, 0xfe]), 'text/csv', 400, ''],
    ['codes', 'not UTF-8', Buffer.from('code,ghi chú\n25M-SN9-S32,Hà Nội\n', 'latin1'), 'text/csv', 400, ''],
    ['codes', 'an unclosed quote', `code,note\n${HOAN_KIEM},"never closed\n`, 'text/csv', 400, ''],
    ['codes', 'a column that is not there', `code\n${HOAN_KIEM}\n`, 'text/csv', 400, '?column=nope'],
    ['addresses', 'no address column', 'name,phone\nAn,1\n', 'text/csv', 400, ''],
    [
      'addresses',
      'no header (the first line is an address)',
      'Số 5 Tràng Tiền, Hoàn Kiếm, Hà Nội\n12 Nguyễn Huệ, Quận 1\n',
      'text/csv',
      400,
      '',
    ],
    ['codes', `more than ${MAX_BATCH_ROWS} rows`, over, 'text/csv', 413, ''],
    ['codes', 'JSON', '{"codes":["25M-SN9-S32"]}', 'application/json', 415, ''],
    ['addresses', 'an unknown charset', 'address\nHà Nội\n', 'text/csv; charset=x-nonsense', 415, ''],
  ] as const)('%s: %s → %i', async (kind, _what, body, type, status, query) => {
    const res = await post(kind, body, { type, query });
    expect(res.status).toBe(status);
    expect(res.type).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.text);
    expect(problem).toMatchObject({ status, title: expect.any(String), detail: expect.any(String) });
  });

  it('a body over the size limit is 413', async () => {
    const big = `address\n${'Hà Nội '.repeat(2_600_000)}\n`;
    const res = await post('addresses', big);
    expect(res.status).toBe(413);
    expect(res.type).toMatch(/^application\/problem\+json/);
  });
});

describe('a file at the per-request cap', () => {
  it(`decodes ${MAX_BATCH_ROWS.toLocaleString('en-US')} codes in one request, in order`, async () => {
    const random = seededRandom(7);
    const codes: string[] = [];
    while (codes.length < MAX_BATCH_ROWS) {
      const code = encode(8.6 + random() * 14.8, 102.2 + random() * 7.2);
      if (code) codes.push(codes.length % 50 === 7 ? formatCode(code).slice(0, -1) + (code.endsWith('0') ? '1' : '0') : formatCode(code));
    }
    const csv = `row,code\n${codes.map((c, i) => `${i},${c}`).join('\n')}\n`;
    const started = performance.now();
    const res = await post('codes', csv);
    const ms = performance.now() - started;
    console.info(`batch codes: ${MAX_BATCH_ROWS} rows in ${Math.round(ms)} ms (${Math.round(MAX_BATCH_ROWS / (ms / 1000))} rows/s)`);
    expect(res.status).toBe(200);
    expect(res.records).toHaveLength(MAX_BATCH_ROWS);
    expect(res.records.map((r) => Number(r.row))).toEqual(codes.map((_, i) => i));
    const failed = res.records.filter((r) => r.error).length;
    expect(String(failed)).toBe(res.headers['batch-failed']);
    expect(failed).toBe(MAX_BATCH_ROWS / 50); // one in 50 has its last character changed: the check catches every such typo
    expect(res.records.filter((r) => !r.error).every((r) => r.code_out === r.code && r.lat !== '')).toBe(true);
    // every row that falls in a ward, anywhere in the country, has that ward's postal code
    const inWards = res.records.filter((r) => r.ward_code);
    expect(inWards.length).toBeGreaterThan(MAX_BATCH_ROWS / 4);
    expect(inWards.filter((r) => !/^\d{5}$/.test(r.postal_code!))).toEqual([]);
  }, 120_000);

  it('resolves 5,000 address lines in one request (timed)', async () => {
    const lines = [
      'Số 5, ngõ 12 Tràng Tiền, P. Tràng Tiền, Q. Hoàn Kiếm, HN',
      '243 Hai Bà Trưng, Q3, TP HCM',
      '59 Phố Quốc Tử Giám',
      'phuong ben nghe quan 1 tp hcm',
      'Xã Tả Van, Thị xã Sa Pa, Tỉnh Lào Cai',
      '12 Nguyễn Huệ, Phường Bến Nghé, Quận 1, TP.HCM',
      '211 Phố Quốc Tử Giám, Phường Văn Miếu - Quốc Tử Giám, Hà Nội',
    ];
    const n = 5_000;
    const csv = `address\n${Array.from({ length: n }, (_, i) => `"${lines[i % lines.length]}"`).join('\n')}\n`;
    const started = performance.now();
    const res = await post('addresses', csv);
    const ms = performance.now() - started;
    console.info(`batch addresses: ${n} rows in ${Math.round(ms)} ms (${Math.round(n / (ms / 1000))} rows/s)`);
    expect(res.status).toBe(200);
    expect(res.records).toHaveLength(n);
    expect(res.records[0]!.ward_code).toBe('00082');
  }, 120_000);
});
