/**
 * Read routing over PostgreSQL streaming replicas (DATABASE_READ_URLS). The hot read paths (code
 * lookups, reverse, search, tiles, batches: the SqlRunner) ask the router; everything else —
 * writes, transactions, sessions, API keys, rate counters — keeps using the primary's knex.
 *
 * - Each request runs inside `within(pinned, …)` (an AsyncLocalStorage): a pinned request reads
 *   from the primary. Outside any request (startup, warm-up, tools) reads go to the primary too,
 *   so a lost context can only ever cost load, never correctness.
 * - Unpinned reads go round robin to the replicas that are up and not lagging; when none is, to
 *   the primary.
 * - A replica that fails with a connection-class error (refused, terminated, pool timeout) is
 *   marked down for `downMs` and the read is retried on the primary: lookups keep answering while
 *   a replica stops. A periodic probe (every `probeMs`, never per query) measures each replica's
 *   replay lag and brings a recovered one back.
 *
 * Without replicas main.ts builds no router at all: one knex, no AsyncLocalStorage, no cost.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import { isDatabaseUnavailable, isSerializationFailure } from './errors.js';
import { createSqlRunner, type SqlRunner } from './query.js';

export type ReplicaState = {
  name: string;
  /** Not chosen before this time (ms since epoch) after a connection failure. */
  downUntil: number;
  /** Replay lag seen by the last probe (ms); null before the first probe. */
  lagMs: number | null;
  /** Whether the last probe reached the replica (false while it is unreachable). */
  reachable: boolean;
};

/**
 * The pure choice: the index of the replica to read from, trying them round robin from `start`,
 * or -1 for the primary (every replica down, unreachable or lagging more than maxLagMs).
 */
export function pickReplica(replicas: readonly ReplicaState[], start: number, now: number, maxLagMs: number): number {
  for (let i = 0; i < replicas.length; i++) {
    const index = (start + i) % replicas.length;
    const r = replicas[index]!;
    if (r.downUntil > now || !r.reachable) continue;
    if (r.lagMs !== null && r.lagMs > maxLagMs) continue;
    return index;
  }
  return -1;
}

// Lag is zero when everything received has been replayed (an idle primary sends nothing, so the
// last replayed transaction's age alone would read as lag).
const LAG_SQL = `
  SELECT CASE WHEN pg_last_wal_receive_lsn() IS NULL OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
         ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000, 0) END::float8 AS lag_ms`;

export type ReadRouterOptions = {
  primary: Knex;
  replicas: { name: string; knex: Knex }[];
  /** Named prepared statements (false on the embedded database). */
  prepared: boolean;
  logger?: Logger;
  /** How long a replica that failed is left alone (ms). */
  downMs?: number;
  /** Replicas lagging more than this (ms) are skipped until they catch up. */
  maxLagMs?: number;
  /** How often replicas are probed for reachability and lag (ms); 0: never (tests drive probe()). */
  probeMs?: number;
  now?: () => number;
};

export function createReadRouter({
  primary,
  replicas,
  prepared,
  logger,
  downMs = 5000,
  maxLagMs = 10_000,
  probeMs = 2000,
  now = Date.now,
}: ReadRouterOptions) {
  const context = new AsyncLocalStorage<{ pinned: boolean }>();
  const primarySql = createSqlRunner(primary, { prepared });
  const targets = replicas.map((r) => ({
    knex: r.knex,
    sql: createSqlRunner(r.knex, { prepared }),
    state: { name: r.name, downUntil: 0, lagMs: null, reachable: true } as ReplicaState,
    reads: 0,
  }));
  const counts = { primary: 0 };
  let next = 0;

  function markDown(target: (typeof targets)[number], err: unknown) {
    if (target.state.downUntil <= now())
      logger?.warn({ replica: target.state.name, err: (err as Error).message }, 'read replica unavailable: reading from the primary');
    target.state.downUntil = now() + downMs;
  }

  /** The replica this read goes to, or null for the primary. */
  function choose(): (typeof targets)[number] | null {
    if (!targets.length || (context.getStore()?.pinned ?? true)) return null;
    const index = pickReplica(
      targets.map((t) => t.state),
      next,
      now(),
      maxLagMs,
    );
    if (index < 0) return null;
    next = (index + 1) % targets.length;
    return targets[index]!;
  }

  /** Runs a read on the chosen database; a replica's connection failure falls back to the primary. */
  async function read<T>(run: (db: { knex: Knex; sql: SqlRunner }) => Promise<T>): Promise<T> {
    const target = choose();
    if (target) {
      try {
        const result = await run(target);
        target.reads++;
        return result;
      } catch (err) {
        // a query cancelled by a conflict with recovery (40001) is retried on the primary too
        if (isDatabaseUnavailable(err)) markDown(target, err);
        else if (!isSerializationFailure(err)) throw err;
      }
    }
    const result = await run({ knex: primary, sql: primarySql });
    counts.primary++;
    return result;
  }

  async function probe(): Promise<void> {
    await Promise.all(
      targets.map(async (t) => {
        try {
          const { rows } = await t.knex.raw(LAG_SQL);
          const lagMs = Number(rows[0].lag_ms);
          if (!t.state.reachable || (t.state.lagMs !== null && t.state.lagMs > maxLagMs) !== lagMs > maxLagMs) {
            logger?.info({ replica: t.state.name, lagMs }, lagMs > maxLagMs ? 'read replica lagging: skipped' : 'read replica in use');
          }
          t.state.reachable = true;
          t.state.lagMs = lagMs;
          t.state.downUntil = 0;
        } catch (err) {
          if (t.state.reachable)
            logger?.warn({ replica: t.state.name, err: (err as Error).message }, 'read replica unreachable: reading from the primary');
          t.state.reachable = false;
        }
      }),
    );
  }

  let timer: NodeJS.Timeout | null = null;
  let probing: Promise<void> | null = null;
  if (probeMs > 0 && targets.length) {
    timer = setInterval(() => void (probing ??= probe().finally(() => (probing = null))), probeMs);
    timer.unref();
  }

  return {
    /** Whether any replica is configured (else nothing needs pinning). */
    hasReplicas: targets.length > 0,
    /** Runs `fn` (the rest of a request) with its reads pinned to the primary or free to go to replicas. */
    within: <T>(pinned: boolean, fn: () => T): T => context.run({ pinned }, fn),
    /** The SqlRunner of the hot read paths. */
    sql: ((name, text, values) => read(({ sql }) => sql(name, text, values))) as SqlRunner,
    read,
    probe,
    /** Reads served so far, per database (tests, logs). */
    stats: () => ({ primary: counts.primary, replicas: targets.map((t) => ({ ...t.state, reads: t.reads })) }),
    /** Stops probing and closes the replicas' pools (not the primary's: its owner closes it). */
    async close() {
      if (timer) clearInterval(timer);
      await probing;
      await Promise.all(targets.map((t) => t.knex.destroy()));
    },
  };
}
export type ReadRouter = ReturnType<typeof createReadRouter>;
