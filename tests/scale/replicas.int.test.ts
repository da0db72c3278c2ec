/**
 * Reads from a streaming replica (issue 8), on two private PostgreSQL clusters on loopback: a
 * primary holding a copy of the run's test database, and a replica made from it with
 * pg_basebackup. The router counts the reads it sends to each database, which is how these tests
 * know who answered; pausing the replica's replay (pg_wal_replay_pause) makes it visibly stale, so
 * read-your-writes is proven rather than assumed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Knex } from 'knex';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createKnex } from '../../server/db/knex.js';
import { createReadRouter, type ReadRouter } from '../../server/db/replicas.js';
import { clustersAvailable, copyDatabase, createCluster, createReplica, freePort, type Cluster } from '../support/pg-cluster.js';
import { seededRandom } from '../support/random.js';
import { signedIn } from '../support/users.js';

const enabled = !inject('embedded') && clustersAvailable();
if (!enabled) {
  console.warn(
    `\n⚠ read-replica tests skipped: ${inject('embedded') ? 'they need real PostgreSQL (DATABASE_URL), not the embedded database' : 'PostgreSQL server binaries (initdb, pg_basebackup) not found'}\n`,
  );
}

const STICKY_MS = 1500;
const random = seededRandom(808);
/** A fresh point in Huế for each registration. */
const freshPoint = () => ({ lat: 16.45 + random() * 0.03, lng: 107.57 + random() * 0.03 });
const CODE = '25M-SN9-S32';

describe.runIf(enabled)('read replicas', () => {
  let primary: Cluster;
  let replica: Cluster;
  let pk: Knex;
  let router: ReadRouter;
  let app: ReturnType<typeof createApp>;

  const reads = () => {
    const s = router.stats();
    return { primary: s.primary, replica: s.replicas[0]!.reads };
  };
  /** How many reads each database served during `run`. */
  async function served<T>(run: () => Promise<T>): Promise<{ result: T; primary: number; replica: number }> {
    const before = reads();
    const result = await run();
    const after = reads();
    return { result, primary: after.primary - before.primary, replica: after.replica - before.replica };
  }

  beforeAll(async () => {
    primary = createCluster({ prefix: 'rep-primary' });
    copyDatabase(inject('databaseUrl'), primary.url('vnac'));
    replica = createReplica(primary, { prefix: 'rep-replica' });
    pk = createKnex(primary.url('vnac'), 4);
    router = createReadRouter({
      primary: pk,
      replicas: [{ name: 'replica', knex: createKnex(replica.url('vnac'), 4) }],
      prepared: true,
      probeMs: 0, // the tests call probe() themselves
      downMs: 60_000, // a stopped replica stays out until a probe finds it again
      maxLagMs: 3_600_000, // the paused replica below must stay in use, visibly stale
      logger: pino({ level: 'silent' }),
    });
    app = createApp({
      knex: pk,
      logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'error' }),
      embedded: false,
      dataDir: loadConfig().dataDir,
      reads: router,
      readYourWritesMs: STICKY_MS,
    });
    // the standby accepts connections once it has reached a consistent state
    for (let tries = 0; await router.probe(), !router.stats().replicas[0]!.reachable; tries++) {
      if (tries > 240) throw new Error('the replica never accepted connections');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });
  afterAll(async () => {
    await router?.close();
    await pk?.destroy();
    replica?.destroy();
    primary?.destroy();
  });

  it('serves anonymous lookups, reverse, search and tiles from the replica, with the primary’s answers', async () => {
    const fromReplica = await served(() => request(app).get(`/v1/codes/${CODE}`).expect(200));
    expect(fromReplica).toMatchObject({ primary: 0, replica: 1 });
    const fromPrimary = await served(() => request(app).get(`/v1/codes/${CODE}`).set('Cookie', 'vnac_rw=1').expect(200));
    expect(fromPrimary).toMatchObject({ primary: 1, replica: 0 });
    expect(fromReplica.result.body).toEqual(fromPrimary.result.body);

    const others = await served(async () => {
      await request(app).get('/v1/reverse?lat=21.0285&lng=105.8355&radius=200').expect(200);
      await request(app).get('/v1/search?q=58%20quoc%20tu').expect(200);
      await request(app)
        .get('/tiles/addresses/14/13010/7213.mvt')
        .expect((r) => expect([200, 204]).toContain(r.status));
      // a read by POST (declared access: 'read'): not pinned, no read-your-writes cookie
      const batch = await request(app)
        .post('/v1/codes/lookup')
        .send({ codes: [CODE] })
        .expect(200);
      expect(batch.headers['set-cookie']).toBeUndefined();
    });
    expect(others).toMatchObject({ primary: 0 });
    expect(others.replica).toBeGreaterThanOrEqual(4);
    // the replica's own view: this app's connections are there
    expect(
      Number(replica.psql("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'vn-address-code'", 'vnac')),
    ).toBeGreaterThan(0);
  });

  it('lets a household read back what it just registered, while others read the (paused, stale) replica until it catches up', async () => {
    const household = await signedIn(app, pk, 'household');
    replica.psql('SELECT pg_wal_replay_pause()', 'vnac');
    try {
      const registered = await household.agent
        .post('/v1/addresses')
        .send({ ...freshPoint(), details: { houseNumber: '7', street: 'Lê Lợi' } })
        .expect(201);
      const code = registered.body.code as string;
      expect([registered.headers['set-cookie']].flat().join(';')).toMatch(/vnac_rw=1; Max-Age=2; Path=\/; HttpOnly; SameSite=Lax/);

      const own = await served(() => household.agent.get(`/v1/codes/${code}`).expect(200));
      expect(own.result.body.registered).toBe(true);
      expect(own).toMatchObject({ primary: 1, replica: 0 });

      const stranger = await served(() => request(app).get(`/v1/codes/${code}`).expect(200));
      expect(stranger).toMatchObject({ primary: 0, replica: 1 });
      expect(stranger.result.body.registered).toBe(false); // the replica has not replayed it yet

      await router.probe();
      expect(router.stats().replicas[0]!.lagMs).toBeGreaterThan(0);
      replica.psql('SELECT pg_wal_replay_resume()', 'vnac');
      await expect.poll(async () => (await request(app).get(`/v1/codes/${code}`)).body.registered, { timeout: 10_000 }).toBe(true);
      const caughtUp = await served(() => request(app).get(`/v1/codes/${code}`).expect(200));
      expect(caughtUp.replica).toBe(1);
      expect(caughtUp.result.body).toEqual(own.result.body);
    } finally {
      replica.psql('SELECT pg_wal_replay_resume()', 'vnac');
    }
  });

  it('lets an API key (no cookies) read back its write for READ_YOUR_WRITES_MS, then reads it from the replica', async () => {
    const owner = await signedIn(app, pk, 'household');
    const { key } = (await owner.agent.post('/v1/keys').send({ name: 'kho Huế', scope: 'write' }).expect(201)).body as { key: string };
    replica.psql('SELECT pg_wal_replay_pause()', 'vnac');
    try {
      const before = await served(() => request(app).get(`/v1/codes/${CODE}`).set('X-API-Key', key).expect(200));
      expect(before).toMatchObject({ primary: 0, replica: 1 }); // it has not written yet
      const registered = await request(app).post('/v1/addresses').set('X-API-Key', key).send(freshPoint()).expect(201);
      const code = registered.body.code as string;
      const own = await served(() => request(app).get(`/v1/codes/${code}`).set('X-API-Key', key).expect(200));
      expect(own).toMatchObject({ primary: 1, replica: 0 });
      expect(own.result.body.registered).toBe(true);

      await new Promise((resolve) => setTimeout(resolve, STICKY_MS + 200));
      const later = await served(() => request(app).get(`/v1/codes/${code}`).set('X-API-Key', key).expect(200));
      expect(later).toMatchObject({ primary: 0, replica: 1 });
      expect(later.result.body.registered).toBe(false); // still paused: proof it came from the replica
    } finally {
      replica.psql('SELECT pg_wal_replay_resume()', 'vnac');
    }
  });

  it('keeps answering lookups (from the primary) and accepting writes while the replica is stopped, and reads return to it when it is back', async () => {
    const expected = (await request(app).get(`/v1/codes/${CODE}`).set('Cookie', 'vnac_rw=1').expect(200)).body;
    replica.stop();

    const duringOutage = await served(() => Promise.all(Array.from({ length: 10 }, () => request(app).get(`/v1/codes/${CODE}`))));
    expect(duringOutage.result.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const r of duringOutage.result) expect(r.body).toEqual(expected);
    expect(duringOutage.replica).toBe(0);
    expect(duringOutage.primary).toBeGreaterThan(0); // concurrent lookups share queries (the codes service batches them)
    expect(router.stats().replicas[0]!.downUntil).toBeGreaterThan(Date.now());

    const household = await signedIn(app, pk, 'household');
    const registered = await household.agent.post('/v1/addresses').send(freshPoint()).expect(201);
    const anonymous = await request(app).get(`/v1/codes/${registered.body.code}`).expect(200);
    expect(anonymous.body.registered).toBe(true);
    await request(app).get('/v1/reverse?lat=21.0285&lng=105.8355').expect(200);
    await router.probe();
    expect(router.stats().replicas[0]!.reachable).toBe(false);

    replica.start();
    await expect
      .poll(
        async () => {
          await router.probe();
          return (await served(() => request(app).get(`/v1/codes/${registered.body.code}`).expect(200))).replica;
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(1);
    const back = await request(app).get(`/v1/codes/${registered.body.code}`).expect(200);
    expect(back.body).toEqual(anonymous.body); // the replica caught up with the write made while it was down
  });

  it('runs API_WORKERS=2 processes from main.ts on one port, reading from the replica; SIGTERM stops them all cleanly', async () => {
    const port = freePort();
    const lines: Record<string, unknown>[] = [];
    const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: primary.url('vnac'),
        DATABASE_READ_URLS: replica.url('vnac'),
        API_WORKERS: '2',
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTO_SEED: '0',
        LOG_REQUESTS: '1',
        LOG_LEVEL: 'info',
        RATE_LIMIT: 'off',
        DB_POOL_MAX: '3',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffer = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        try {
          lines.push(JSON.parse(line));
        } catch {
          // not a log line
        }
      }
    });
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
    const pidsOf = (msg: RegExp) => new Set(lines.filter((l) => msg.test(String(l.msg))).map((l) => l.pid));
    try {
      await expect.poll(() => pidsOf(/^listening on/).size, { timeout: 120_000, interval: 250 }).toBe(2);
      expect(pidsOf(/^listening on/).has(server.pid)).toBe(false); // workers listen, the primary supervises

      const origin = `http://127.0.0.1:${port}`;
      const answers = await Promise.all(Array.from({ length: 40 }, () => fetch(`${origin}/v1/codes/${CODE}`).then((r) => r.status)));
      expect(answers).toEqual(Array(40).fill(200));
      const write = await fetch(`${origin}/v1/addresses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(freshPoint()),
      });
      expect(write.status).toBe(201);
      expect(write.headers.get('set-cookie')).toMatch(/^vnac_rw=1/);
      await expect.poll(() => lines.filter((l) => l.msg === 'request').length, { timeout: 5000 }).toBe(41);
      expect(pidsOf(/^request$/).size).toBe(2); // both processes answered

      // a worker that dies is replaced
      const victim = [...pidsOf(/^listening on/)][0] as number;
      process.kill(victim, 'SIGKILL');
      await expect.poll(() => pidsOf(/^listening on/).size, { timeout: 120_000, interval: 250 }).toBe(3);
      expect((await fetch(`${origin}/v1/codes/${CODE}`)).status).toBe(200);

      server.kill('SIGTERM');
      expect(await exited, stderr).toBe(0);
      expect(lines.filter((l) => l.msg === 'stopped' && l.pid !== server.pid)).toHaveLength(2); // each worker closed its pools
      expect(lines.filter((l) => l.msg === 'worker stopped').map((l) => l.code)).toEqual([0, 0]);
    } finally {
      if (server.exitCode === null) server.kill('SIGKILL');
    }
  }, 300_000); // three process starts (two workers, one replacement), each warming its reference data
});
