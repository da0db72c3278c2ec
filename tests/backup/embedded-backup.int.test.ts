/**
 * `npm run backup` / `npm run restore` on the embedded database (no DATABASE_URL): its data
 * directory as PGlite dumps it, restored beside and swapped in only once it opens. Round trip of
 * addresses, history, accounts, sessions, keys and proposals, table by table; refusals while a
 * server holds the directory and for a directory that already holds a database (--force keeps the
 * old one beside); a damaged archive changes nothing. Runs in the embedded test run only: it
 * starts PGlite itself (a few seconds each time).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../../server/db/embedded.js';
import { createKnex, migrateLatest } from '../../server/db/knex.js';
import { FIXTURE } from '../support/backup-fixture.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const TABLES = [
  'addresses',
  'address_versions',
  'users',
  'sessions',
  'staff_wards',
  'api_keys',
  'api_usage',
  'proposals',
  'knex_migrations',
];

/** `npm run backup|restore` as the npm script runs it, on the embedded database in `dataDir`. */
function cli(args: string[], dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: dataDir };
  delete env.DATABASE_URL;
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/backup.ts', ...args], { cwd: root, encoding: 'utf8', env });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** Rows (count and md5 in key order) of the tables a backup must keep, and the sequences. */
async function contents(dataDir: string): Promise<Record<string, string>> {
  const db = await startEmbeddedDatabase(dataDir, 1);
  const knex = createKnex(db.url, 1);
  try {
    const out: Record<string, string> = {};
    for (const table of TABLES) {
      const { rows } = await knex.raw(
        `SELECT count(*) || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') AS c FROM ${table} t`,
      );
      out[table] = rows[0].c;
    }
    const { rows } = await knex.raw(
      "SELECT sequencename AS s, coalesce(last_value, 0)::text AS v FROM pg_sequences WHERE schemaname = 'public'",
    );
    for (const r of rows) out[`sequence ${r.s}`] = r.v;
    return out;
  } finally {
    await knex.destroy();
    await db.close();
  }
}

describe.runIf(inject('embedded'))('npm run backup / restore on the embedded database', () => {
  let dir: string;
  let source: string; // a migrated embedded database with the fixture
  let archive: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'vnac-embedded-backup-'));
    source = path.join(dir, 'source');
    archive = path.join(dir, 'out', 'vnac.pglite.tar.gz');
    const db = await startEmbeddedDatabase(source, 1);
    const knex = createKnex(db.url, 1);
    try {
      await migrateLatest(knex);
      await knex.raw(FIXTURE);
    } finally {
      await knex.destroy();
      await db.close();
    }
    before = await contents(source);
  }, 180_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('backs the directory up while no server holds it, and says how big the archive is', () => {
    for (const table of TABLES) expect(Number(before[table]!.split(' ')[0]), table).toBeGreaterThan(0);
    const run = cli(['backup', '--out', archive], source);
    expect(run.out).toMatch(/backup: .*vnac\.pglite\.tar\.gz \(the embedded database, .*\), [\d.]+ [kM]?B in [\d.]+ s/);
    expect(run.status).toBe(0);
    expect(readFileSync(archive).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  }, 120_000);

  it('refuses while a server holds the directory, and writes nothing', async () => {
    const running: EmbeddedDatabase = await startEmbeddedDatabase(source, 1);
    try {
      const other = path.join(dir, 'out', 'while-running.tar.gz');
      const run = cli(['backup', '--out', other], source);
      expect(run.status).toBe(1);
      expect(run.out).toMatch(/in use by process \d+/);
      expect(existsSync(other)).toBe(false);
      expect(readdirSync(path.join(dir, 'out')).filter((f) => f.includes('partial'))).toEqual([]);
    } finally {
      await running.close();
    }
  }, 120_000);

  it('restores into a new place: every table and sequence as it was', async () => {
    const target = path.join(dir, 'restored');
    const run = cli(['restore', archive], target);
    expect(run.out).toMatch(/restore: .* into the embedded database/);
    expect(run.status).toBe(0);
    expect(await contents(target)).toEqual(before);
  }, 180_000);

  it('refuses a directory that holds a database without --force; with it, replaces it and keeps the old one beside', async () => {
    const target = path.join(dir, 'restored');
    const refused = cli(['restore', archive], target);
    expect(refused.status).toBe(1);
    expect(refused.out).toMatch(/already holds a database; add --force/);
    // change the target, so that the replacement shows
    const db = await startEmbeddedDatabase(target, 1);
    const knex = createKnex(db.url, 1);
    await knex.raw("UPDATE addresses SET street = 'Phố Đã Đổi'");
    await knex.destroy();
    await db.close();
    const forced = cli(['restore', archive, '--force'], target);
    expect(forced.status).toBe(0);
    const kept = /kept in (\S+)/.exec(forced.out)?.[1];
    expect(kept).toBeTruthy();
    expect(await contents(target)).toEqual(before);
    const old = await contents(path.resolve(root, kept!));
    expect(old.addresses).not.toBe(before.addresses); // the replaced database, with its change
    expect(old.users).toBe(before.users);
  }, 240_000);

  it('a damaged archive, or the wrong kind, changes nothing', async () => {
    const target = path.join(dir, 'restored');
    const damaged = path.join(dir, 'out', 'damaged.tar.gz');
    const bytes = readFileSync(archive);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const run = cli(['restore', damaged, '--force'], target);
    expect(run.status).toBe(1);
    expect(run.out).toMatch(/nothing was changed/);
    expect(await contents(target)).toEqual(before);
    const dump = path.join(dir, 'out', 'x.dump');
    writeFileSync(dump, 'PGDMP and so on');
    expect(cli(['restore', dump], target).out).toMatch(/pg_dump archive: it restores into PostgreSQL \(set DATABASE_URL\)/);
    expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);
  }, 240_000);
});
