/** The console's pure parts: import reports, ward geometry, API paths, and the upload with progress. */
import { describe, expect, test } from 'vitest';
import { ApiError } from '../../web/src/common/api.js';
import { createConsoleApi, exportUrl, importUrl } from '../../web/src/console/api.js';
import { boundsOf, contains, fullCode } from '../../web/src/console/geometry.js';
import { canCommit, importMediaType, normalizeReport, percent, sortRows } from '../../web/src/console/import/report.js';
import { upload } from '../../web/src/console/import/upload.js';

describe('import files and reports', () => {
  test('CSV or GeoJSON by name, else by content', () => {
    expect(importMediaType('dia-chi.CSV', '')).toBe('text/csv');
    expect(importMediaType('points.geojson', '')).toBe('application/geo+json');
    expect(importMediaType('points.json', '')).toBe('application/geo+json');
    expect(importMediaType('export', '\uFEFF  {"type":"FeatureCollection"')).toBe('application/geo+json');
    expect(importMediaType('export', 'lat,lng,house_number\n')).toBe('text/csv');
    expect(importMediaType('photo.jpg', '\u00ff\u00d8\u00ff')).toBeNull();
  });

  test('errors first; a refused commit (422, rows only) reads like a dry run', () => {
    const rows = [
      { row: 1, ok: true, code: '25M-SQ7-KA7' },
      { row: 3, ok: false, error: 'the point lies in ward 00004, not in 00070' },
      { row: 2, ok: false, error: 'lat "abc" is not a latitude' },
    ];
    expect(sortRows(rows).map((r) => r.row)).toEqual([2, 3, 1]);
    expect(normalizeReport({ rows }, false)).toEqual({ dryRun: false, total: 3, valid: 1, invalid: 2, rows });
    expect(normalizeReport({ dryRun: true, total: 5, valid: 5, invalid: 0, rows: [] }, true)).toMatchObject({
      total: 5,
      valid: 5,
      invalid: 0,
    });
  });

  test('commit only after a clean dry run', () => {
    const report = (invalid: number, valid = 3) => ({ dryRun: true, total: valid + invalid, valid, invalid, rows: [] });
    expect(canCommit({ name: 'checked', report: report(0) })).toBe(true);
    expect(canCommit({ name: 'checked', report: report(1) })).toBe(false);
    expect(canCommit({ name: 'checked', report: report(0, 0) })).toBe(false);
    expect(canCommit({ name: 'refused', report: report(0) })).toBe(false);
    expect(canCommit({ name: 'committing', progress: 50, report: report(0) })).toBe(false);
    expect(canCommit({ name: 'idle' })).toBe(false);
    expect(percent(5, 10)).toBe(50);
    expect(percent(11, 10)).toBe(100);
    expect(percent(3, null)).toBe(50);
  });
});

describe('ward geometry', () => {
  const square = (x: number, y: number, size: number) => [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  const ward = {
    type: 'MultiPolygon' as const,
    coordinates: [[square(105.8, 21.0, 0.1), square(105.84, 21.04, 0.02)], [square(106, 21, 0.01)]],
  };

  test('bounds over every polygon', () => {
    expect(boundsOf(ward)).toEqual([
      [105.8, 21.0],
      [106.01, 21.1],
    ]);
    expect(boundsOf({ type: 'Polygon', coordinates: [] })).toBeNull();
  });

  test('inside an outer ring, outside its holes', () => {
    expect(contains(ward, { lat: 21.01, lng: 105.81 })).toBe(true);
    expect(contains(ward, { lat: 21.05, lng: 105.85 })).toBe(false); // in the hole
    expect(contains(ward, { lat: 21.005, lng: 106.005 })).toBe(true); // second polygon
    expect(contains(ward, { lat: 20.9, lng: 105.81 })).toBe(false);
  });

  test('codes with their unit', () => {
    expect(fullCode({ code: '25M-SN9-S32', unit: 'P302' })).toBe('25M-SN9-S32/P302');
    expect(fullCode({ code: '25M-SN9-S32/P302', unit: 'P302' })).toBe('25M-SN9-S32/P302');
    expect(fullCode({ code: '25M-SN9-S32', unit: null })).toBe('25M-SN9-S32');
  });
});

describe('console requests', () => {
  function fake(answer: unknown = {}, status = 200) {
    const calls: { url: string; init: RequestInit }[] = [];
    const api = createConsoleApi({
      fetch: async (url, init = {}) => {
        calls.push({ url: String(url), init });
        return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } });
      },
    });
    return { api, calls };
  }

  test('paths and bodies; a unit is an encoded slash; the session cookie goes along', async () => {
    const { api, calls } = fake({ proposals: [] });
    await api.queue('00070');
    await api.setStatus('25M-SN9-S32/P302', 3, 'verified');
    await api.approve('12', { version: 2 });
    await api.reject('12', 'Sai vị trí');
    await api.block('5', 'Phá hoại');
    await api.unblock('5');
    await api.ward('00070', true);
    expect(calls.map((c) => `${c.init.method ?? 'GET'} ${c.url}`)).toEqual([
      'GET /v1/wards/00070/proposals?status=pending',
      'PATCH /v1/addresses/25M-SN9-S32%2FP302',
      'POST /v1/proposals/12/approve',
      'POST /v1/proposals/12/reject',
      'POST /v1/users/5/block',
      'POST /v1/users/5/unblock',
      'GET /v1/admin/wards/00070?geometry=true',
    ]);
    expect(JSON.parse(String(calls[1]!.init.body))).toEqual({ version: 3, status: 'verified' });
    expect(JSON.parse(String(calls[3]!.init.body))).toEqual({ reason: 'Sai vị trí' });
    expect(calls[5]!.init.body).toBeUndefined(); // unblock: no body
    expect(calls.every((c) => c.init.credentials === 'same-origin')).toBe(true);
    expect(exportUrl('00070', 'csv')).toBe('/v1/wards/00070/addresses?format=csv');
    expect(importUrl('00070', false)).toBe('/v1/wards/00070/imports?dryRun=false');
  });

  test('a stale version is a problem with the current address', async () => {
    const { api } = fake({ status: 409, type: '/problems/conflict', current: { code: 'X', registered: true } }, 409);
    const error = await api.setStatus('25M-SN9-S32', 1, 'verified').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).problem.current).toEqual({ code: 'X', registered: true });
  });
});

/** Just enough of XMLHttpRequest: progress events, then an answer. */
class FakeXhr extends EventTarget {
  upload = new EventTarget();
  status = 0;
  responseText = '';
  withCredentials = false;
  timeout = 0;
  sent: { method: string; url: string; headers: Record<string, string>; body: unknown } = { method: '', url: '', headers: {}, body: null };
  constructor(private readonly answer: { status: number; body: unknown }) {
    super();
  }
  open(method: string, url: string) {
    Object.assign(this.sent, { method, url });
  }
  setRequestHeader(name: string, value: string) {
    this.sent.headers[name] = value;
  }
  getResponseHeader() {
    return null;
  }
  abort() {
    this.dispatchEvent(new Event('abort'));
  }
  send(body: unknown) {
    this.sent.body = body;
    queueMicrotask(() => {
      for (const loaded of [40, 100])
        this.upload.dispatchEvent(Object.assign(new Event('progress'), { loaded, total: 100, lengthComputable: true }));
      this.status = this.answer.status;
      this.responseText = JSON.stringify(this.answer.body);
      this.dispatchEvent(new Event('load'));
    });
  }
}

describe('uploading an import', () => {
  test('reports progress and answers with the report', async () => {
    const xhr = new FakeXhr({ status: 200, body: { dryRun: true, total: 1, valid: 1, invalid: 0, rows: [{ row: 1, ok: true }] } });
    const progress: number[] = [];
    const { status, body } = await upload<{ valid: number }>({
      url: '/v1/wards/00070/imports?dryRun=true',
      body: 'lat,lng\n21,105\n',
      contentType: 'text/csv',
      onProgress: (p) => progress.push(p),
      xhr: () => xhr as unknown as XMLHttpRequest,
    });
    expect(status).toBe(200);
    expect(body.valid).toBe(1);
    expect(progress).toEqual([40, 100, 100]);
    expect(xhr.sent).toMatchObject({ method: 'POST', url: '/v1/wards/00070/imports?dryRun=true', headers: { 'content-type': 'text/csv' } });
  });

  test('a refused commit is an ApiError carrying the rows', async () => {
    const rows = [{ row: 2, ok: false, error: 'lat "abc" is not a latitude' }];
    const xhr = new FakeXhr({ status: 422, body: { type: '/problems/invalid-import', status: 422, rows } });
    const error = await upload({ url: '/x', body: '', contentType: 'text/csv', xhr: () => xhr as unknown as XMLHttpRequest }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).problem.rows).toEqual(rows);
  });
});
