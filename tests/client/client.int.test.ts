/**
 * The TypeScript client (clients/typescript) against the real app on a loopback port, with a real
 * API key: decode, batches over 1,000 codes split into requests, search, directions; and the
 * delivery example run as a person runs it, on a small CSV.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, createClient, type VnacClient } from '../../clients/typescript/src/index.js';
import { enrichCsv } from '../../clients/typescript/examples/delivery-csv.js';
import { encode } from '../../server/codes/codec.js';
import { createTestApp } from '../support/app.js';
import { signedIn } from '../support/users.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const { app, knex, close } = createTestApp();
let origin = '';
let apiKey = '';
let stop: () => Promise<void> = async () => {};
const HOAN_KIEM = '25M-SN9-S32';
const TYPO = '25M-SN9-S33';

beforeAll(async () => {
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  stop = () => new Promise((done) => server.close(() => done()));
  const owner = await signedIn(app, knex, 'household');
  apiKey = (await owner.agent.post('/v1/keys').send({ name: 'client tests' }).expect(201)).body.key;
});
afterAll(async () => {
  await stop();
  await close();
});

/** A client that counts its requests by path. */
function countingClient(key = apiKey): { client: VnacClient; requests: string[] } {
  const requests: string[] = [];
  const client = createClient({
    baseUrl: `${origin}/`,
    apiKey: key,
    fetch: (request) => {
      requests.push(`${request.method} ${new URL(request.url).pathname} ${request.headers.get('x-api-key') ? 'keyed' : 'anonymous'}`);
      return fetch(request);
    },
  });
  return { client, requests };
}

/** `n` valid codes on a grid over Hà Nội. */
function codesOverHanoi(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) out.push(encode(20.95 + (i % 50) * 0.003, 105.75 + Math.floor(i / 50) * 0.003)!);
  return out;
}

describe('the TypeScript client', () => {
  it('decodes codes with the API key; a typo is an ApiError with suggestions', async () => {
    const { client, requests } = countingClient();
    const found = await client.decode('25m sn9 s32');
    expect(found).toMatchObject({ code: HOAN_KIEM, formatVersion: 1, registered: false });
    expect(found.admin.province?.code).toBe('01');
    expect(found.admin.ward?.fullName).toBeTruthy();
    const withUnit = await client.decode(`${HOAN_KIEM}/A12`);
    expect(withUnit.code).toBe(`${HOAN_KIEM}/A12`);

    const error = await client.decode(TYPO, { near: [21.03, 105.85] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      problem: { type: '/problems/invalid-code', suggestions: expect.arrayContaining([HOAN_KIEM]) },
    });
    expect(requests).toEqual([
      `GET /v1/codes/${encodeURIComponent('25m sn9 s32')} keyed`,
      `GET /v1/codes/${encodeURIComponent(`${HOAN_KIEM}/A12`)} keyed`,
      `GET /v1/codes/${TYPO} keyed`,
    ]);
  });

  it('a wrong key is refused (the header is sent)', async () => {
    const { client } = countingClient('vnac_00000000000000000000000000000000');
    await expect(client.decode(HOAN_KIEM)).rejects.toMatchObject({ status: 401, problem: { type: '/problems/invalid-api-key' } });
  });

  it('looks up 1,500 codes in two requests, answered in input order', async () => {
    const codes = codesOverHanoi(1500);
    codes[700] = TYPO;
    const { client, requests } = countingClient();
    const results = await client.lookupCodes(codes);
    expect(requests).toEqual(['POST /v1/codes/lookup keyed', 'POST /v1/codes/lookup keyed']);
    expect(results).toHaveLength(1500);
    expect(results.map((r) => r.query)).toEqual(codes);
    expect(results[0]!.result?.code.replaceAll('-', '')).toBe(codes[0]);
    expect(results[1499]!.result?.admin.province?.code).toBe('01');
    expect(results[700]).toMatchObject({
      result: null,
      error: { status: 400, suggestions: expect.arrayContaining([expect.stringMatching(/^\w{3}-\w{3}-\w{3}$/)]) },
    });
    expect(results.filter((r) => r.result === null)).toHaveLength(1);
    expect(await client.lookupCodes([])).toEqual([]);
    expect(requests).toHaveLength(2);

    const parallel = countingClient();
    const again = await parallel.client.lookupCodes(codes, { batchSize: 400, concurrency: 3 });
    expect(parallel.requests).toHaveLength(4);
    expect(again.map((r) => r.result?.code ?? null)).toEqual(results.map((r) => r.result?.code ?? null));
    expect(results[0]!.result?.cell?.type).toBe('Polygon');
    expect(again[0]!.result?.cell?.type).toBe('Polygon');

    const lean = await client.lookupCodes(codes.slice(0, 10), { cell: false });
    expect(lean.map((r) => r.result?.cell)).toEqual(Array(10).fill(undefined));
    expect(lean.map((r) => r.result?.code)).toEqual(results.slice(0, 10).map((r) => r.result?.code));
  });

  it('searches, routes and orders a round', async () => {
    const { client } = countingClient();
    const hits = await client.search('Hoàn Kiếm', { near: { lat: 21.03, lng: 105.85 }, limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((h) => h.type === 'ward' && /Hoàn Kiếm/.test(h.label))).toBe(true);
    expect((await client.search(HOAN_KIEM))[0]).toMatchObject({ type: 'code', code: HOAN_KIEM });

    const route = await client.route('21.0275,105.8355', { lat: 21.029, lng: 105.83 }, { profile: 'foot' });
    expect(route).toMatchObject({ profile: 'foot', geometry: { type: 'LineString' } });
    expect(route.distance).toBeGreaterThan(0);
    const round = await client.optimizeRound('21.0275,105.8355', [{ lat: 21.0262, lng: 105.833 }, '21.0283,105.8292']);
    expect([...round.order].sort()).toEqual([0, 1]);
  });
});

describe('the delivery example (clients/typescript/examples/delivery-csv.ts)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vnac-delivery-'));
  const input = path.join(dir, 'orders.csv');
  writeFileSync(
    input,
    'order,Mã địa chỉ,receiver\nA1,25M-SN9-S32,An\nA2,25msn9s32,Bình\nA3,25M-SN9-S33,Chi\nA4,,Dũng\nA5,"not, a code",Em\n',
  );

  const check = async (csv: string) => {
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    const truth = (await (await fetch(`${origin}/v1/codes/${HOAN_KIEM}`)).json()) as {
      lat: number;
      lng: number;
      admin: { ward: { fullName: string }; province: { fullName: string }; postalCode: string | null };
    };
    expect(Object.keys(rows[0]!)).toEqual([
      'order',
      'Mã địa chỉ',
      'receiver',
      'lat',
      'lng',
      'ward',
      'province',
      'postal_code',
      'error',
      'suggestion',
    ]);
    expect(rows.map((r) => r.order)).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    for (const r of rows.slice(0, 2)) {
      expect(r).toMatchObject({
        lat: String(truth.lat),
        lng: String(truth.lng),
        ward: truth.admin.ward.fullName,
        province: truth.admin.province.fullName,
        postal_code: truth.admin.postalCode ?? '',
        error: '',
        suggestion: '',
      });
    }
    const batch = (await (
      await fetch(`${origin}/v1/codes/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ codes: [TYPO] }),
      })
    ).json()) as { results: { error: { suggestions: string[] } }[] };
    expect(rows[2]).toMatchObject({
      lat: '',
      ward: '',
      error: expect.stringMatching(/check/i),
      suggestion: batch.results[0]!.error.suggestions[0],
    });
    expect(rows[3]).toMatchObject({ lat: '', error: expect.stringMatching(/.+/) });
    expect(rows[4]).toMatchObject({ 'Mã địa chỉ': 'not, a code', lat: '', error: expect.stringMatching(/.+/) });
  };

  it('runs from the command line against the server, with the key from the environment', async () => {
    const output = path.join(dir, 'located.csv');
    const { stderr } = await promisify(execFile)(
      path.join(root, 'node_modules', '.bin', 'tsx'),
      ['clients/typescript/examples/delivery-csv.ts', input, output],
      {
        cwd: root,
        env: { ...process.env, VNAC_BASE_URL: origin, VNAC_API_KEY: apiKey },
      },
    );
    expect(stderr).toMatch(/5 rows, 2 located, 3 without a location/);
    await check(readFileSync(output, 'utf8'));
  }, 60_000);

  it('batches rows (here 2 per request) and keeps them in order', async () => {
    const output = path.join(dir, 'located-small-batches.csv');
    const { client, requests } = countingClient();
    expect(await enrichCsv({ input, output, client, batchSize: 2 })).toEqual({ rows: 5, failed: 3 });
    expect(requests).toEqual(['POST /v1/codes/lookup keyed', 'POST /v1/codes/lookup keyed', 'POST /v1/codes/lookup keyed']);
    await check(readFileSync(output, 'utf8'));
  });
});
