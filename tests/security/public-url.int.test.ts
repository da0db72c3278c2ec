/**
 * A forged Host header never reaches a link: share pages (Open Graph), QR codes (cached a day) and
 * OGC links use PUBLIC_URL when set; with ALLOWED_HOSTS a request for another host gets 400
 * problem+json (health probes excepted) and links use the allowed host; X-Forwarded-Host counts
 * only behind a trusted proxy. In production the server refuses to start without either.
 */
import { spawn } from 'node:child_process';
import QRCode from 'qrcode';
import request from 'supertest';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createTestApp } from '../support/app.js';
import { householdSessions } from '../support/users.js';

const CODE = '25M-SN9-S32';
const QR = { type: 'svg', errorCorrectionLevel: 'M', margin: 2 } as const;
const FORGED = { Host: 'evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Forwarded-Proto': 'https' };

const withPublicUrl = createTestApp({ publicUrl: 'https://ma.example.vn/' });
const withHosts = createTestApp({ allowedHosts: ['ma.example.vn', 'localhost:3000'] });
afterAll(async () => {
  await withPublicUrl.close();
  await withHosts.close();
});

type App = typeof withHosts.app;
async function qrOf(app: App, headers: Record<string, string>): Promise<string> {
  const res = await request(app).get(`/v1/codes/${CODE}/qr.svg`).set(headers).expect(200);
  return res.text ?? res.body.toString();
}
const pageOf = async (app: App, headers: Record<string, string>) => (await request(app).get(`/${CODE}`).set(headers).expect(200)).text;
const meta = (html: string, property: string) => html.match(new RegExp(`<meta property="${property}" content="([^"]*)">`))?.[1];
/** Every href of the OGC landing page and of a page of items. */
async function ogcLinks(app: App, headers: Record<string, string>): Promise<string[]> {
  const landing = await request(app).get('/ogc').set(headers).expect(200);
  const items = await request(app).get('/ogc/collections/wards/items?limit=1').set(headers).expect(200);
  const body = JSON.parse(items.text ?? items.body.toString());
  return [...landing.body.links, ...body.links].map((l: { href: string }) => l.href);
}

describe('with PUBLIC_URL', () => {
  it('share links, QR codes and OGC links use it whatever Host or X-Forwarded-Host says', async () => {
    const { app } = withPublicUrl;
    expect(await qrOf(app, FORGED)).toBe(await QRCode.toString(`https://ma.example.vn/${CODE}`, QR));
    const page = await pageOf(app, FORGED);
    expect(meta(page, 'og:url')).toBe(`https://ma.example.vn/${CODE}`);
    expect(meta(page, 'og:image')).toMatch(/^https:\/\/ma\.example\.vn\/v1\/codes\//);
    expect(page).not.toContain('evil.example');
    const links = await ogcLinks(app, FORGED);
    expect(links.length).toBeGreaterThan(3);
    for (const href of links) expect(href).toMatch(/^https:\/\/ma\.example\.vn\//);
  });
});

describe('with ALLOWED_HOSTS', () => {
  it('answers another Host with 400 problem+json, on the API, the pages and OGC alike', async () => {
    for (const path of [`/v1/codes/${CODE}/qr.svg`, `/${CODE}`, '/ogc', `/v1/codes/${CODE}`, '/', '/localhost:3000']) {
      // an allowed name with a port it was not listed with is another host (found in review: links and QR codes carried ":1")
      for (const host of ['evil.example', 'localhost:4000', 'ma.example.vn.evil.example', 'ma.example.vn:1', 'localhost']) {
        const res = await request(withHosts.app).get(path).set('Host', host);
        expect(res.status, `${host}${path}`).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    }
  });

  it('lets health probes through whatever their Host (load balancers probe by IP address)', async () => {
    await request(withHosts.app).get('/healthz').set('Host', '10.0.0.5:3000').expect(200);
    await request(withHosts.app).get('/readyz').set('Host', '10.0.0.5:3000').expect(200);
  });

  it('builds links from the allowed host (any case), never from X-Forwarded-Host without a trusted proxy', async () => {
    const { app } = withHosts;
    const headers = { Host: 'MA.example.vn', 'X-Forwarded-Host': 'evil.example' };
    expect(await qrOf(app, headers)).toBe(await QRCode.toString(`http://ma.example.vn/${CODE}`, QR));
    expect(meta(await pageOf(app, headers), 'og:url')).toBe(`http://ma.example.vn/${CODE}`);
    for (const href of await ogcLinks(app, headers)) expect(href).toMatch(/^http:\/\/ma\.example\.vn\//);
    expect(await qrOf(app, { Host: 'localhost:3000' })).toBe(await QRCode.toString(`http://localhost:3000/${CODE}`, QR));
  });

  it('takes the allowed host as the origin of the site’s own writes', async () => {
    const { cookie } = (await householdSessions(withHosts.knex, 1))[0]!;
    const post = (path: string, origin: string) =>
      request(withHosts.app).post(path).set({ Host: 'ma.example.vn', Origin: origin, Cookie: cookie });
    await post('/v1/addresses', 'http://evil.example').send({ lat: 16.06, lng: 108.22 }).expect(403);
    await post('/v1/auth/logout', 'http://ma.example.vn').expect(204);
  });
});

describe('starting in production', () => {
  it('refuses without PUBLIC_URL or ALLOWED_HOSTS, with a message saying what to set', async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: inject('databaseUrl'),
      PORT: '0',
      HOST: '127.0.0.1',
      AUTO_SEED: '0',
      API_WORKERS: '1',
    };
    delete env.PUBLIC_URL;
    delete env.ALLOWED_HOSTS;
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    // a server that starts anyway is stopped after a while (and the test fails)
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    clearTimeout(timer);
    expect(code).toBe(1);
    expect(stderr).toMatch(/NODE_ENV=production needs PUBLIC_URL .* or ALLOWED_HOSTS/);
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
