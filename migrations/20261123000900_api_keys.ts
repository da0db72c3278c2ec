import type { Knex } from 'knex';

/**
 * API keys, shared rate-limit counters and usage metering (issue 7).
 * - api_keys: only the SHA-256 of a key is stored (keys are 160 random bits, so a fast hash is
 *   enough); the prefix identifies it in lists. Revoking sets revoked_at: every process checks
 *   the table on every keyed request, so a revoked key stops at once everywhere.
 * - rate_counters: fixed windows (epoch seconds) per bucket, incremented with one upsert per
 *   request, so limits hold across any number of API processes. UNLOGGED: counters need not
 *   survive a crash, and skipping the WAL keeps the upsert cheap.
 * - api_usage: requests, codes looked up and errors per key per day (Vietnam's day, UTC+7),
 *   flushed from each process every few seconds.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE api_keys (
      id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      name            text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
      prefix          text NOT NULL UNIQUE,
      hash            text NOT NULL UNIQUE,
      scope           text NOT NULL CHECK (scope IN ('read', 'write')),
      allowed_origins text[] NOT NULL DEFAULT '{}',
      owner_id        bigint REFERENCES users (id) ON DELETE CASCADE,
      created_at      timestamptz NOT NULL DEFAULT now(),
      last_used_at    timestamptz,
      revoked_at      timestamptz,
      replaces_id     bigint REFERENCES api_keys (id)
    );
    CREATE INDEX api_keys_owner_idx ON api_keys (owner_id);

    CREATE UNLOGGED TABLE rate_counters (
      bucket       text NOT NULL,
      window_start bigint NOT NULL,
      count        integer NOT NULL,
      PRIMARY KEY (bucket, window_start)
    );

    CREATE TABLE api_usage (
      key_id   bigint NOT NULL REFERENCES api_keys (id) ON DELETE CASCADE,
      day      date NOT NULL,
      requests bigint NOT NULL DEFAULT 0,
      codes    bigint NOT NULL DEFAULT 0,
      errors   bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (key_id, day)
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS api_usage; DROP TABLE IF EXISTS rate_counters; DROP TABLE IF EXISTS api_keys;');
}
