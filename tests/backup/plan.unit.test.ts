/** The pure part of npm run backup / restore: arguments, file names, what a restore leaves out. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultBackupFile,
  formatBytes,
  isCustomArchive,
  isGzip,
  parseBackupArgs,
  parseRestoreArgs,
  pgRestoreArgs,
  restoreList,
  splitPassword,
} from '../../server/backup/plan.js';

const TOC = [
  ';',
  '; Archive created at 2026-11-23 10:00:00 UTC',
  '2; 3079 88263 EXTENSION - postgis ',
  '4896; 0 0 COMMENT - EXTENSION postgis ',
  '230; 1259 90001 TABLE public addresses postgres',
  '4900; 0 90001 TABLE DATA public addresses postgres',
].join('\n');

describe('backup and restore plans', () => {
  it('names a backup by its UTC time, without colons, under backups/', () => {
    expect(defaultBackupFile(new Date('2026-11-23T10:15:00.123Z'), '/srv/app/backups')).toBe(
      '/srv/app/backups/vnac-2026-11-23T10-15-00Z.dump',
    );
    expect(parseBackupArgs([], new Date('2026-11-23T10:15:00Z'), '/b').out).toBe('/b/vnac-2026-11-23T10-15-00Z.dump');
    expect(parseBackupArgs(['--out', 'x.dump'], new Date(), '/b').out).toBe(path.resolve('x.dump'));
    expect(() => parseBackupArgs(['--bogus'], new Date(), '/b')).toThrow();
    // the embedded database's archive is its data directory, gzipped
    expect(parseBackupArgs([], new Date('2026-11-23T10:15:00Z'), '/b', 'embedded').out).toBe('/b/vnac-2026-11-23T10-15-00Z.pglite.tar.gz');
  });

  it('tells the two kinds of archive apart by their first bytes', () => {
    expect(isCustomArchive(Buffer.from('PGDMP\x01'))).toBe(true);
    expect(isGzip(Buffer.from([0x1f, 0x8b, 8, 0, 0]))).toBe(true);
    expect(isGzip(Buffer.from('PGDMP'))).toBe(false);
    expect(isCustomArchive(Buffer.from([0x1f, 0x8b, 8, 0, 0]))).toBe(false);
  });

  it('restore takes exactly one file and an optional --force', () => {
    expect(parseRestoreArgs(['a.dump'])).toEqual({ file: path.resolve('a.dump'), force: false });
    expect(parseRestoreArgs(['a.dump', '--force'])).toEqual({ file: path.resolve('a.dump'), force: true });
    expect(() => parseRestoreArgs([])).toThrow(/usage/);
    expect(() => parseRestoreArgs(['a', 'b'])).toThrow(/usage/);
  });

  it('leaves out comments on extensions always, and the extensions themselves with --force', () => {
    expect(restoreList(TOC, { force: false })).not.toMatch(/COMMENT - EXTENSION/);
    expect(restoreList(TOC, { force: false })).toMatch(/EXTENSION - postgis/);
    expect(restoreList(TOC, { force: true })).not.toMatch(/EXTENSION/);
    expect(restoreList(TOC, { force: true })).toMatch(/TABLE DATA public addresses/);
  });

  it('restores in one transaction, stopping at the first error; --clean only with --force', () => {
    const plain = pgRestoreArgs({ url: 'postgres://h/db', file: 'f', listFile: 'l', force: false });
    expect(plain).toEqual(expect.arrayContaining(['--single-transaction', '--exit-on-error', '-L', 'l']));
    expect(plain).not.toContain('--clean');
    expect(pgRestoreArgs({ url: 'postgres://h/db', file: 'f', listFile: 'l', force: true })).toEqual(
      expect.arrayContaining(['--clean', '--if-exists']),
    );
  });

  it('moves the password out of the URL, recognises archives, prints sizes', () => {
    expect(splitPassword('postgres://app:s%40cret@db:5432/vnac')).toEqual({ url: 'postgres://app@db:5432/vnac', password: 's@cret' });
    expect(splitPassword('postgres://app@db/vnac').password).toBeNull();
    expect(isCustomArchive(Buffer.from('PGDMP\x01\x0e'))).toBe(true);
    expect(isCustomArchive(Buffer.from('-- SQL'))).toBe(false);
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(30_122_797)).toBe('29 MB');
  });
});
