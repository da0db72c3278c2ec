/**
 * CSV formula injection (issue 15): address text such as `=HYPERLINK(...)` or `+cmd|' /C calc'!A0`
 * is registered by anyone and must not come out of any CSV file the service writes as a cell a
 * spreadsheet would evaluate. Every file is checked cell by cell: the ward export, both enriched
 * batch files, the bulk loader's rejects file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadFiles, wardIndexOf } from '../../server/ingest/addresses/files.js';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const { app, knex, close } = createTestApp();
const dir = mkdtempSync(path.join(os.tmpdir(), 'vnac-csv-injection-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await close();
});

const WARD = '00025'; // Giảng Võ: no other test registers here
/** Formula-like texts (OWASP's examples and their relatives), each short enough for a house number. */
const PAYLOADS = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '-12',
  '\t=1+1',
];
const DETAIL_FIELDS = ['houseNumber', 'street', 'hamlet', 'building', 'landmark', 'note'] as const;

/** A cell that a spreadsheet would read as a formula (or that starts with a character some readers strip first). */
const formulaLike = (cell: string) => /^[\t\r]/.test(cell) || /^[=+\-@]/.test(cell.trimStart());
const unsafeCells = (rows: string[][]) => rows.flatMap((r, i) => r.filter(formulaLike).map((cell) => ({ row: i, cell })));
const readCsv = (text: string, delimiter = ',') => parse(text, { bom: true, delimiter, relax_column_count: true }) as string[][];

let staff: Awaited<ReturnType<typeof signedIn>>;
let codes: string[] = [];

beforeAll(async () => {
  staff = await signedIn(app, knex, 'staff', [WARD]);
  const points = await pointsIn(knex, WARD, PAYLOADS.length);
  codes = [];
  for (const [i, payload] of PAYLOADS.entries()) {
    const details = Object.fromEntries(DETAIL_FIELDS.map((f) => [f, payload]));
    const created = await request(app)
      .post('/v1/addresses')
      .send({ ...points[i]!, details })
      .expect(201);
    codes.push(created.body.code);
  }
  // a place name too (staff may set it directly)
  await staff.agent
    .patch(`/v1/addresses/${encodeURIComponent(codes[0]!)}`)
    .send({ version: 1, placeName: PAYLOADS[1] })
    .expect(200);
});

describe('the ward export', () => {
  it('writes no cell a spreadsheet would run, keeps the text readable behind a quote, and numbers as numbers', async () => {
    const res = await staff.agent.get(`/v1/wards/${WARD}/addresses?format=csv`).expect(200);
    const rows = readCsv(res.text);
    const [header, ...data] = rows;
    expect(unsafeCells(rows)).toEqual([]);
    const at = (name: string) => header!.indexOf(name);
    for (const [i, code] of codes.entries()) {
      const row = data.find((r) => r[at('code')] === code);
      expect(row, code).toBeDefined();
      const stored = PAYLOADS[i]!.trim(); // registration trims and folds white space
      for (const column of ['house_number', 'street', 'hamlet', 'building', 'landmark', 'note'])
        expect(row![at(column)]).toBe(`'${stored}`);
      for (const column of ['lat', 'lng', 'version']) expect(Number.isFinite(Number(row![at(column)])), column).toBe(true);
    }
    expect(data.find((r) => r[at('code')] === codes[0])![at('place_name')]).toBe(`'${PAYLOADS[1]}`);
  });
});

describe('the enriched batch files', () => {
  it('codes: the input cells echoed and the added ones are all safe; coordinates stay numbers', async () => {
    const input = [
      '=name,code,+note',
      ...codes.map((code, i) => `"${PAYLOADS[i]!.replace(/"/g, '""')}",${code},@x`),
      '-5,not-a-code,=1+1',
    ].join('\r\n');
    const res = await request(app).post('/v1/batch/codes.csv').set('content-type', 'text/csv').send(input).expect(200);
    const rows = readCsv(res.text);
    expect(unsafeCells(rows)).toEqual([]);
    const [header, ...data] = rows;
    expect(header!.slice(0, 3)).toEqual(["'=name", 'code', "'+note"]);
    expect(data[0]![0]).toBe(`'${PAYLOADS[0]}`);
    for (const row of data.slice(0, codes.length)) {
      expect(Number(row[header!.indexOf('lat')])).toBeGreaterThan(20);
      expect(Number(row[header!.indexOf('lng')])).toBeGreaterThan(105);
    }
  });

  it('addresses: the lines, other columns and the parsed parts are all safe, in the input’s delimiter', async () => {
    const lines = [
      ...PAYLOADS.map((p) => `"${p.replace(/"/g, '""')}";@memo`),
      '"-12 Phố Giảng Võ, Giảng Võ, Hà Nội";-1',
      `"5 =HYPERLINK(""http://x"",""y""), Giảng Võ, Hà Nội";+1`,
      `"=cmd|' /C calc'!A0 12, Giảng Võ, Hà Nội";x`,
    ];
    const res = await request(app)
      .post('/v1/batch/addresses.csv')
      .set('content-type', 'text/csv')
      .send(['address;-memo', ...lines].join('\r\n'))
      .expect(200);
    const rows = readCsv(res.text, ';');
    expect(rows.length).toBe(lines.length + 1);
    expect(unsafeCells(rows)).toEqual([]);
    const [header, ...data] = rows;
    expect(data.find((r) => r[0]!.includes('Phố Giảng Võ'))![header!.indexOf('ward_code')]).toBe(WARD);
  });
});

describe('the bulk loader’s rejects file', () => {
  it('shows the rejected rows and reasons without a formula-like cell', async () => {
    const input = path.join(dir, 'payloads.csv');
    const header = 'lat,lng,unit,house_number,street,hamlet,building,landmark,note,status';
    const bad = [
      '=1+1,105.8,,,,,,,,verified',
      '@SUM(1),105.8,,,,,,,,verified',
      '-99,105.8,,,,,,,,verified',
      '+cmd|x,105.8,,,,,,,,verified',
    ];
    writeFileSync(input, [header, ...bad].join('\n') + '\n');
    const rejectsPath = path.join(dir, 'rejects.csv');
    const embedded = inject('embedded');
    const result = await loadFiles(knex, [input], { embedded, rejectsPath, wardIndex: await wardIndexOf(knex) });
    expect(result.rejected).toBe(bad.length);
    const rows = readCsv(readFileSync(rejectsPath, 'utf8'));
    expect(rows).toHaveLength(bad.length + 1);
    expect(unsafeCells(rows)).toEqual([]);
    expect(rows.slice(1).map((r) => r[3])).toEqual(bad.map((line) => `'${line}`));
    expect(rows.slice(1).map((r) => Number(r[1]))).toEqual([2, 3, 4, 5]); // line numbers stay numbers
  });
});
