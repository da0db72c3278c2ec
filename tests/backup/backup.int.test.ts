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
    result[table] = cluster.psql(`SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY ${order.split(',').map((c) => (c === 't::text' ? c : `t.${c}`)).join(', ')})), '-') FROM ${table} t`, db).trim();
  }
  for (const line of cluster.psql("SELECT sequencename || '|' || coalesce(last_value, 0) FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1", db).trim().split('\n').filter(Boolean)) {
    const [name, value] = line.split('|');
    result[`sequence ${name}`] = value!;
  }
  return result;
}

/** Households, staff, sessions, keys and their usage, addresses (Vietnamese text, private ones, units), their history, proposals. */
const FIXTURE = `
INSERT INTO users (email, phone, password_hash, role, created_at)
  SELECT CASE WHEN g % 3 = 0 THEN NULL ELSE 'nguoi' || g || '@example.vn' END, CASE WHEN g % 3 = 0 THEN '+8490' || lpad(g::text, 7, '0') END,
         '$argon2id$v=19$m=19456,t=2,p=1$' || md5(g::text), CASE WHEN g = 1 THEN 'admin' WHEN g < 5 THEN 'staff' ELSE 'household' END,
         timestamptz '2026-01-01 08:00+07' + g * interval '1 hour'
  FROM generate_series(1, 40) g;
INSERT INTO staff_wards (user_id, ward_code) SELECT id, '0007' || (id % 4) FROM users WHERE role = 'staff';
INSERT INTO sessions (token_hash, user_id, expires_at) SELECT md5('s' || id), id, now() + interval '30 days' FROM users WHERE id % 2 = 0;
INSERT INTO api_keys (name, prefix, hash, scope, allowed_origins, owner_id)
  SELECT 'kho ' || g, 'vnac_' || lpad(g::text, 4, '0'), md5('k' || g), CASE WHEN g % 2 = 0 THEN 'read' ELSE 'write' END,
         CASE WHEN g = 1 THEN ARRAY['https://shop.example.vn'] ELSE '{}' END, CASE WHEN g < 3 THEN g END
  FROM generate_series(1, 5) g;
INSERT INTO api_usage (key_id, day, requests, codes, errors) SELECT id, date '2026-11-20' + d, 100 * d, 1000 * d, d FROM api_keys, generate_series(0, 2) d;
INSERT INTO addresses (code, unit, h3, geom, ward_code, house_number, street, hamlet, landmark, status, owner_id, private, place_name, category)
  SELECT '25M' || lpad(upper(to_hex(g)), 6, '0'), CASE WHEN g % 10 = 0 THEN 'P' || g ELSE '' END, 640000000000000000 + g,
         ST_SetSRID(ST_MakePoint(105.80 + g * 0.0001, 21.02 + g * 0.00007), 4326), '0007' || (g % 4),
         (g % 200)::text, 'Phố Quốc Tử Giám', CASE WHEN g % 7 = 0 THEN 'Thôn Đông' END, CASE WHEN g % 5 = 0 THEN 'đối diện Văn Miếu' END,
         (ARRAY['draft', 'verified', 'needs_review'])[1 + g % 3], CASE WHEN g % 4 = 0 THEN 1 + g % 40 END, g % 13 = 0,
         CASE WHEN g % 50 = 0 THEN 'Quán phở ' || g END, CASE WHEN g % 50 = 0 THEN 'restaurant' END
  FROM generate_series(1, 600) g;
INSERT INTO address_versions (address_id, version, kind, state, change, actor_id, reason)
  SELECT a.id, v, CASE WHEN v = 1 THEN 'created' ELSE 'edited' END, jsonb_build_object('houseNumber', a.house_number, 'v', v),
         jsonb_build_object('street', jsonb_build_array('Phố cũ', a.street)), a.owner_id, CASE WHEN v = 2 THEN 'sửa số nhà' END
  FROM addresses a, generate_series(1, 2) v WHERE a.id % 3 <> 0 OR v = 1;
INSERT INTO proposals (kind, address_id, ward_code, proposer_id, base_version, payload, status, reason)
  SELECT CASE WHEN g % 5 = 0 THEN 'new_place' ELSE 'edit' END, CASE WHEN g % 5 = 0 THEN NULL ELSE g END, '00070', 5 + g % 30,
         CASE WHEN g % 5 = 0 THEN NULL ELSE 1 END, jsonb_build_object('details', jsonb_build_object('landmark', 'gần chợ ' || g)),
         (ARRAY['pending', 'approved', 'rejected'])[1 + g % 3], CASE WHEN g % 3 = 2 THEN 'không đúng' END
  FROM generate_series(1, 60) g;
`;

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
    for (const table of ['addresses', 'address_versions', 'users', 'sessions', 'staff_wards', 'api_keys', 'api_usage', 'proposals', 'knex_migrations']) {
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
    expect(cli(['restore', garbage, '--force'], cluster.url('restored')).out).toMatch(/not a pg_dump custom-format archive/);
  });

  it('with --force replaces the target\'s contents by the archive\'s', () => {
    const { status, out } = cli(['restore', archive, '--force'], cluster.url('restored'));
    expect(status, out).toBe(0);
    expect(contents(cluster, 'restored')).toEqual(source);
    expect(statSync(archive).size).toBeGreaterThan(1000);
  });
});
