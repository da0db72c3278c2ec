/** SQL of API keys, rate counters and usage. The per-request statements are single round trips. */
import type { Knex } from 'knex';
import type { SqlRunner } from '../db/query.js';

/** since_write_ms: how long ago the key last wrote (read-your-writes with read replicas); null if never. */
export type KeyRow = { id: string; scope: 'read' | 'write'; allowed_origins: string[]; since_write_ms: number | null };
export type KeyCheck = KeyRow & { minute: number | null; day: number | null };
export type KeyListRow = {
  id: string; name: string; prefix: string; scope: 'read' | 'write'; allowed_origins: string[]; owner_id: string | null;
  created_at: Date; last_used_at: Date | null; revoked_at: Date | null; replaces_id: string | null;
};
export type UsageRow = { day: string; requests: number; codes: number; errors: number };

const SINCE_WRITE = '(extract(epoch FROM now() - last_write_at) * 1000)::float8 AS since_write_ms';
const CHECK_SQL = `SELECT id::text, scope, allowed_origins, ${SINCE_WRITE}, NULL::int AS minute, NULL::int AS day FROM api_keys WHERE hash = $1 AND revoked_at IS NULL`;

// key check and both counters in one statement; a revoked or unknown key counts nothing
const CHECK_AND_COUNT_SQL = `
  WITH k AS (SELECT id, scope, allowed_origins, ${SINCE_WRITE} FROM api_keys WHERE hash = $1 AND revoked_at IS NULL),
  m AS (
    INSERT INTO rate_counters (bucket, window_start, count) SELECT 'key:' || id, $2::bigint, 1 FROM k
    ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + 1 RETURNING count
  ),
  d AS (
    INSERT INTO rate_counters (bucket, window_start, count) SELECT 'keyday:' || id, $3::bigint, 1 FROM k
    ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + 1 RETURNING count
  )
  SELECT k.id::text, k.scope, k.allowed_origins, k.since_write_ms, (SELECT count FROM m) AS minute, (SELECT count FROM d) AS day FROM k`;

const COUNT_SQL = `
  INSERT INTO rate_counters (bucket, window_start, count) VALUES ($1::text, $2::bigint, 1)
  ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + 1 RETURNING count`;

const KEY_COLUMNS = 'id::text, name, prefix, scope, allowed_origins, owner_id::text, created_at, last_used_at, revoked_at, replaces_id::text';

export function createKeysRepository(knex: Knex, sql: SqlRunner) {
  return {
    check: async (hash: string) => (await sql<KeyCheck>('keys_check', CHECK_SQL, [hash]))[0] ?? null,
    checkAndCount: async (hash: string, minute: number, day: number) =>
      (await sql<KeyCheck>('keys_check_count', CHECK_AND_COUNT_SQL, [hash, minute, day]))[0] ?? null,
    count: async (bucket: string, window: number) => (await sql<{ count: number }>('rate_count', COUNT_SQL, [bucket, window]))[0]!.count,

    async insert(row: { name: string; prefix: string; hash: string; scope: string; allowedOrigins: string[]; ownerId: string | null; replacesId?: string | null }, trx: Knex = knex) {
      const { rows } = await trx.raw(
        `INSERT INTO api_keys (name, prefix, hash, scope, allowed_origins, owner_id, replaces_id) VALUES (?, ?, ?, ?, ?::text[], ?, ?) RETURNING ${KEY_COLUMNS}`,
        [row.name, row.prefix, row.hash, row.scope, row.allowedOrigins, row.ownerId, row.replacesId ?? null],
      );
      return rows[0] as KeyListRow;
    },
    async get(id: string, trx: Knex = knex): Promise<KeyListRow | null> {
      const { rows } = await trx.raw(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = ?`, [id]);
      return (rows[0] as KeyListRow) ?? null;
    },
    async list(ownerId: string | null): Promise<KeyListRow[]> {
      const { rows } = await knex.raw(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE (?::bigint IS NULL OR owner_id = ?::bigint) ORDER BY id DESC`, [ownerId, ownerId]);
      return rows as KeyListRow[];
    },
    async revoke(id: string, trx: Knex = knex): Promise<void> {
      await trx.raw('UPDATE api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = ?', [id]);
    },
    async usage(id: string, days: number): Promise<UsageRow[]> {
      const { rows } = await knex.raw(
        `SELECT to_char(day, 'YYYY-MM-DD') AS day, requests::int, codes::int, errors::int FROM api_usage
         WHERE key_id = ? AND day > (now() AT TIME ZONE 'UTC' + interval '7 hours')::date - ?::int ORDER BY day DESC`,
        [id, days],
      );
      return rows as UsageRow[];
    },
    /** Adds a batch of per-key, per-day usage; marks the keys used. */
    async addUsage(rows: { keyId: string; day: string; requests: number; codes: number; errors: number }[]): Promise<void> {
      if (!rows.length) return;
      await knex.raw(
        `WITH u AS (
           SELECT (r->>'keyId')::bigint AS key_id, (r->>'day')::date AS day, (r->>'requests')::bigint AS requests,
                  (r->>'codes')::bigint AS codes, (r->>'errors')::bigint AS errors
           FROM jsonb_array_elements(?::jsonb) AS r
         ), up AS (
           INSERT INTO api_usage (key_id, day, requests, codes, errors)
           SELECT key_id, day, requests, codes, errors FROM u WHERE key_id IN (SELECT id FROM api_keys)
           ON CONFLICT (key_id, day) DO UPDATE SET requests = api_usage.requests + excluded.requests,
             codes = api_usage.codes + excluded.codes, errors = api_usage.errors + excluded.errors
         )
         UPDATE api_keys SET last_used_at = now() WHERE id IN (SELECT key_id FROM u)`,
        [JSON.stringify(rows)],
      );
    },
    /** Read-your-writes: the key just wrote (only with read replicas). */
    async markWrite(id: string): Promise<void> {
      await sql('keys_mark_write', 'UPDATE api_keys SET last_write_at = now() WHERE id = $1', [id]);
    },
    async pruneCounters(before: number): Promise<void> {
      await knex.raw('DELETE FROM rate_counters WHERE window_start < ?', [before]);
    },
  };
}
export type KeysRepository = ReturnType<typeof createKeysRepository>;
