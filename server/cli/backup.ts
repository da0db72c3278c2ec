/**
 * `npm run backup -- [--out FILE]`: pg_dump (custom format) of DATABASE_URL, by default to
 * backups/vnac-<UTC time>.dump; prints the size and how long it took.
 * `npm run restore -- FILE [--force]`: pg_restore of such a file into DATABASE_URL, in one
 * transaction (a failed restore leaves the target as it was). A target that already has tables is
 * refused unless --force, which replaces the archive's objects (--clean --if-exists).
 *
 * Needs PostgreSQL's client programs (pg_dump/pg_restore, the server's major version or newer).
 *
 * Without DATABASE_URL, the embedded database: PGlite is PostgreSQL 18 and its socket serves one
 * session, which pg_dump does not get through, so the backup is its data directory as PGlite
 * itself dumps it (backups/vnac-<UTC time>.pglite.tar.gz), taken while the server is stopped (the
 * directory's lock says if it runs); a restore unpacks such an archive beside the directory, opens
 * it, and only then puts it in place (server/db/embedded.ts).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  formatBytes,
  isCustomArchive,
  isGzip,
  parseBackupArgs,
  parseRestoreArgs,
  pgRestoreArgs,
  restoreList,
  splitPassword,
} from '../backup/plan.js';
import { loadConfig } from '../config.js';
import { backupEmbedded, restoreEmbedded } from '../db/embedded.js';
import { createKnex } from '../db/knex.js';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const [mode, ...argv] = process.argv.slice(2);
/** A path as the user would type it: relative below the working directory, else absolute. */
const shown = (file: string) => (path.relative(process.cwd(), file).startsWith('..') ? file : path.relative(process.cwd(), file));

function fail(message: string, code = 1): never {
  console.error(`${mode}: ${message}`);
  process.exit(code);
}

function requireProgram(name: 'pg_dump' | 'pg_restore') {
  const probe = spawnSync(name, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    fail(
      `${name} not found on PATH. Install PostgreSQL's client programs, of the server's major version or newer (Debian: apt-get install postgresql-client).`,
    );
  }
}

function run(program: string, args: string[], password: string | null) {
  return spawnSync(program, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  });
}

async function userTables(url: string): Promise<number> {
  const knex = createKnex(url, 1); // no timeouts: a tool, not the API
  try {
    const { rows } = await knex.raw(`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`);
    return rows[0].n as number;
  } finally {
    await knex.destroy();
  }
}

async function backupEmbeddedDatabase(dataDir: string) {
  const { out } = parseBackupArgs(argv, new Date(), path.join(projectRoot, 'backups'), 'embedded');
  mkdirSync(path.dirname(out), { recursive: true });
  const started = Date.now();
  try {
    const size = await backupEmbedded(dataDir, out);
    console.log(
      `backup: ${shown(out)} (the embedded database, ${shown(dataDir)}), ${formatBytes(size)} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (err) {
    fail((err as Error).message);
  }
}

async function backup() {
  const config = loadConfig();
  if (!config.databaseUrl) return backupEmbeddedDatabase(config.pgliteDir);
  const { out } = parseBackupArgs(argv, new Date(), path.join(projectRoot, 'backups'));
  const { url, password } = splitPassword(config.databaseUrl);
  requireProgram('pg_dump');
  mkdirSync(path.dirname(out), { recursive: true });
  const started = Date.now();
  const dump = run('pg_dump', ['--format=custom', '--file', out, '--dbname', url], password);
  if (dump.status !== 0) {
    rmSync(out, { force: true });
    fail(`pg_dump failed:\n${dump.stderr || dump.error?.message}`);
  }
  console.log(`backup: ${shown(out)}, ${formatBytes(statSync(out).size)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function restore() {
  const config = loadConfig();
  let args;
  try {
    args = parseRestoreArgs(argv);
  } catch (err) {
    return fail((err as Error).message, 2);
  }
  const { file, force } = args;
  if (!existsSync(file)) fail(`${file}: no such file`);
  const head = Buffer.alloc(5);
  const fd = openSync(file, 'r');
  readSync(fd, head, 0, 5, 0);
  closeSync(fd);
  if (isGzip(head)) {
    if (config.databaseUrl)
      fail(`${file} is an archive of the embedded database; it restores only into the embedded database (unset DATABASE_URL)`);
    const started = Date.now();
    try {
      const { replaced } = await restoreEmbedded(config.pgliteDir, file, { force });
      console.log(
        `restore: ${shown(file)} into the embedded database (${shown(config.pgliteDir)}) in ${((Date.now() - started) / 1000).toFixed(1)} s${replaced ? `; the database it replaced is kept in ${shown(replaced)}` : ''}`,
      );
    } catch (err) {
      fail(`${(err as Error).message}; nothing was changed`);
    }
    return;
  }
  if (!isCustomArchive(head))
    fail(
      `${file} is not a backup: npm run backup writes pg_dump custom-format archives (PostgreSQL) and .pglite.tar.gz (the embedded database)`,
    );
  if (!config.databaseUrl) fail(`${file} is a pg_dump archive: it restores into PostgreSQL (set DATABASE_URL)`);
  const target = config.databaseUrl;
  const { url, password } = splitPassword(target);
  requireProgram('pg_restore');
  const tables = await userTables(target);
  if (tables > 0 && !force) {
    fail(
      `the target database already has ${tables} table(s); restore into an empty database, or add --force to replace what the archive holds (in one transaction)`,
    );
  }
  const toc = run('pg_restore', ['--list', file], null);
  if (toc.status !== 0) fail(`cannot read ${file}:\n${toc.stderr}`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vnac-restore-'));
  try {
    const listFile = path.join(dir, 'list');
    writeFileSync(listFile, restoreList(toc.stdout, { force }));
    const started = Date.now();
    const result = run('pg_restore', pgRestoreArgs({ url, file, listFile, force }), password);
    if (result.status !== 0) fail(`pg_restore failed; nothing was changed (one transaction):\n${result.stderr || result.error?.message}`);
    console.log(
      `restore: ${shown(file)} into the database in ${((Date.now() - started) / 1000).toFixed(1)} s${force ? ' (replacing its objects)' : ''}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (mode === 'backup') await backup();
else if (mode === 'restore') await restore();
else fail('usage: tsx server/cli/backup.ts backup [--out FILE] | restore FILE [--force]', 2);
