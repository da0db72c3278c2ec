/**
 * The whole app's security headers and limits (issue 8): headers on the API, the pages and the
 * files; the built pages carry no inline script, style or handler (the CSP would refuse them);
 * oversized bodies and URLs get problem+json; a query cancelled by its timeout answers 503, never 500.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createKnex, type DbTimeouts } from '../../server/db/knex.js';
import { DOCS_CSP } from '../../server/docs/routes.js';
import { appCsp } from '../../server/http/security.js';
import { WEB_DIST } from '../../server/pages/routes.js';
import { createTestApp } from '../support/app.js';
import { ensureWebBuilt } from '../support/browser.js';

const { app, close } = createTestApp();
afterAll(close);
beforeAll(ensureWebBuilt, 300_000);

const CODE = '25M-SN9-S32';

describe('security headers', () => {
  it('API answers: nosniff, no framing, and no page policy', async () => {
    const res = await request(app).get(`/v1/codes/${CODE}`).expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['content-security-policy']).toBeUndefined();
    const problem = await request(app).get('/v1/codes/25M-SN9-S33').expect(400);
    expect(problem.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['/', '/console', '/about', `/${CODE}`])('%s is served under the strict CSP', async (page) => {
    const res = await request(app).get(page).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(appCsp());
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    // nothing inline that the policy refuses: scripts are files, no <style>, no style="" or on…="" attributes
    expect(res.text.match(/<script(?![^>]*\ssrc=)[^>]*>/g)).toBeNull();
    expect(res.text.match(/<style[\s>]/g)).toBeNull();
    expect(res.text.match(/\sstyle=|\son[a-z]+=/gi)).toBeNull();
    expect(res.text.match(/javascript:/gi)).toBeNull();
  });

  it('every built page file is free of inline script, style and handlers; the stylesheets they name are served', async () => {
    const pages = readdirSync(WEB_DIST).filter((f) => f.endsWith('.html'));
    expect(pages.sort()).toEqual(['console.html', 'index.html']);
    for (const page of pages) {
      const html = readFileSync(path.join(WEB_DIST, page), 'utf8');
      expect(html.match(/<script(?![^>]*\ssrc=)[^>]*>|<style[\s>]|\sstyle=|\son[a-z]+=/gi), page).toBeNull();
    }
    const about = await request(app).get('/about');
    expect(about.text).toMatch(/<link rel="stylesheet" href="\/about.css">/);
    await request(app)
      .get('/about.css')
      .expect(200)
      .expect('content-type', /^text\/css/);
  });

  it("the app's scripts (the map's worker among them) carry the same policy: a worker runs under its own script's", async () => {
    const worker = readdirSync(path.join(WEB_DIST, 'assets')).find((f) => /worker.*\.m?js$/.test(f));
    expect(worker, 'the MapLibre worker file in web/dist/assets').toBeTruthy();
    const res = await request(app).get(`/assets/${worker}`).expect(200);
    expect(res.headers['content-security-policy']).toBe(appCsp());
  });

  it('/docs keeps its own policy (Swagger UI from this server)', async () => {
    const res = await request(app).get('/docs').expect(200);
    expect(res.headers['content-security-policy']).toBe(DOCS_CSP);
    expect(res.headers['x-frame-options']).toBe('DENY');
  });
});

describe('request size limits', () => {
  it('a JSON body over 2 MB gets 413 problem+json', async () => {
    const codes = Array.from({ length: 200_000 }, () => CODE); // ~2.6 MB of JSON
    const res = await request(app)
      .post('/v1/codes/lookup')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ codes }))
      .expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
  });

  it('a CSV body over 16 MB gets 413 problem+json', async () => {
    const csv = `code\n${`${CODE}\n`.repeat(1_500_000)}`; // 18 MB
    const res = await request(app).post('/v1/batch/codes.csv').set('content-type', 'text/csv').send(csv).expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/payload-too-large', status: 413 });
  });

  it('an absurd URL gets 414 problem+json', async () => {
    const res = await request(app)
      .get(`/v1/search?q=${'pho'.repeat(4000)}`)
      .expect(414);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/uri-too-long', status: 414 });
  });
});

/**
 * A lookup made to wait on a lock held by the test: its statement (or lock) timeout cancels it and
 * the client gets 503 query-timeout with Retry-After. PGlite has one backend for every connection
 * (nothing blocks) and does not enforce these timeouts: real PostgreSQL only.
 */
describe.skipIf(inject('embedded'))('timeouts on queries', () => {
  const url = inject('databaseUrl');
  const appWith = (timeouts: DbTimeouts) => {
    const knex = createKnex(url, 2, { timeouts });
    return { knex, app: createApp({ knex, logger: pino({ level: 'silent' }), embedded: false, dataDir: loadConfig().dataDir }) };
  };
  const locker = createKnex(url, 1);
  afterAll(() => locker.destroy());

  async function whileAddressesLocked<T>(run: () => Promise<T>): Promise<T> {
    return locker.transaction(async (trx) => {
      await trx.raw('LOCK TABLE addresses IN ACCESS EXCLUSIVE MODE');
      return run();
    });
  }

  it.each([
    // long enough that an unblocked lookup never hits them on a loaded machine; the lock makes the blocked one wait for ever
    ['statement_timeout (57014)', { statementMs: 1500, lockMs: 0, idleInTransactionMs: 0, acquireMs: 5000 }],
    ['lock_timeout (55P03)', { statementMs: 0, lockMs: 1500, idleInTransactionMs: 0, acquireMs: 5000 }],
  ])('a lookup cancelled by %s answers 503 query-timeout with Retry-After, not 500', async (_name, timeouts) => {
    const { knex, app: timed } = appWith(timeouts);
    try {
      await request(timed).get(`/v1/codes/${CODE}`).expect(200); // warm: connections open, nothing blocks
      const started = Date.now();
      const res = await whileAddressesLocked(() => request(timed).get(`/v1/codes/${CODE}`));
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ type: '/problems/query-timeout', status: 503 });
      expect(Date.now() - started).toBeLessThan(8000);
      await request(timed).get(`/v1/codes/${CODE}`).expect(200); // and the pool is fine afterwards
    } finally {
      await knex.destroy();
    }
  });
});
