import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { encode, formatCode } from '../../server/codes/codec.js';
import { createTestApp } from '../support/app.js';
import { pointsIn, signedIn } from '../support/users.js';

const base = createTestApp();
afterAll(base.close);
const { app, knex } = base;
const CODE = '25M-SN9-S32';

async function newKey(agent: request.Agent, body: Record<string, unknown> = {}) {
  const res = await agent
    .post('/v1/keys')
    .send({ name: 'kho Hà Nội', ...body })
    .expect(201);
  expect(res.body.key).toMatch(/^vnac_[0-9a-z]{32}$/);
  return res.body as { key: string; id: string; prefix: string; scope: string };
}

/**
 * Fixed clocks for the limited apps, on tomorrow's UTC date: never a minute boundary mid-test, and
 * never older than the two days after which any process prunes rate counters (a clock fixed on a
 * calendar date made these tests fail once that date was two days past).
 */
const TOMORROW = (Math.floor(Date.now() / 86_400_000) + 1) * 86_400_000;
const at = (h: number, m: number, s: number) => TOMORROW + ((h * 60 + m) * 60 + s) * 1000;

/** A second API process on the same database, with limits on and a fixed clock (no minute boundary mid-test). */
function limitedApp(limits: { anonymousPerMinute?: number; keyPerMinute?: number; keyPerDay?: number }, clockAt = at(5, 0, 10)) {
  return createApp({
    knex,
    logger: pino({ level: 'silent' }),
    embedded: inject('embedded'),
    limits: { enabled: true, anonymousPerMinute: 1000, keyPerMinute: 1000, keyPerDay: 100000, ...limits },
    clock: () => clockAt,
  });
}

describe('API keys', () => {
  it('are created by a signed-in account, shown once, listed without the key, and work as header or ?key=', async () => {
    const owner = await signedIn(app, knex, 'household');
    const created = await newKey(owner.agent);
    expect(created).toMatchObject({ scope: 'read', prefix: created.key.slice(0, 12) });
    const list = await owner.agent.get('/v1/keys').expect(200);
    expect(list.body.keys.map((k: { id: string }) => k.id)).toContain(created.id);
    expect(JSON.stringify(list.body)).not.toContain(created.key);
    const { rows } = await knex.raw('SELECT hash FROM api_keys WHERE id = ?', [created.id]);
    expect(rows[0].hash).not.toContain(created.key.slice(5)); // only the hash is stored
    await request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(200);
    await request(app).get(`/v1/codes/${CODE}`).query({ key: created.key }).expect(200);
  });

  it('refuses malformed, unknown and revoked keys with 401 problem+json, on every process at once', async () => {
    const owner = await signedIn(app, knex, 'household');
    const created = await newKey(owner.agent);
    const other = limitedApp({}); // another process
    await request(other).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(200);
    await owner.agent.delete(`/v1/keys/${created.id}`).expect(200);
    for (const a of [app, other]) {
      const res = await request(a).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(401);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.type).toBe('/problems/invalid-api-key');
    }
    await request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', 'not-a-key').expect(401);
    await request(app)
      .get(`/v1/codes/${CODE}`)
      .set('X-API-Key', `vnac_${'a'.repeat(32)}`)
      .expect(401);
    // anonymous use still works
    await request(app).get(`/v1/codes/${CODE}`).expect(200);
  });

  it('rotates: the new key works, the old one stops', async () => {
    const owner = await signedIn(app, knex, 'household');
    const created = await newKey(owner.agent, { scope: 'write' });
    const rotated = await owner.agent.post(`/v1/keys/${created.id}/rotate`).expect(201);
    expect(rotated.body).toMatchObject({ scope: 'write', name: 'kho Hà Nội', replaces: created.id });
    await request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(401);
    await request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', rotated.body.key).expect(200);
    await owner.agent.post(`/v1/keys/${created.id}/rotate`).expect(409);
  });

  it('scopes: a read key may look up but not write (403); a write key may register', async () => {
    const owner = await signedIn(app, knex, 'household');
    const reader = await newKey(owner.agent, { scope: 'read' });
    const writer = await newKey(owner.agent, { scope: 'write' });
    const [p] = await pointsIn(knex, '00226', 1);
    await request(app)
      .post('/v1/codes/lookup')
      .set('X-API-Key', reader.key)
      .send({ codes: [CODE] })
      .expect(200);
    const refused = await request(app).post('/v1/addresses').set('X-API-Key', reader.key).send(p).expect(403);
    expect(refused.body.detail).toMatch(/read-only/);
    await request(app).post('/v1/addresses').set('X-API-Key', writer.key).send(p).expect(201);
  });

  it('keys of others cannot be seen, revoked or read; administrators create keys for accounts; origins are checked', async () => {
    const owner = await signedIn(app, knex, 'household');
    const stranger = await signedIn(app, knex, 'household');
    const created = await newKey(owner.agent, { allowedOrigins: ['https://shop.example.vn'] });
    await stranger.agent.delete(`/v1/keys/${created.id}`).expect(403);
    await stranger.agent.get(`/v1/keys/${created.id}/usage`).expect(403);
    const keysNamedX = async () => Number((await knex('api_keys').where({ name: 'x' }).count({ n: '*' }))[0]!.n);
    const before = await keysNamedX();
    await request(app).post('/v1/keys').send({ name: 'x' }).expect(401);
    await stranger.agent.post('/v1/keys').send({ name: 'x', owner: owner.user.id }).expect(403);
    const admin = await signedIn(app, knex, 'admin');
    await admin.agent.post('/v1/keys').send({ name: 'for a company', owner: owner.user.id }).expect(201);
    await stranger.agent
      .post('/v1/keys')
      .send({ name: 'x', allowedOrigins: ['not an origin'] })
      .expect(400);
    expect(await keysNamedX()).toBe(before); // a refused creation writes no key

    const ok = await request(app)
      .get(`/v1/codes/${CODE}`)
      .set('X-API-Key', created.key)
      .set('Origin', 'https://shop.example.vn')
      .expect(200);
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example.vn');
    const bad = await request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).set('Origin', 'https://evil.example').expect(403);
    expect(bad.body.title).toBe('Origin not allowed');
    const preflight = await request(app)
      .options(`/v1/codes/${CODE}`)
      .set('Origin', 'https://shop.example.vn')
      .set('Access-Control-Request-Headers', 'x-api-key')
      .expect(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/X-API-Key/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('meters requests, codes looked up and errors per key and day, for its owner', async () => {
    const owner = await signedIn(app, knex, 'household');
    const created = await newKey(owner.agent);
    const codes = Array.from({ length: 10 }, (_, i) => formatCode(encode(21.02 + i * 0.001, 105.83)!));
    await request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(200);
    await request(app).post('/v1/codes/lookup').set('X-API-Key', created.key).send({ codes }).expect(200);
    await request(app).get('/v1/codes/25M-SN9-S33').set('X-API-Key', created.key).expect(400);
    await app.flushUsage();
    const usage = await owner.agent.get(`/v1/keys/${created.id}/usage`).expect(200);
    expect(usage.body.days).toHaveLength(1);
    expect(usage.body.days[0]).toMatchObject({ requests: 3, codes: 12, errors: 1 });
    expect(usage.body.key.lastUsedAt).not.toBeNull();
  });

  // the embedded test database is held by this process, so the CLI is exercised on PostgreSQL
  it.skipIf(inject('embedded'))('npm run admin -- create-key prints a working key once', async () => {
    const env = { ...process.env, DATABASE_URL: inject('databaseUrl') };
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'server/cli/admin.ts', 'create-key', '--name', 'giao hàng', '--scope', 'read'],
      { env, cwd: path.resolve(import.meta.dirname, '../..') },
    );
    const key = /^(vnac_\S+)$/m.exec(stdout)?.[1];
    expect(key).toBeDefined();
    await request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', key!).expect(200);
  });
});

describe('rate limits and quotas (counted in the database, shared by processes)', () => {
  it('limit a key per minute across two processes: 429 with Retry-After and RateLimit headers', async () => {
    const owner = await signedIn(app, knex, 'household');
    const created = await newKey(owner.agent);
    const [a, b] = [limitedApp({ keyPerMinute: 5 }), limitedApp({ keyPerMinute: 5 })];
    for (const target of [a, b, a, b, a]) {
      const res = await request(target).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(200);
      expect(Number(res.headers['ratelimit-limit'])).toBe(5);
    }
    const over = await request(b).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(429);
    expect(over.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(over.headers['retry-after'])).toBe(50); // fixed clock at :10 of the minute
    expect(over.headers['ratelimit-remaining']).toBe('0');
    expect(over.headers['ratelimit-policy']).toBe('5;w=60');
    // the next minute starts afresh
    const later = limitedApp({ keyPerMinute: 5 }, at(5, 1, 10));
    await request(later).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(200);
  });

  it('stop a key at its daily quota until midnight in Vietnam', async () => {
    const owner = await signedIn(app, knex, 'household');
    const created = await newKey(owner.agent);
    const quota = limitedApp({ keyPerDay: 3 }, at(16, 0, 0)); // 23:00 in Hà Nội
    for (let i = 0; i < 3; i++) await request(quota).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(200);
    const over = await request(quota).get(`/v1/codes/${CODE}`).set('X-API-Key', created.key).expect(429);
    expect(Number(over.headers['retry-after'])).toBe(3600);
    expect(over.body.detail).toMatch(/daily quota/);
  });

  it('give anonymous callers a lower per-address limit', async () => {
    await knex.raw("DELETE FROM rate_counters WHERE bucket LIKE 'ip:%'");
    const anon = limitedApp({ anonymousPerMinute: 3 }, at(7, 30, 0));
    for (let i = 0; i < 3; i++) await request(anon).get(`/v1/codes/${CODE}`).expect(200);
    const over = await request(anon).get(`/v1/codes/${CODE}`).expect(429);
    expect(over.body.detail).toMatch(/X-API-Key/);
    // tiles and pages are not API calls
    await request(anon).get('/about').expect(200);
  });
});

describe('conditional requests and compression', () => {
  it('answers a repeated lookup with 304 when nothing changed, and compresses large answers', async () => {
    const first = await request(app).get(`/v1/codes/${CODE}`).expect(200);
    expect(first.headers.etag).toMatch(/^W\//);
    await request(app).get(`/v1/codes/${CODE}`).set('If-None-Match', first.headers.etag!).expect(304);
    await request(app)
      .get('/v1/codes/25M-SN9-S23')
      .set('If-None-Match', first.headers.etag!)
      .expect((r) => expect(r.status).not.toBe(304));
    const provinces = await request(app).get('/v1/admin/provinces').expect(200);
    await request(app).get('/v1/admin/provinces').set('If-None-Match', provinces.headers.etag!).expect(304);
    const codes = Array.from({ length: 200 }, (_, i) => formatCode(encode(21.0 + i * 0.001, 105.8)!));
    const batch = await request(app).post('/v1/codes/lookup').set('Accept-Encoding', 'gzip').send({ codes }).expect(200);
    expect(batch.headers['content-encoding']).toBe('gzip');
    expect(batch.body.results).toHaveLength(200);
  });
});
