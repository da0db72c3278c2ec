/**
 * Database faults, on a private PostgreSQL cluster (a copy of the run's test database) that the
 * test stops, crashes (pg_ctl -m immediate: every server process killed at once, as by kill -9)
 * and restarts under the same app instance and HTTP listener:
 * - /readyz says 503 (problem+json, Retry-After) while the database is away and 200 once it is
 *   back, without a restart of the app;
 * - under a write load (signed-in households registering distinct addresses) a crash gives 503
 *   with Retry-After, never a 500 or a hang; the API recovers by itself within seconds; and the
 *   table holds every registration that was acknowledged (2xx) and none that was refused, except
 *   those the API itself declared uncertain (503 with outcome "unknown": the database died while
 *   COMMIT was on its way) — and repeating any refused registration afterwards is safe.
 * Real PostgreSQL only (the embedded database cannot be crashed apart from the test run).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../server/app.js';
import { encode } from '../../server/codes/codec.js';
import { loadConfig } from '../../server/config.js';
import { createKnex } from '../../server/db/knex.js';
import { clustersAvailable, copyDatabase, createCluster, freePort, type Cluster } from '../support/pg-cluster.js';
import { householdSessions } from '../support/users.js';

const skip = inject('embedded') || !clustersAvailable();
if (skip) {
  console.warn(
    inject('embedded')
      ? 'tests/resilience/faults: skipped on the embedded database (needs real PostgreSQL: DATABASE_URL)'
      : 'tests/resilience/faults: skipped: no PostgreSQL server binaries for private clusters (PGBIN)',
  );
}

const until = async (what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 50) => {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
};

let cluster: Cluster;
beforeAll(() => {
  if (skip) return;
  cluster = createCluster({ prefix: 'faults' });
  copyDatabase(inject('databaseUrl'), cluster.url('vnac'));
});
afterAll(() => cluster?.destroy());

describe.skipIf(skip)('database faults (private PostgreSQL cluster)', () => {
  let knex: ReturnType<typeof createKnex>;
  let server: http.Server;
  let base: string;
  const warnings: string[] = [];

  beforeAll(async () => {
    knex = createKnex(cluster.url('vnac'), 4);
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const app = createApp({ knex, logger, embedded: false, dataDir: loadConfig().dataDir });
    await app.warm();
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server?.close(r));
    server?.closeAllConnections();
    await knex?.destroy();
  });

  const readyz = () => fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });

  it('readyz: 200, 503 with Retry-After while the database is stopped or crashed, 200 again within seconds of its return', async () => {
    expect((await readyz()).status).toBe(200);
    for (const fault of ['stop', 'crash'] as const) {
      cluster[fault]();
      const down = await readyz();
      expect(down.status, fault).toBe(503);
      expect(down.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(Number(down.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await down.json()).type).toBe('/problems/service-unavailable');
      // an API route too: 503, not 500
      const api = await fetch(`${base}/v1/codes/25M-SN9-S32`);
      expect(api.status, fault).toBe(503);
      expect(api.headers.get('retry-after')).toBeTruthy();

      cluster.start();
      const started = Date.now();
      await until('readyz 200 after restart', async () => (await readyz()).status === 200, 10_000);
      console.info(`faults: readyz 200 ${Date.now() - started} ms after the cluster was back (${fault})`);
    }
  });

  it('a crash under write load: 503 + Retry-After while down, recovery within seconds, acknowledged writes kept and refused ones absent', async () => {
    const CLIENTS = 12;
    const households = await householdSessions(knex, CLIENTS);
    // keep idle pooled connections at the moment of the crash: their sockets die under them
    await Promise.all(Array.from({ length: 4 }, () => knex.raw('SELECT pg_sleep(0.05)')));
    expect(knex.client.pool.numFree()).toBeGreaterThan(0);

    type Outcome = {
      code: string;
      lat: number;
      lng: number;
      client: number;
      status: number;
      outcome?: string;
      retryAfter: string | null;
      sentAt: number;
      doneAt: number;
      error?: string;
    };
    const log: Outcome[] = [];
    let stop = false;
    // one distinct cell per request: client c walks east along its own parallel in Cần Thơ
    const pointOf = (c: number, k: number) => ({ lat: 10.02 + c * 0.0005, lng: 105.74 + k * 0.00005 });
    const register = async (c: number, k: number) => {
      const p = pointOf(c, k);
      const sentAt = Date.now();
      const entry: Outcome = { code: encode(p.lat, p.lng)!, ...p, client: c, status: 0, retryAfter: null, sentAt, doneAt: 0 };
      try {
        const res = await fetch(`${base}/v1/addresses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: households[c]!.cookie },
          body: JSON.stringify({ ...p, details: { houseNumber: `${c}/${k}` } }),
          signal: AbortSignal.timeout(15_000),
        });
        entry.status = res.status;
        entry.retryAfter = res.headers.get('retry-after');
        const body = await res.json();
        if (res.status === 503) entry.outcome = body.outcome;
      } catch (err) {
        entry.error = String(err); // a hang (timeout) or a dropped connection: never acceptable
      }
      entry.doneAt = Date.now();
      log.push(entry);
      return entry;
    };
    const clients = Array.from({ length: CLIENTS }, async (_, c) => {
      for (let k = 0; !stop && k < 5000; k++) {
        const r = await register(c, k);
        if (r.status === 503) await new Promise((res) => setTimeout(res, 50)); // a real client would honour Retry-After; this one probes recovery
      }
    });

    const ok = (after = 0) => log.filter((e) => e.status >= 200 && e.status < 300 && e.sentAt >= after).length;
    await until('100 registrations before the crash', async () => ok() >= 100, 30_000);
    cluster.crash();
    const crashedAt = Date.now();
    await new Promise((r) => setTimeout(r, 2000)); // the database stays down for 2 s
    cluster.start();
    const restartedAt = Date.now();
    await until('a 2xx after the restart', async () => ok(restartedAt) > 0, 10_000);
    const firstOk = Math.min(...log.filter((e) => e.status < 300 && e.sentAt >= restartedAt).map((e) => e.doneAt));
    await until('100 registrations after recovery', async () => ok(restartedAt) >= 100, 30_000);
    stop = true;
    await Promise.all(clients);

    const recoveryMs = firstOk - restartedAt;
    const count = (s: (e: Outcome) => boolean) => log.filter(s).length;
    const summary = {
      requests: log.length,
      acked: count((e) => e.status < 300 && e.status >= 200),
      unavailable: count((e) => e.status === 503),
      unknown: count((e) => e.outcome === 'unknown'),
      written: count((e) => e.outcome === 'written'),
      downMs: restartedAt - crashedAt,
      recoveryMs,
    };
    console.info('faults: write load', summary);

    // every answer is a 2xx, a 4xx or a 503 with Retry-After: no 500, no hang, no dropped connection
    const wrong = log.filter((e) => e.error || (e.status >= 500 && (e.status !== 503 || !e.retryAfter)) || e.status < 200);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(summary.unavailable).toBeGreaterThan(0); // the crash was felt
    expect(recoveryMs).toBeLessThan(10_000);

    const { rows } = await knex.raw('SELECT code FROM addresses WHERE code = ANY(?) AND unit = ?', [log.map((e) => e.code), '']);
    const stored = new Set(rows.map((r: { code: string }) => r.code));
    const missing = log.filter((e) => e.status >= 200 && e.status < 300 && !stored.has(e.code));
    const phantom = log.filter((e) => e.status >= 400 && e.outcome !== 'unknown' && e.outcome !== 'written' && stored.has(e.code));
    const unwritten = log.filter((e) => e.outcome === 'written' && !stored.has(e.code));
    console.info(
      `faults: ${log.filter((e) => e.outcome === 'unknown' && stored.has(e.code)).length} of ${summary.unknown} "unknown" outcomes were committed`,
    );
    expect(missing, 'acknowledged but not stored').toEqual([]);
    expect(phantom, 'refused but stored').toEqual([]);
    expect(unwritten, 'said written but not stored').toEqual([]);

    // repeating every refused registration is safe: 200 for what is there, 201 for what is not, one row each
    const refused = log.filter((e) => e.status === 503);
    const again = await Promise.all(
      refused.map(async (e) => {
        const res = await fetch(`${base}/v1/addresses`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: households[e.client]!.cookie },
          body: JSON.stringify({ lat: e.lat, lng: e.lng }),
        });
        return { code: e.code, status: res.status };
      }),
    );
    expect(again.filter((a) => a.status !== (stored.has(a.code) ? 200 : 201))).toEqual([]);
    const { rows: dup } = await knex.raw(
      'SELECT code, count(*)::int AS n FROM addresses WHERE code = ANY(?) GROUP BY code, unit HAVING count(*) > 1',
      [log.map((e) => e.code)],
    );
    expect(dup).toEqual([]);
    // nothing was logged as an internal error (the logger's 'error' level is 50)
    expect(warnings.filter((line) => JSON.parse(line).level >= 50)).toEqual([]);
  });
});

/** Whether the server side of the TCP connection localhost:serverPort ← clientPort exists with nothing left unread (from /proc/net/tcp). */
function serverReadAll(serverPort: number, clientPort: number): boolean {
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0');
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    if (f.length < 5 || !f[1]!.endsWith(`:${hex(serverPort)}`) || !f[2]!.endsWith(`:${hex(clientPort)}`)) continue;
    return f[3] === '01' && parseInt(f[4]!.split(':')[1]!, 16) === 0;
  }
  return false;
}

describe.skipIf(skip)('graceful shutdown of the real server (SIGTERM)', () => {
  it('finishes the request in flight, refuses new connections, closes its database connections and exits 0', async () => {
    const port = freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: {
        ...process.env,
        DATABASE_URL: cluster.url('vnac'),
        DATABASE_READ_URLS: '',
        PORT: String(port),
        HOST: '127.0.0.1',
        AUTO_SEED: '0',
        API_WORKERS: '1',
        RATE_LIMIT: 'off',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    const observer = new pg.Client({ connectionString: cluster.url('vnac'), application_name: 'faults-observer' });
    await observer.connect();
    const appConnections = async () =>
      (await observer.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'vn-address-code'`)).rows[0]
        .n as number;
    try {
      await until('the server to be ready', async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200, 120_000, 200);
      expect(await appConnections()).toBeGreaterThan(0);

      // a request in flight: its headers and most of its body (8,000 codes) are sent, the rest follows the signal
      const rows = Array.from({ length: 8000 }, () => '25M-SN9-S32');
      const head = `code\n${rows.slice(0, 7000).join('\n')}\n`;
      const tail = `${rows.slice(7000).join('\n')}\n`;
      let answeredAt = 0;
      const req = http.request(`${base}/v1/batch/codes.csv`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv', 'content-length': Buffer.byteLength(head + tail) },
      });
      const slow = new Promise<{ status: number; rows: number }>((resolve, reject) => {
        req.on('error', reject);
        req.on('response', (res) => {
          let text = '';
          res
            .setEncoding('utf8')
            .on('data', (d) => (text += d))
            .on('end', () => {
              answeredAt = Date.now();
              resolve({ status: res.statusCode!, rows: text.trim().split(/\r?\n/).length });
            });
        });
      });
      const clientPort = await new Promise<number>((resolve) =>
        req.on('socket', (socket) => socket.on('connect', () => resolve(socket.localPort!))),
      );
      req.write(head);
      // the server has read what was sent (its socket's receive queue is empty): it holds a request in progress
      await until('the server to read the request', async () => serverReadAll(port, clientPort), 10_000, 10);
      child.kill('SIGTERM');
      const signalledAt = Date.now();

      // new connections are refused from now on
      const refused = async () =>
        new Promise<boolean>((resolve) => {
          const socket = net.connect(port, '127.0.0.1');
          socket.on('connect', () => (socket.destroy(), resolve(false)));
          socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
        });
      await until('new connections to be refused', refused, 5_000, 10);
      const refusedAt = Date.now();

      req.end(tail);
      const answer = await slow;
      expect(answer).toEqual({ status: 200, rows: 8001 });
      expect(answeredAt).toBeGreaterThan(signalledAt); // it was really in flight when the signal came
      expect(await exited).toBe(0);
      // promptly: a keep-alive connection must not hold the exit for its idle timeout (5 s)
      expect(Date.now() - answeredAt).toBeLessThan(3000);
      console.info(
        `shutdown: refused new connections ${refusedAt - signalledAt} ms after SIGTERM, answered the request in flight after ${answeredAt - signalledAt} ms, exited after ${Date.now() - signalledAt} ms`,
      );
      expect(await appConnections()).toBe(0);
    } catch (err) {
      console.error(output);
      throw err;
    } finally {
      child.kill('SIGKILL');
      await observer.end();
    }
  });
});
