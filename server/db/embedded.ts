/**
 * The zero-setup default: PGlite (PostgreSQL 18 in WebAssembly) with PostGIS, pg_trgm and
 * unaccent, served in-process on a loopback socket so that knex + pg talk to it exactly as they
 * talk to a real PostgreSQL server. See ../shared/notes/pglite.md for the pitfalls this avoids.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export type EmbeddedDatabase = { url: string; close: () => Promise<void> };

/** Starts PGlite keeping its files in `dataDir` (or in memory when null). */
export async function startEmbeddedDatabase(dataDir: string | null, maxConnections: number): Promise<EmbeddedDatabase> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create({ ...(dataDir ? { dataDir } : {}), extensions: { postgis, pg_trgm, unaccent } });
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
    },
  };
}
