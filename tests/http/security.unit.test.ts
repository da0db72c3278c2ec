/**
 * Security headers and the HTTP server's own limits, without a database: the CSP's directives for
 * the configurations that change it, HSTS only over https, 414 and 431 as problem+json.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { errorHandler } from '../../server/http/problem.js';
import { appCsp, baseSecurityHeaders, limitUrlLength, MAX_URL_LENGTH, pageSecurityHeaders } from '../../server/http/security.js';
import { applyServerLimits } from '../../server/http/server-limits.js';

const directives = (csp: string) =>
  new Map(
    csp.split(/;\s*/).map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

function appWith(...middleware: express.RequestHandler[]) {
  const app = express();
  if (middleware.length) app.use(...middleware);
  app.get(/.*/, (_req, res) => void res.json({ ok: true }));
  app.use(errorHandler(pino({ level: 'silent' })));
  return app;
}

describe("the web app's Content Security Policy", () => {
  it("allows only this server: no inline or eval'd script, no plugins, no framing, MapLibre's worker and canvas images", () => {
    const d = directives(appCsp());
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(d.get('child-src')).toEqual(["'self'", 'blob:']);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(appCsp()).not.toMatch(/unsafe-|upgrade-insecure-requests/);
  });

  it("lets the map reach an external style's origin and the origins listed in MAP_CONNECT_SRC (origins, not paths)", () => {
    const d = directives(
      appCsp({
        mapStyleUrl: 'https://tiles.example.org/styles/liberty.json',
        mapConnectSrc: ['https://fonts.example.net/glyphs/x', 'https://tiles.example.org'],
      }),
    );
    expect(d.get('connect-src')).toEqual(["'self'", 'https://tiles.example.org', 'https://fonts.example.net']);
    expect(d.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.example.org', 'https://fonts.example.net']);
    expect(d.get('script-src')).toEqual(["'self'"]);
  });

  it('upgrades insecure requests only when the public URL is https', () => {
    expect(directives(appCsp({ publicUrl: 'https://ma.example.vn' })).has('upgrade-insecure-requests')).toBe(true);
    expect(directives(appCsp({ publicUrl: 'http://192.168.1.10:3000' })).has('upgrade-insecure-requests')).toBe(false);
  });
});

describe('security headers', () => {
  it('every response gets nosniff, DENY framing, a same-origin referrer and no HSTS over plain http', async () => {
    const res = await request(appWith(baseSecurityHeaders())).get('/v1/anything').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBeUndefined(); // JSON: the page policy is for pages
  });

  it('HSTS when PUBLIC_URL is https (TLS ends at the proxy in front), on the API and the pages', async () => {
    const https = { publicUrl: 'https://ma.example.vn' };
    const api = await request(appWith(baseSecurityHeaders(https))).get('/v1/x');
    expect(api.headers['strict-transport-security']).toBe('max-age=15552000');
    const page = await request(appWith(pageSecurityHeaders(https))).get('/');
    expect(page.headers['strict-transport-security']).toBe('max-age=15552000');
    expect(page.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
  });

  it("pages get helmet's full set with the strict CSP", async () => {
    const res = await request(appWith(pageSecurityHeaders())).get('/').expect(200);
    expect(directives(res.headers['content-security-policy']!)).toEqual(directives(appCsp()));
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin'); // not no-referrer: that sends "Origin: null" on the app's own POSTs
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('request size limits of the server itself', () => {
  it(`a URL longer than ${MAX_URL_LENGTH} characters gets 414 problem+json`, async () => {
    const app = appWith(limitUrlLength);
    await request(app)
      .get(`/v1/codes/${'A'.repeat(MAX_URL_LENGTH - 20)}`)
      .expect(200);
    const res = await request(app)
      .get(`/v1/search?q=${'a'.repeat(MAX_URL_LENGTH)}`)
      .expect(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/uri-too-long', status: 414 });
  });

  it("headers over Node's 16 KB cap get 431 problem+json (not a bare reply), malformed HTTP 400", async () => {
    const server = appWith().listen(0, '127.0.0.1');
    applyServerLimits(server);
    await once(server, 'listening');
    const { port } = server.address() as AddressInfo;
    const raw = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
        let data = '';
        socket.on('data', (chunk) => (data += chunk));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
      });
    try {
      const big = await raw(`GET /v1/codes/${'A'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(big).toMatch(/^HTTP\/1.1 431 /);
      expect(big).toMatch(/content-type: application\/problem\+json/i);
      expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toMatchObject({ type: '/problems/uri-too-long', status: 431 });
      // HEAD: the same status and headers, no body (a body after them reads as a second, broken response)
      const bigHead = await raw(`HEAD /v1/codes/${'A'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(bigHead).toMatch(/^HTTP\/1.1 431 /);
      expect(bigHead.endsWith('\r\n\r\n')).toBe(true);
      const bad = await raw('NONSENSE\r\n\r\n');
      expect(bad).toMatch(/^HTTP\/1.1 400 /);
      expect(server.keepAliveTimeout).toBe(65_000);
      expect(server.headersTimeout).toBe(66_000);
      expect(server.requestTimeout).toBe(120_000);
    } finally {
      server.close();
    }
  });
});
