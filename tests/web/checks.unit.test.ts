/** The runtime checks of answers the app acts on (web/src/common/checks.ts), and how the client reports a failed one. */
import { describe, expect, test } from 'vitest';
import { ApiError, createApi } from '../../web/src/common/api.js';
import { csvAnswerCounts, isCodeLookup } from '../../web/src/common/checks.js';
import { apiErrorMessage } from '../../web/src/common/messages.js';

const lookup = {
  code: '25M-SN9-S32',
  formatVersion: 1,
  h3: '8c65b56628e0dff',
  lat: 21.0285,
  lng: 105.8542,
  geohash: 'w7er8u0',
  cell: {
    type: 'Polygon',
    coordinates: [
      [
        [105.85, 21.02],
        [105.86, 21.02],
        [105.85, 21.03],
        [105.85, 21.02],
      ],
    ],
  },
  admin: { province: null, ward: null, postalCode: null },
  registered: false,
};
const address = {
  code: '25M-SN9-S32',
  unit: null,
  point: { lat: 21.0286, lng: 105.8543 },
  details: { houseNumber: '12' },
  status: 'draft',
  version: 3,
};

describe('a code lookup', () => {
  test('the shape the place panel reads passes, with or without an address', () => {
    expect(isCodeLookup(lookup)).toBe(true);
    expect(isCodeLookup({ ...lookup, registered: true, address })).toBe(true);
  });

  test('anything else does not: a page, a problem, missing or mistyped parts', () => {
    for (const value of [
      null,
      '<html>',
      [],
      { title: 'Not found', status: 404 },
      { ...lookup, code: 7 },
      { ...lookup, lat: '21' },
      { ...lookup, lat: Number.NaN },
    ]) {
      expect(isCodeLookup(value), JSON.stringify(value)).toBe(false);
    }
    const { admin: _admin, ...noAdmin } = lookup;
    expect(isCodeLookup(noAdmin)).toBe(false);
    expect(isCodeLookup({ ...lookup, address: { ...address, point: null } })).toBe(false);
    expect(isCodeLookup({ ...lookup, address: { ...address, version: '3' } })).toBe(false);
  });

  test('an answer of another shape is an error the user is told about as a server failure', async () => {
    const api = createApi({
      fetch: async () => new Response('{"hello":"world"}', { status: 200, headers: { 'content-type': 'application/json' } }),
    });
    const error = await api.lookup({ code: '25MSN9S32', unit: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(apiErrorMessage(error as ApiError)).toEqual({ key: 'error.server' });
    const good = createApi({ fetch: async () => new Response(JSON.stringify(lookup), { status: 200 }) });
    expect(await good.lookup({ code: '25MSN9S32', unit: null })).toEqual(lookup);
  });
});

describe('a batch chunk answer', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  test('CSV with its counts passes', () => {
    expect(csvAnswerCounts(headers({ 'content-type': 'text/csv; charset=utf-8', 'batch-rows': '5000', 'batch-failed': '12' }))).toEqual({
      rows: 5000,
      failed: 12,
    });
    expect(csvAnswerCounts(headers({ 'content-type': 'text/csv', 'batch-rows': '3' }))).toEqual({ rows: 3, failed: 0 });
  });

  test('a page that came back with a 200, or counts that do not add up, do not', () => {
    expect(csvAnswerCounts(headers({ 'content-type': 'text/html', 'batch-rows': '5' }))).toBeNull();
    expect(csvAnswerCounts(headers({ 'content-type': 'text/csv' }))).toBeNull();
    expect(csvAnswerCounts(headers({ 'content-type': 'text/csv', 'batch-rows': 'many' }))).toBeNull();
    expect(csvAnswerCounts(headers({ 'content-type': 'text/csv', 'batch-rows': '2', 'batch-failed': '3' }))).toBeNull();
  });
});

describe('the batch chunk poster', () => {
  test('a 200 that is not the CSV answer is refused, not joined into the file', async () => {
    const { createChunkPoster } = await import('../../web/src/features/batch/run.js');
    const portal = createChunkPoster(
      async () => new Response('<html>Sign in to the Wi-Fi</html>', { status: 200, headers: { 'content-type': 'text/html' } }),
    );
    await expect(portal('codes', 'code\r\n25M-SN9-S32\r\n', 'code', new AbortController().signal)).rejects.toMatchObject({ status: 502 });
    const server = createChunkPoster(
      async () =>
        new Response('code,lat\r\n25M-SN9-S32,21\r\n', {
          status: 200,
          headers: { 'content-type': 'text/csv; charset=utf-8', 'batch-rows': '1', 'batch-failed': '0' },
        }),
    );
    expect(await server('codes', 'code\r\n25M-SN9-S32\r\n', 'code', new AbortController().signal)).toEqual({
      text: 'code,lat\r\n25M-SN9-S32,21\r\n',
      rows: 1,
      failed: 0,
    });
  });
});
