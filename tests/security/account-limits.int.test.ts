/**
 * Limits that a free account cannot escape (issue 15, server/keys/gate.ts):
 * - a key an account makes for itself gets the anonymous per-minute limit until an administrator
 *   raises the account (API and CLI); keys an administrator makes keep the key limits;
 * - all of an account's keys share one quota;
 * - /v1/auth/* is limited per client address whatever key comes along;
 * - map tiles have their own per-address budget, generous enough for the web app's map.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import type { Limits } from '../../server/config.js';
import { createTestApp } from '../support/app.js';
import { signedIn } from '../support/users.js';

const base = createTestApp();
afterAll(base.close);
const { app, knex } = base;
const CODE = '25M-SN9-S32';

/** Fixed clocks on tomorrow's date (never a minute boundary mid-test; see tests/keys), one minute per test. */
const TOMORROW = (Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000;
const at = (h: number, m: number, s = 10) => TOMORROW + ((h * 60 + m) * 60 + s) * 1000;

/** Another API process on the same database, with limits on. */
function limitedApp(limits: Partial<Limits>, clockAt: number) {
  return createApp({
    knex,
    logger: pino({ level: 'silent' }),
    embedded: inject('embedded'),
    dataDir: undefined,
    limits: { enabled: true, anonymousPerMinute: 1000, keyPerMinute: 1000, keyPerDay: 100_000, ...limits },
    clock: () => clockAt,
  });
}
const forgetCounters = (prefix: string) => knex.raw('DELETE FROM rate_counters WHERE bucket LIKE ?', [`${prefix}%`]);

async function selfIssued(agent: request.Agent, scope: 'read' | 'write' = 'write') {
  const res = await agent.post('/v1/keys').send({ name: 'tự tạo', scope }).expect(201);
  expect(res.body.selfIssued).toBe(true);
  return res.body as { key: string; id: string };
}

describe('keys an account makes for itself', () => {
  it('get the anonymous per-minute limit, write scope or not; a key an administrator made keeps the key limit', async () => {
    const owner = await signedIn(app, knex, 'household');
    const admin = await signedIn(app, knex, 'admin');
    const own = await selfIssued(owner.agent);
    const limited = limitedApp({ anonymousPerMinute: 3, keyPerMinute: 50 }, at(9, 0));
    for (let i = 0; i < 3; i++) {
      const res = await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(200);
      expect(res.headers['ratelimit-limit']).toBe('3');
    }
    const over = await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(429);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(over.headers['retry-after'])).toBe(50);
    expect(over.body.detail).toMatch(/administrator raises the account/);

    const company = await signedIn(app, knex, 'household');
    const given = await admin.agent.post('/v1/keys').send({ name: 'cấp cho công ty', scope: 'write', owner: company.user.id }).expect(201);
    expect(given.body.selfIssued).toBe(false);
    for (let i = 0; i < 10; i++) await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', given.body.key).expect(200);
    const res = await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', given.body.key).expect(200);
    expect(res.headers['ratelimit-limit']).toBe('50');
  });

  it('keep their tier through rotation', async () => {
    const owner = await signedIn(app, knex, 'household');
    const own = await selfIssued(owner.agent);
    const rotated = await owner.agent.post(`/v1/keys/${own.id}/rotate`).expect(201);
    expect(rotated.body.selfIssued).toBe(true);
    const limited = limitedApp({ anonymousPerMinute: 2 }, at(9, 1));
    for (let i = 0; i < 2; i++) await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', rotated.body.key).expect(200);
    await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', rotated.body.key).expect(429);
  });
});

describe('quotas count per account', () => {
  it('two keys of one account share one per-minute quota, and one daily quota', async () => {
    const admin = await signedIn(app, knex, 'admin');
    const company = await signedIn(app, knex, 'household');
    const keys = await Promise.all(
      [1, 2].map(
        async (n) =>
          (
            await admin.agent
              .post('/v1/keys')
              .send({ name: `kho ${n}`, owner: company.user.id })
              .expect(201)
          ).body.key as string,
      ),
    );
    const limited = limitedApp({ keyPerMinute: 4 }, at(9, 2));
    for (const key of [keys[0], keys[1], keys[0], keys[1]])
      await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', key!).expect(200);
    for (const key of keys) {
      const over = await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', key).expect(429);
      expect(over.body.detail).toMatch(/keys of this account/);
    }
    // twenty self-issued keys buy nothing more than one
    const owner = await signedIn(app, knex, 'household');
    const many = await Promise.all(Array.from({ length: 5 }, () => selfIssued(owner.agent, 'read')));
    const anon = limitedApp({ anonymousPerMinute: 3 }, at(9, 3));
    const statuses = [];
    for (const k of many) statuses.push((await request(anon).get(`/v1/codes/${CODE}`).set('X-API-Key', k.key)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);

    const daily = limitedApp({ keyPerDay: 3 }, at(16, 0, 0));
    const another = await signedIn(app, knex, 'household');
    const [a, b] = await Promise.all(
      [1, 2].map(
        async (n) =>
          (
            await admin.agent
              .post('/v1/keys')
              .send({ name: `ngày ${n}`, owner: another.user.id })
              .expect(201)
          ).body.key as string,
      ),
    );
    for (const key of [a, b, a]) await request(daily).get(`/v1/codes/${CODE}`).set('X-API-Key', key!).expect(200);
    const over = await request(daily).get(`/v1/codes/${CODE}`).set('X-API-Key', b!).expect(429);
    expect(over.body.detail).toMatch(/daily quota/);
  });

  it('an administrator raising the account lifts its keys, self-issued ones included, until reset; others may not', async () => {
    const owner = await signedIn(app, knex, 'household');
    const admin = await signedIn(app, knex, 'admin');
    const own = await selfIssued(owner.agent);
    const limited = limitedApp({ anonymousPerMinute: 2, keyPerMinute: 1000 }, at(9, 4));
    for (let i = 0; i < 2; i++) await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(200);
    await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(429);

    await owner.agent.put(`/v1/users/${owner.user.id}/api-limits`).send({ perMinute: 100, perDay: 1000 }).expect(403);
    expect((await owner.agent.get(`/v1/users/${owner.user.id}/api-limits`).expect(200)).body).toMatchObject({
      raised: false,
      perMinute: null,
    });
    await owner.agent.get(`/v1/users/${admin.user.id}/api-limits`).expect(404); // someone else's: as if it did not exist
    const raised = await admin.agent.put(`/v1/users/${owner.user.id}/api-limits`).send({ perMinute: 10, perDay: 1000 }).expect(200);
    expect(raised.body).toMatchObject({ account: owner.user.id, raised: true, perMinute: 10, perDay: 1000 });
    expect((await owner.agent.get(`/v1/users/${owner.user.id}/api-limits`).expect(200)).body).toMatchObject({
      raised: true,
      perMinute: 10,
    });
    const lifted = await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(200);
    expect(lifted.headers['ratelimit-limit']).toBe('10');
    await admin.agent.put('/v1/users/999999999/api-limits').send({ perMinute: 10, perDay: 1000 }).expect(404);
    await admin.agent.put(`/v1/users/${owner.user.id}/api-limits`).send({ perMinute: 0, perDay: 1000 }).expect(400);

    await admin.agent.delete(`/v1/users/${owner.user.id}/api-limits`).expect(200);
    await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(429);
  });

  // the embedded test database is held by this process, so the CLI is exercised on PostgreSQL
  it.skipIf(inject('embedded'))(
    'npm run admin -- set-api-limits raises an account and --default resets it',
    async () => {
      const owner = await signedIn(app, knex, 'household');
      const own = await selfIssued(owner.agent);
      const limited = limitedApp({ anonymousPerMinute: 1 }, at(9, 5));
      await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(200);
      await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(429);
      const env = { ...process.env, DATABASE_URL: inject('databaseUrl') };
      const admin = (...args: string[]) =>
        promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/admin.ts', 'set-api-limits', ...args], {
          env,
          cwd: path.resolve(import.meta.dirname, '../..'),
        });
      const { stdout } = await admin('--account', owner.user.id, '--per-minute', '20', '--per-day', '5000');
      expect(stdout).toMatch(/20 requests a minute/);
      await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(200);
      await admin('--account', owner.user.id, '--default');
      await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', own.key).expect(429);
      await expect(admin('--account', owner.user.id, '--per-minute', 'many')).rejects.toMatchObject({ code: 2 });
    },
    60_000,
  );
});

describe('authentication routes are limited per client address', () => {
  it('a key on /v1/auth/login gets no more attempts than the per-address limit', async () => {
    await forgetCounters('auth:');
    const admin = await signedIn(app, knex, 'admin');
    const key = (await admin.agent.post('/v1/keys').send({ name: 'máy chủ', scope: 'write' }).expect(201)).body.key as string;
    const limited = limitedApp({ authPerMinute: 3, keyPerMinute: 1000 }, at(9, 6));
    const attempt = (n: number) =>
      request(limited)
        .post('/v1/auth/login')
        .set('X-API-Key', key)
        .send({ email: `khong-co-${n}-${Date.now()}@example.vn`, password: 'sai mật khẩu rồi' });
    for (let i = 0; i < 3; i++) expect((await attempt(i)).status).toBe(401);
    const over = await attempt(3);
    expect(over.status).toBe(429);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(over.headers['retry-after'])).toBe(50);
    expect(over.body.detail).toMatch(/one address/);
    // without a key, the same budget: it is the address's
    expect((await request(limited).post('/v1/auth/login').send({ email: 'x@example.vn', password: 'sai mật khẩu rồi' })).status).toBe(429);
    // the rest of the API is not touched by it
    await request(limited).get(`/v1/codes/${CODE}`).set('X-API-Key', key).expect(200);
    await request(limited).get(`/v1/codes/${CODE}`).expect(200);
  });
});

describe('map tiles have their own per-address budget', () => {
  it('beyond it: 429 problem+json with Retry-After, readable cross-origin; the API budget is apart', async () => {
    await forgetCounters('tiles:');
    const limited = limitedApp({ tilesPerMinute: 3, anonymousPerMinute: 2 }, at(9, 7));
    for (let i = 0; i < 3; i++) expect([200, 204]).toContain((await request(limited).get(`/tiles/provinces/5/${25 + i}/14.mvt`)).status);
    const over = await request(limited).get('/tiles/provinces/5/25/14.mvt').expect(429);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(over.headers['retry-after'])).toBe(50);
    expect(over.headers['access-control-allow-origin']).toBe('*');
    expect(over.headers['ratelimit-policy']).toBe('3;w=60');
    await request(limited).get(`/v1/codes/${CODE}`).expect(200); // API calls count apart
    await request(limited).get('/about').expect(200); // pages are not limited
  });

  it('the web app’s map (every layer of a large screen’s view) fits in the default budget, with the default API limits', async () => {
    await forgetCounters('tiles:');
    const limited = limitedApp({ anonymousPerMinute: 300 }, at(9, 8)); // default tiles budget
    const layers = ['countries', 'provinces', 'wards', 'labels', 'addresses', 'roads', 'buildings'];
    const [z, x0, y0] = [14, 13_007, 7_210]; // around Hoàn Kiếm: 6 × 4 tiles of 512 px cover a 2560 × 1440 screen
    const statuses: number[] = [];
    for (const layer of layers) {
      for (let dx = 0; dx < 6; dx++) {
        const batch = await Promise.all([0, 1, 2, 3].map((dy) => request(limited).get(`/tiles/${layer}/${z}/${x0 + dx}/${y0 + dy}.mvt`)));
        statuses.push(...batch.map((r) => r.status));
      }
    }
    expect(statuses).toHaveLength(168);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(50); // real tiles, not only empty ones
  }, 120_000);
});
