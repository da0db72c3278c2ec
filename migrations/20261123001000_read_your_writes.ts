import type { Knex } from 'knex';

/**
 * Read-your-writes with read replicas (issue 8): when an API key last sent a write request. The key
 * gate reads it with the key (no extra statement), and the key's reads go to the primary for
 * READ_YOUR_WRITES_MS after it. Browsers and other cookie-keeping clients get a short cookie instead.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE api_keys ADD COLUMN last_write_at timestamptz');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE api_keys DROP COLUMN last_write_at');
}
