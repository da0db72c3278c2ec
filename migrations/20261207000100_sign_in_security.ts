import type { Knex } from 'knex';

/**
 * Sign-in hardening (issue 15).
 *
 * - auth_throttle: failure counters with exponential backoff, keyed by what is being guessed at
 *   ('acct:…' the login, 'ip:…' the client address, 'acct+ip:…' both, 'dev:…' a known-device
 *   token, and the sign-up / reset-request counters). The key's identifying part is a SHA-256, so
 *   the table holds no e-mail, phone number or address in clear. Rows are forgotten a day after
 *   their last failure. Counted here rather than in memory so every API process sees the same count.
 * - known_devices: a random token (cookie) given to a browser that signed in successfully; only
 *   its SHA-256 is kept. Its holder is exempt from the per-account throttle, so an attacker's
 *   failures slow the attacker, not the owner on their own device (OWASP "device cookies").
 * - password_resets: one-time reset tokens, hashed, short-lived, single-use.
 *
 * users.failed_logins and users.locked_until (the old hard lock-out) are no longer read or written;
 * they are left in place rather than dropped in this release.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE auth_throttle (
      key             text PRIMARY KEY,
      failures        integer NOT NULL,
      last_failure_at timestamptz NOT NULL
    );
    CREATE INDEX auth_throttle_last_failure_idx ON auth_throttle (last_failure_at);

    CREATE TABLE known_devices (
      token_hash   text PRIMARY KEY,
      user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX known_devices_user_id_idx ON known_devices (user_id);

    CREATE TABLE password_resets (
      token_hash text PRIMARY KEY,
      user_id    bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at    timestamptz
    );
    CREATE INDEX password_resets_user_id_idx ON password_resets (user_id);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE password_resets; DROP TABLE known_devices; DROP TABLE auth_throttle;');
}
