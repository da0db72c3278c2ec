/**
 * The zero-setup default: PGlite (PostgreSQL 18 in WebAssembly) with PostGIS, pg_trgm and
 * unaccent, served in-process on a loopback socket so that knex + pg talk to it exactly as they
 * talk to a real PostgreSQL server. See ../shared/notes/pglite.md for the pitfalls this avoids.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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
function lockDataDir(dataDir: string): () => void {
  const lock = path.join(dataDir, 'vnac-owner.pid');
  let owner = NaN;
  try {
    owner = Number(readFileSync(lock, 'utf8').trim());
  } catch {
    // no lock yet
  }
  if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner)) {
    throw new Error(`The embedded database in ${dataDir} is in use by process ${owner} (a running server?). Stop it first, or use DATABASE_URL.`);
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

/** Starts PGlite keeping its files in `dataDir` (or in memory when null). */
export async function startEmbeddedDatabase(dataDir: string | null, maxConnections: number): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const unlock = dataDir ? lockDataDir(dataDir) : () => {};
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis, pg_trgm, unaccent, btree_gin } });
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
