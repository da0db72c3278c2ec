/**
 * `npm run backup` and `npm run restore` round-trip a database with addresses, their history,
 * accounts, sessions, API keys and proposals: every table's rows (counted, and an md5 of all rows
 * in primary-key order) and every sequence come back the same. A restore refuses a database that
 * already has tables without --force, and a failed restore (a truncated archive) changes nothing.
 * On a private PostgreSQL cluster, migrated but not seeded (seeding takes a minute; the shapes that
 * matter, geometry, JSON, arrays, generated columns, identities, are all in these tables).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createKnex, migrateLatest } from '../../server/db/knex.js';
import { FIXTURE } from '../support/backup-fixture.js';
import { clustersAvailable, createCluster, type Cluster } from '../support/pg-cluster.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const runnable = !inject('embedded') && clustersAvailable();
if (!runnable) console.warn('backup tests skipped: they need real PostgreSQL (DATABASE_URL) and its server binaries for a private cluster');

/** Runs the npm script's command (tsx server/cli/backup.ts …) as `npm run` would, against `url`. */
function cli(args: string[], url: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: url },
  });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** Every user table: rows and md5 of the rows in primary-key order; and every sequence's position. */
function contents(cluster: Cluster, db: string): Record<string, string> {
  const tables = cluster
    .psql(
      `SELECT c.relname, coalesce((SELECT string_agg(quote_ident(a.attname), ',' ORDER BY array_position(i.indkey, a.attnum))
                 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                 WHERE i.indrelid = c.oid AND i.indisprimary), 't::text')
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE c.relkind = 'r' AND n.nspname = 'public'
         AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
       ORDER BY 1`,
      db,
    )
    .trim()
    .split('\n')
    .map((line) => line.split('|') as [string, string]);
  const result: Record<string, string> = {};
  for (const [table, order] of tables) {
    result[table] = cluster
      .psql(
        `SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY ${order
          .split(',')
          .map((c) => (c === 't::text' ? c : `t.${c}`))
          .join(', ')})), '-') FROM ${table} t`,
        db,
      )
      .trim();
  }
  for (const line of cluster
    .psql("SELECT sequencename || '|' || coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1", db)
    .trim()
    .split('\n')
    .filter(Boolean)) {
    const [name, value] = line.split('|');
    result[`sequence ${name}`] = value!;
  }
  return result;
}

describe.runIf(runnable)('npm run backup / npm run restore', () => {
  let cluster: Cluster;
  let dir: string;
  let archive: string;
  let source: Record<string, string>;

  beforeAll(async () => {
    cluster = createCluster({ db: 'vnac', prefix: 'backup' });
    const knex = createKnex(cluster.url('vnac'), 1);
    try {
      await migrateLatest(knex);
    } finally {
      await knex.destroy();
    }
    cluster.psql(FIXTURE, 'vnac');
    source = contents(cluster, 'vnac');
    dir = mkdtempSync(path.join(os.tmpdir(), 'vnac-backups-'));
    archive = path.join(dir, 'vnac.dump');
  }, 120_000);
  afterAll(() => {
    cluster?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the fixture has what a backup must keep', () => {
    for (const table of [
      'addresses',
      'address_versions',
      'users',
      'sessions',
      'staff_wards',
      'api_keys',
      'api_usage',
      'proposals',
      'knex_migrations',
    ]) {
      expect(Number(source[table]!.split(' ')[0]), table).toBeGreaterThan(0);
    }
  });

  it('backs up to a custom-format archive and says how big it is', () => {
    const { status, out } = cli(['backup', '--out', archive], cluster.url('vnac'));
    expect(status, out).toBe(0);
    expect(out).toMatch(/backup: .*vnac\.dump, [\d.]+ (kB|MB) in [\d.]+ s/);
    expect(readFileSync(archive).subarray(0, 5).toString()).toBe('PGDMP');
  });

  it('restores into an empty database: every table and sequence as it was', () => {
    cluster.psql('CREATE DATABASE restored');
    const { status, out } = cli(['restore', archive], cluster.url('restored'));
    expect(status, out).toBe(0);
    expect(contents(cluster, 'restored')).toEqual(source);
  });

  it('refuses a database that already has tables, without --force, and changes nothing', () => {
    cluster.psql("UPDATE addresses SET landmark = 'đã sửa sau bản sao lưu' WHERE id = 1", 'restored');
    const changed = contents(cluster, 'restored');
    expect(changed.addresses).not.toBe(source.addresses); // the comparison sees a one-row change
    const { status, out } = cli(['restore', archive], cluster.url('restored'));
    expect(status).toBe(1);
    expect(out).toMatch(/already has \d+ table\(s\).*--force/);
    expect(contents(cluster, 'restored')).toEqual(changed);
  });

  it('a restore that fails half way (a damaged archive) leaves the target as it was, even with --force', () => {
    const before = contents(cluster, 'restored');
    const whole = readFileSync(archive);
    // the table of contents intact (its SQL is stored as plain text, the table data compressed after it),
    // the compressed data zeroed from a third of the way in: pg_restore fails after it has begun
    const tocEnd = whole.lastIndexOf('public');
    expect(tocEnd).toBeGreaterThan(0);
    const damaged = path.join(dir, 'damaged.dump');
    const copy = Buffer.from(whole);
    copy.fill(0, tocEnd + Math.floor((copy.length - tocEnd) / 3), copy.length - 16);
    writeFileSync(damaged, copy);
    const broken = cli(['restore', damaged, '--force'], cluster.url('restored'));
    expect(broken.status).toBe(1);
    expect(broken.out).toMatch(/pg_restore failed; nothing was changed/);
    expect(contents(cluster, 'restored')).toEqual(before);
    // cut short: refused while reading, or failing while restoring; either way nothing changes
    const truncated = path.join(dir, 'truncated.dump');
    writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const { status, out } = cli(['restore', truncated, '--force'], cluster.url('restored'));
    expect(status).toBe(1);
    expect(out).toMatch(/pg_restore failed; nothing was changed|cannot read/);
    expect(contents(cluster, 'restored')).toEqual(before);
    const garbage = path.join(dir, 'garbage.dump');
    writeFileSync(garbage, 'not an archive at all');
    expect(cli(['restore', garbage, '--force'], cluster.url('restored')).out).toMatch(
      /is not a backup: npm run backup writes pg_dump custom-format archives/,
    );
  });

  it("with --force replaces the target's contents by the archive's", () => {
    const { status, out } = cli(['restore', archive, '--force'], cluster.url('restored'));
    expect(status, out).toBe(0);
    expect(contents(cluster, 'restored')).toEqual(source);
    expect(statSync(archive).size).toBeGreaterThan(1000);
  });
});
