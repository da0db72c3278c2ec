/** SQL of API keys, rate counters and usage. The per-request statements are single round trips. */
import type { Knex } from 'knex';
import type { SqlRunner } from '../db/query.js';

/**
 * since_write_ms: how long ago the key last wrote (read-your-writes with read replicas); null if never.
 * owner_id, self_issued: whose key, and whether that account made it for itself (gate.ts: its tier);
 * per_minute, per_day: the account's limits as an administrator raised them, else null.
 */
export type KeyRow = {
  id: string;
  scope: 'read' | 'write';
  allowed_origins: string[];
  since_write_ms: number | null;
  owner_id: string | null;
  self_issued: boolean;
  per_minute: number | null;
  per_day: number | null;
};
export type KeyCheck = KeyRow & { minute: number | null; day: number | null };
export type KeyListRow = {
  id: string;
  name: string;
  prefix: string;
  scope: 'read' | 'write';
  allowed_origins: string[];
  owner_id: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
  replaces_id: string | null;
  self_issued: boolean;
};
export type AccountLimitsRow = { per_minute: number; per_day: number; set_at: Date };
export type UsageRow = { day: string; requests: number; codes: number; errors: number };

// the key, its account's raised limits, and the counters it draws on: its account's when it has one
// (all of an account's keys share one quota), else its own (a key an administrator made for no account)
const KEY_SQL = `
  SELECT k.id, k.scope, k.allowed_origins, (extract(epoch FROM now() - k.last_write_at) * 1000)::float8 AS since_write_ms,
         k.owner_id::text, k.self_issued, l.per_minute, l.per_day,
         coalesce('acct:' || k.owner_id, 'key:' || k.id) AS bucket, coalesce('acctday:' || k.owner_id, 'keyday:' || k.id) AS day_bucket
  FROM api_keys k LEFT JOIN api_account_limits l ON l.owner_id = k.owner_id
  WHERE k.hash = $1 AND k.revoked_at IS NULL`;
const KEY_COLUMNS_OUT = 'k.id::text, k.scope, k.allowed_origins, k.since_write_ms, k.owner_id, k.self_issued, k.per_minute, k.per_day';
const CHECK_SQL = `WITH k AS (${KEY_SQL}) SELECT ${KEY_COLUMNS_OUT}, NULL::int AS minute, NULL::int AS day FROM k`;

// key check and both counters in one statement; a revoked or unknown key counts nothing
const CHECK_AND_COUNT_SQL = `
  WITH k AS (${KEY_SQL}),
  m AS (
    INSERT INTO rate_counters (bucket, window_start, count) SELECT bucket, $2::bigint, 1 FROM k
    ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + 1 RETURNING count
  ),
  d AS (
    INSERT INTO rate_counters (bucket, window_start, count) SELECT day_bucket, $3::bigint, 1 FROM k
    ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + 1 RETURNING count
  )
  SELECT ${KEY_COLUMNS_OUT}, (SELECT count FROM m) AS minute, (SELECT count FROM d) AS day FROM k`;

const COUNT_SQL = `
  INSERT INTO rate_counters (bucket, window_start, count) VALUES ($1::text, $2::bigint, 1)
  ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + 1 RETURNING count`;

const CHARGE_SQL = `
  INSERT INTO rate_counters (bucket, window_start, count) VALUES ($1::text, $2::bigint, $3::int)
  ON CONFLICT (bucket, window_start) DO UPDATE SET count = rate_counters.count + $3::int`;

const KEY_COLUMNS =
  'id::text, name, prefix, scope, allowed_origins, owner_id::text, created_at, last_used_at, revoked_at, replaces_id::text, self_issued';

export function createKeysRepository(knex: Knex, sql: SqlRunner) {
  return {
    check: async (hash: string) => (await sql<KeyCheck>('keys_check', CHECK_SQL, [hash]))[0] ?? null,
    checkAndCount: async (hash: string, minute: number, day: number) =>
      (await sql<KeyCheck>('keys_check_count', CHECK_AND_COUNT_SQL, [hash, minute, day]))[0] ?? null,
    count: async (bucket: string, window: number) => (await sql<{ count: number }>('rate_count', COUNT_SQL, [bucket, window]))[0]!.count,
    /** Adds `units` to a counter (a batch charged for its rows: gate.ts chargeRows). */
    charge: async (bucket: string, window: number, units: number) => void (await sql('rate_charge', CHARGE_SQL, [bucket, window, units])),

    async insert(
      row: {
        name: string;
        prefix: string;
        hash: string;
        scope: string;
        allowedOrigins: string[];
        ownerId: string | null;
        selfIssued: boolean;
        replacesId?: string | null;
      },
      trx: Knex = knex,
    ) {
      const { rows } = await trx.raw(
        `INSERT INTO api_keys (name, prefix, hash, scope, allowed_origins, owner_id, self_issued, replaces_id) VALUES (?, ?, ?, ?, ?::text[], ?, ?, ?) RETURNING ${KEY_COLUMNS}`,
        [row.name, row.prefix, row.hash, row.scope, row.allowedOrigins, row.ownerId, row.selfIssued, row.replacesId ?? null],
      );
      return rows[0] as KeyListRow;
    },
    async get(id: string, trx: Knex = knex): Promise<KeyListRow | null> {
      const { rows } = await trx.raw(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE id = ?`, [id]);
      return (rows[0] as KeyListRow) ?? null;
    },
    async list(ownerId: string | null): Promise<KeyListRow[]> {
      const { rows } = await knex.raw(
        `SELECT ${KEY_COLUMNS} FROM api_keys WHERE (?::bigint IS NULL OR owner_id = ?::bigint) ORDER BY id DESC`,
        [ownerId, ownerId],
      );
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
    async accountLimits(ownerId: string): Promise<AccountLimitsRow | null> {
      const { rows } = await knex.raw('SELECT per_minute, per_day, set_at FROM api_account_limits WHERE owner_id = ?', [ownerId]);
      return (rows[0] as AccountLimitsRow) ?? null;
    },
    async setAccountLimits(ownerId: string, limits: { perMinute: number; perDay: number } | null, setBy: string | null): Promise<void> {
      if (!limits) return void (await knex.raw('DELETE FROM api_account_limits WHERE owner_id = ?', [ownerId]));
      await knex.raw(
        `INSERT INTO api_account_limits (owner_id, per_minute, per_day, set_by) VALUES (?, ?, ?, ?)
         ON CONFLICT (owner_id) DO UPDATE SET per_minute = excluded.per_minute, per_day = excluded.per_day, set_by = excluded.set_by, set_at = now()`,
        [ownerId, limits.perMinute, limits.perDay, setBy],
      );
    },
    async accountExists(id: string): Promise<boolean> {
      const { rows } = await knex.raw('SELECT 1 FROM users WHERE id = ?', [id]);
      return rows.length > 0;
    },
    async pruneCounters(before: number): Promise<void> {
      await knex.raw('DELETE FROM rate_counters WHERE window_start < ?', [before]);
    },
  };
}
export type KeysRepository = ReturnType<typeof createKeysRepository>;
