import knexFactory, { type Knex } from 'knex';
import { migrationSource } from '../../migrations/index.js';

/**
 * Limits on the API's database work (STATEMENT_TIMEOUT_MS and friends): a statement running longer
 * is cancelled by the server (SQLSTATE 57014, answered 503 query-timeout), a lock waited on longer
 * gives up (55P03), a session idle inside a transaction longer is ended, and waiting longer for a
 * pooled connection fails (KnexTimeoutError, 503). 0 turns one off. Only the API's pools get them:
 * migrations, seeds, imports, loads and backups legitimately run long and pass none. PGlite (the
 * embedded database) does not enforce statement or lock timeouts (tests/db/timeouts.int.test.ts).
 */
export type DbTimeouts = { statementMs: number; lockMs: number; idleInTransactionMs: number; acquireMs: number };

/** Where knex's own warnings go (e.g. "Connection Error" while the database is down); console by default. */
export type KnexLog = { warn: (message: string) => void; error: (message: string) => void };

/**
 * connectTimeoutMs: give up connecting after this long (read replicas: an unreachable one is skipped
 * rather than waited for). log: the server passes its pino logger, so outages log as JSON lines.
 */
export function createKnex(
  url: string,
  poolMax: number,
  { jit = false, timeouts, connectTimeoutMs, log }: { jit?: boolean; timeouts?: DbTimeouts; connectTimeoutMs?: number; log?: KnexLog } = {},
): Knex {
  const settings = [
    // JIT compilation costs more than it saves on short lookups (13 ms on a 1,000-code batch).
    ...(jit ? [] : ['jit=off']),
    ...(timeouts
      ? [
          `statement_timeout=${timeouts.statementMs}`,
          `lock_timeout=${timeouts.lockMs}`,
          `idle_in_transaction_session_timeout=${timeouts.idleInTransactionMs}`,
        ]
      : []),
  ];
  return knexFactory({
    client: 'pg',
    connection: {
      connectionString: url,
      application_name: 'vn-address-code',
      ...(settings.length ? { options: settings.map((s) => `-c ${s}`).join(' ') } : {}),
      ...(connectTimeoutMs ? { connectionTimeoutMillis: connectTimeoutMs } : {}),
    },
    pool: { min: 0, max: poolMax },
    ...(timeouts?.acquireMs ? { acquireConnectionTimeout: timeouts.acquireMs } : {}),
    migrations: { migrationSource, tableName: 'knex_migrations' },
    ...(log
      ? {
          log: {
            warn: (m: string) => log.warn(`knex: ${m}`),
            error: (m: string) => log.error(`knex: ${m}`),
            deprecate: (m: string) => log.warn(`knex: ${m}`),
            debug: () => {},
          },
        }
      : {}),
  });
}

export async function migrateLatest(knex: Knex): Promise<string[]> {
  const [, applied] = (await knex.migrate.latest()) as [number, string[]];
  return applied;
}
