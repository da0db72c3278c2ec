import type { Knex } from 'knex';

/**
 * Limits a free account cannot escape (issue 15).
 * - api_keys.self_issued: the key was created by a non-administrator account for itself. Such keys
 *   get the anonymous per-minute limit until an administrator raises the account. Keys made
 *   before this cannot be told apart from keys an administrator made for an account, so those
 *   owned by a non-administrator start as self-issued (the safe side); `npm run admin --
 *   set-api-limits` raises the accounts that need more.
 * - api_account_limits: the limits an administrator set for an account; they apply to all its
 *   keys, whose requests are counted together (one quota per account, not per key).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE api_keys ADD COLUMN self_issued boolean NOT NULL DEFAULT false;
    UPDATE api_keys k SET self_issued = true FROM users u WHERE u.id = k.owner_id AND u.role <> 'admin';

    CREATE TABLE api_account_limits (
      owner_id   bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      per_minute integer NOT NULL CHECK (per_minute > 0),
      per_day    integer NOT NULL CHECK (per_day > 0),
      set_by     bigint REFERENCES users (id) ON DELETE SET NULL,
      set_at     timestamptz NOT NULL DEFAULT now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS api_account_limits; ALTER TABLE api_keys DROP COLUMN IF EXISTS self_issued;');
}
