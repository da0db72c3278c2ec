/**
 * The zero-setup default: PGlite (PostgreSQL 18 in WebAssembly) with PostGIS, pg_trgm and
 * unaccent, served in-process on a loopback socket so that knex + pg talk to it exactly as they
 * talk to a real PostgreSQL server. See ../shared/notes/pglite.md for the pitfalls this avoids.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fileTime } from '../lib/file-time.js';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type EmbeddedDatabase = { url: string; close: () => Promise<void> };

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * One process at a time may open a PGlite data directory: a second one (the admin CLI while the
 * server runs, say) would corrupt it. A lock file names the owner; a lock left by a dead process
 * is taken over.
 */
const LOCK_FILE = 'vnac-owner.pid';

function lockDataDir(dataDir: string): () => void {
  const lock = path.join(dataDir, LOCK_FILE);
  let owner = NaN;
  try {
    owner = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    // no lock yet
  }
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${owner} (a running server?). Stop it first, or use DATABASE_URL.`,
    );
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

const EXTENSIONS = { postgis, pg_trgm, unaccent, btree_gin };

/**
 * `npm run backup` of the embedded database: its data directory as a gzipped tarball (PGlite's
 * dumpDataDir, a consistent copy taken through PostgreSQL itself), while no other process holds
 * the directory (a running server must be stopped first). Written to a temporary name and renamed,
 * so `out` is either the whole archive or absent.
 */
export async function backupEmbedded(dataDir: string, out: string): Promise<number> {
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) throw new Error(`${dataDir} holds no embedded database`);
  const unlock = lockDataDir(dataDir);
  const partial = `${out}.partial-${process.pid}`;
  try {
    const db = await PGlite.create({ dataDir, extensions: EXTENSIONS });
    try {
      const archive = await db.dumpDataDir('gzip');
      writeFileSync(partial, Buffer.from(await archive.arrayBuffer()));
      renameSync(partial, out);
      return archive.size;
    } finally {
      await db.close();
    }
  } finally {
    rmSync(partial, { force: true });
    unlock();
  }
}

/**
 * `npm run restore` into the embedded database: the archive is unpacked into a new directory
 * beside `dataDir` and opened there (it must hold this service's tables), and only then takes
 * `dataDir`'s place. A directory that already holds a database is refused unless `force`; then it
 * is kept beside, renamed, never deleted (the answer says where). Any failure leaves `dataDir` as
 * it was.
 */
export async function restoreEmbedded(
  dataDir: string,
  archive: string,
  { force }: { force: boolean },
): Promise<{ replaced: string | null }> {
  const exists = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (exists && !force) throw new Error(`${dataDir} already holds a database; add --force to replace it (the old one is kept beside it)`);
  mkdirSync(path.dirname(dataDir), { recursive: true });
  // hold the target while we work, so that no server opens it meanwhile
  const unlock = existsSync(dataDir) ? lockDataDir(dataDir) : () => {};
  const fresh = `${dataDir}.restoring-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  try {
    const db = await PGlite.create({ dataDir: fresh, extensions: EXTENSIONS, loadDataDir: new Blob([readFileSync(archive)]) });
    try {
      await db.query('SELECT count(*) FROM knex_migrations');
    } catch {
      throw new Error(`${archive} is not a backup of this service's embedded database`);
    } finally {
      await db.close();
    }
    let replaced: string | null = null;
    if (existsSync(dataDir)) {
      replaced = `${dataDir}.replaced-${fileTime(new Date())}`;
      renameSync(dataDir, replaced);
      rmSync(path.join(replaced, LOCK_FILE), { force: true });
    }
    rmSync(path.join(fresh, LOCK_FILE), { force: true }); // the backup's own lock, if the archive holds it
    renameSync(fresh, dataDir);
    return { replaced };
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    unlock();
  }
}

/** Starts PGlite keeping its files in `dataDir` (or in memory when null). */
export async function startEmbeddedDatabase(dataDir: string | null, maxConnections: number): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: EXTENSIONS });
  // PostGIS is not a trusted extension on real servers, so migrations only say IF NOT EXISTS;
  // here we are the superuser and create the extensions up front, as CI's setup does for PostgreSQL.
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent;');
  // All connections share one backend and run one at a time; the server must accept at least
  // as many sockets as the pool opens, or extra connections are reset.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    close: async () => {
      await server.stop();
      await db.close();
      unlock();
    },
  };
}
