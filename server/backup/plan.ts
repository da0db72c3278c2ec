/**
 * The pure part of `npm run backup` and `npm run restore`: arguments, file names, which archive
 * entries to restore, pg_restore's flags. The shell (server/cli/backup.ts) runs the programs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileTime } from '../lib/file-time.js';

export type BackupArgs = { out: string };
export type RestoreArgs = { file: string; force: boolean };

/** What is backed up: PostgreSQL through pg_dump, or the embedded database's data directory. */
export type BackupKind = 'pg_dump' | 'embedded';

/**
 * backups/vnac-2026-11-23T10-15-00Z.dump, or …Z.pglite.tar.gz for the embedded database (UTC, no
 * colons: safe on every file system).
 */
export function defaultBackupFile(now: Date, dir: string, kind: BackupKind = 'pg_dump'): string {
  return path.join(dir, `vnac-${fileTime(now)}${kind === 'pg_dump' ? '.dump' : '.pglite.tar.gz'}`);
}

export function parseBackupArgs(argv: string[], now: Date, backupsDir: string, kind: BackupKind = 'pg_dump'): BackupArgs {
  const { values } = parseArgs({ args: argv, options: { out: { type: 'string', short: 'o' } }, allowPositionals: false });
  return { out: path.resolve(values.out ?? defaultBackupFile(now, backupsDir, kind)) };
}

export function parseRestoreArgs(argv: string[]): RestoreArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error('usage: npm run restore -- FILE [--force]');
  return { file: path.resolve(positionals[0]!), force: values.force ?? false };
}

/** A pg_dump custom-format archive begins with these bytes. */
export const isCustomArchive = (head: Buffer) => head.subarray(0, 5).toString('latin1') === 'PGDMP';
/** A gzip file (the embedded database's archive) begins with these. */
export const isGzip = (head: Buffer) => head[0] === 0x1f && head[1] === 0x8b;

/**
 * The archive's table of contents (`pg_restore -l`) less what a restore must not do: comments on
 * extensions (only their owner, a superuser, may set them: they would fail the whole restore for
 * an ordinary owner), and with --force the extensions themselves, which the target already has
 * (--clean would otherwise drop PostGIS, which needs a superuser and everything built on it).
 */
export function restoreList(toc: string, { force }: { force: boolean }): string {
  return toc
    .split('\n')
    .filter((line) => !/^\d+; \d+ \d+ COMMENT - EXTENSION /.test(line) && !(force && /^\d+; \d+ \d+ EXTENSION - /.test(line)))
    .join('\n');
}

/** One transaction (a failure leaves the target as it was), stop at the first error, objects owned by whoever restores. */
export function pgRestoreArgs({ url, file, listFile, force }: { url: string; file: string; listFile: string; force: boolean }): string[] {
  return [
    '--single-transaction',
    '--exit-on-error',
    '--no-owner',
    '--no-privileges',
    ...(force ? ['--clean', '--if-exists'] : []),
    '-L',
    listFile,
    '-d',
    url,
    file,
  ];
}

/** The password leaves the URL for the environment (PGPASSWORD), so it does not show in `ps`. */
export function splitPassword(url: string): { url: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : null;
  u.password = '';
  return { url: u.toString(), password };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
