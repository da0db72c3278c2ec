/**
 * Malformed request data is a 4xx problem+json, never a 500: a cookie-carrying write with a
 * Referer or Origin that is not a URL is refused as cross-site (403), and headers, paths and
 * percent-encodings that a parser could throw on (new URL, decodeURIComponent, cookie parsing)
 * are answered 4xx or served, on every kind of route.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { householdSessions } from '../support/users.js';

const { app, knex, close } = createTestApp();
afterAll(close);
let cookie = '';
beforeAll(async () => {
  cookie = (await householdSessions(knex, 1))[0]!.cookie;
});

const BAD_URLS = ['::not a url', 'http://[::1', 'http://exa mple.vn/', '%E0%A4%A', 'http://', '/relative/only', 'javascript:alert(1)'];

describe('the CSRF check', () => {
  it.each(BAD_URLS)('refuses a signed-in write whose Referer is %j with 403 problem+json', async (referer) => {
    const res = await request(app).post('/v1/addresses').set({ Cookie: cookie, Referer: referer }).send({ lat: 16.06, lng: 108.22 });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it.each(BAD_URLS)('refuses a signed-in write whose Origin is %j', async (origin) => {
    await request(app).post('/v1/auth/logout').set({ Cookie: cookie, Origin: origin }).expect(403);
  });

  it('still lets the site’s own pages write (same-origin Referer, no Origin)', async () => {
    const res = await request(app)
      .post('/v1/addresses')
      .set({ Cookie: cookie, Host: 'ma.example.vn', Referer: 'http://ma.example.vn/25M-SN9-S32' })
      .send({ lat: 16.0611, lng: 108.2211 });
    expect([200, 201]).toContain(res.status);
  });
});

describe('no malformed header or path is a 500', () => {
  const HEADERS: Record<string, string>[] = [
    { Referer: '::x' },
    { Origin: 'null' },
    { Origin: '%%' },
    { 'Sec-Fetch-Site': '%%' },
    { Cookie: 'sid=%E0%A4%A' },
    { Cookie: 'sid="; x' },
    { Cookie: '=;;==' },
    { 'X-API-Key': '%E0%A4%A' },
    { 'If-None-Match': '"' },
    { 'Accept-Encoding': ';q=x' },
    { Accept: '%%%' },
    { 'X-Forwarded-Host': '%E0' },
    { 'X-Forwarded-Proto': '::' },
    { Host: '[::1' },
    { Host: 'a%20b' },
  ];
  const WRITES = ['/v1/addresses', '/v1/auth/logout', '/v1/codes/lookup', '/v1/batch/codes.csv', '/v1/proposals'];
  const READS = [
    '/v1/codes/%E0%A4%A',
    '/%E0%A4%A',
    '/%E0%A4%A/x',
    '/ogc/collections/%E0%A4%A',
    '/ogc/collections/addresses/items/%E0%A4%A',
    '/tiles/%E0%A4%A/1/1/1.mvt',
    '/v1/search?q=%E0%A4%A',
    '/v1/codes/25M-SN9-S32/qr.svg?x=%E0%A4%A',
    '/docs/assets/%E0%A4%A',
    '/v1/wards/%E0%A4%A/addresses',
    '/v1/admin/wards/%E0%A4%A',
    '/v1/keys/%E0%A4%A/usage',
    '/problems/%E0%A4%A',
    '/v1/addresses/%E0%A4%A/history',
    '/ogc/collections/addresses/items?bbox=%E0%A4%A',
    '/v1/reverse?lat=%E0&lng=1',
    '/v1/codes/%00',
    '/%00',
  ];

  it('on writes, signed in', async () => {
    const failures: string[] = [];
    for (const headers of HEADERS) {
      for (const path of WRITES) {
        const res = await request(app)
          .post(path)
          .set({ Cookie: cookie, ...headers })
          .send({});
        if (res.status >= 500) failures.push(`POST ${path} ${JSON.stringify(headers)}: ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('on reads', async () => {
    const failures: string[] = [];
    for (const path of READS) {
      for (const headers of [{}, { Cookie: cookie }, ...HEADERS.slice(0, 6)]) {
        const res = await request(app).get(path).set(headers);
        if (res.status >= 500) failures.push(`GET ${path} ${JSON.stringify(headers)}: ${res.status}`);
        else if (res.status >= 400) expect(res.headers['content-type'], path).toMatch(/^application\/problem\+json/);
      }
    }
    expect(failures).toEqual([]);
  });
});
