/**
 * Private PostgreSQL clusters that a test may stop, crash, restart or replicate: the fault, replica
 * and backup tests need a server of their own, apart from the run's shared test database. Built on
 * Debian's PostgreSQL 15 binaries (what .ci/run installs), run as the postgres user when root
 * (initdb refuses root), on a loopback port, with the socket inside the data directory.
 *
 * Unlike scripts/postgres-local.sh, commits here are synchronous (synchronous_commit = on), so a
 * crash loses nothing that was acknowledged: the fault tests depend on that. fsync stays off,
 * which is safe for a process crash (the operating system keeps what was written).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, appendFileSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const PGBIN = process.env.PGBIN ?? '/usr/lib/postgresql/15/bin';

/** Whether private clusters can be made here (the PostgreSQL server binaries are installed). */
export function clustersAvailable(): boolean {
  return existsSync(path.join(PGBIN, 'initdb')) && existsSync(path.join(PGBIN, 'pg_basebackup'));
}

const isRoot = process.getuid?.() === 0;
function asPostgres(file: string, args: string[], options: { allowFail?: boolean } = {}): string {
  const [cmd, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  const result = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (result.status !== 0 && !options.allowFail) {
    throw new Error(`${path.basename(file)} ${args.join(' ')} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

/** A free TCP port on loopback, from a range kept apart from the dev (54329) and CI (54331) clusters. */
export function freePort(): number {
  const base = 55000 + (process.pid % 2000);
  for (let port = base; port < base + 500; port++) {
    const probe = spawnSync('bash', ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}`], { stdio: 'ignore' });
    if (probe.status !== 0) return port;
  }
  throw new Error('no free port for a private PostgreSQL cluster');
}

export type Cluster = {
  port: number;
  dir: string;
  /** postgres://postgres@127.0.0.1:PORT/DB */
  url: (db?: string) => string;
  start: () => void;
  /** Clean stop (fast mode: disconnects clients, writes a checkpoint). */
  stop: () => void;
  /** A crash: every server process is killed at once (immediate mode, as after kill -9); the next start recovers from WAL. */
  crash: () => void;
  running: () => boolean;
  /** Runs SQL as the superuser with psql; returns stdout (unaligned, tuples only). */
  psql: (sql: string, db?: string) => string;
  /** Stops the cluster and deletes its files. */
  destroy: () => void;
};

function makeCluster(dir: string, port: number): Cluster {
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const running = () => asPostgres(path.join(PGBIN, 'pg_ctl'), ['-D', dir, 'status'], { allowFail: true }).includes('server is running');
  const cluster: Cluster = {
    port,
    dir,
    url,
    running,
    start() {
      // after a crash the postmaster can linger as a zombie for a while; a stale pid file blocks start
      const pidFile = path.join(dir, 'postmaster.pid');
      if (existsSync(pidFile)) {
        const pid = readFileSync(pidFile, 'utf8').split('\n')[0] ?? '';
        const state = spawnSync('ps', ['-o', 'stat=', '-p', pid], { encoding: 'utf8' }).stdout.trim();
        if (!state || state.startsWith('Z')) rmSync(pidFile, { force: true });
      }
      if (!running()) asPostgres(path.join(PGBIN, 'pg_ctl'), ['-D', dir, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start']);
    },
    stop() {
      asPostgres(path.join(PGBIN, 'pg_ctl'), ['-D', dir, '-m', 'fast', '-w', 'stop'], { allowFail: true });
    },
    crash() {
      asPostgres(path.join(PGBIN, 'pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop'], { allowFail: true });
    },
    psql(sql, db = 'postgres') {
      return execFileSync(
        'psql',
        ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', db, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql],
        { encoding: 'utf8' },
      );
    },
    destroy() {
      cluster.crash();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return cluster;
}

function newDataDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `vnac-${prefix}-`));
  if (isRoot) execFileSync('chown', ['postgres:postgres', dir]);
  chmodSync(dir, 0o700);
  return dir;
}

/** A new primary cluster, started, ready for streaming replicas, with PostGIS, pg_trgm and unaccent in database `db`. */
export function createCluster({ db = 'vnac', prefix = 'pg' }: { db?: string; prefix?: string } = {}): Cluster {
  const dir = newDataDir(prefix);
  const port = freePort();
  asPostgres(path.join(PGBIN, 'initdb'), ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  appendFileSync(
    path.join(dir, 'postgresql.conf'),
    `
listen_addresses = '127.0.0.1'
port = ${port}
unix_socket_directories = '${dir}'
max_connections = 100
shared_buffers = 128MB
fsync = off
synchronous_commit = on
full_page_writes = off
wal_level = replica
max_wal_senders = 5
wal_keep_size = 256MB
hot_standby = on
`,
  );
  const cluster = makeCluster(dir, port);
  cluster.start();
  cluster.psql(`CREATE DATABASE ${db}`);
  cluster.psql(
    'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;',
    db,
  );
  return cluster;
}

/** A streaming replica of `primary` (pg_basebackup -R), on its own port, started. */
export function createReplica(primary: Cluster, { prefix = 'replica' }: { prefix?: string } = {}): Cluster {
  const dir = newDataDir(prefix);
  const port = freePort();
  asPostgres(path.join(PGBIN, 'pg_basebackup'), [
    '-h',
    '127.0.0.1',
    '-p',
    String(primary.port),
    '-U',
    'postgres',
    '-D',
    dir,
    '-R',
    '-X',
    'stream',
    '-c',
    'fast',
  ]);
  appendFileSync(path.join(dir, 'postgresql.conf'), `\nport = ${port}\nunix_socket_directories = '${dir}'\n`);
  const replica = makeCluster(dir, port);
  replica.start();
  return replica;
}

/** Copies database `from` (any URL) into `to` (an existing, empty database) with pg_dump | pg_restore. */
export function copyDatabase(fromUrl: string, toUrl: string): void {
  const dump = spawnSync('pg_dump', ['-Fc', '--no-owner', '-d', fromUrl], { maxBuffer: 2 ** 31 });
  if (dump.status !== 0) throw new Error(`pg_dump failed: ${dump.stderr}`);
  const restore = spawnSync('pg_restore', ['--no-owner', '--exit-on-error', '-d', toUrl], { input: dump.stdout, maxBuffer: 2 ** 28 });
  if (restore.status !== 0) throw new Error(`pg_restore failed: ${restore.stderr}`);
}
