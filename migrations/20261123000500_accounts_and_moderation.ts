import type { Knex } from 'knex';

/**
 * Accounts, ownership, privacy and community moderation.
 *
 * - users: household (owns what it registers), staff (scoped to wards in staff_wards), admin.
 *   Identified by e-mail or phone; the password is an Argon2id hash. Repeated failed logins lock
 *   the account for a while (failed_logins, locked_until). Staff can block a user.
 * - sessions: server-side, so any API process can check them; the cookie holds a random token,
 *   the table only its SHA-256.
 * - addresses gain an owner, a private flag (a private address decodes as a bare location for
 *   everyone but its owner and its ward's staff), and place fields (name, category).
 * - address_versions: every state of every address, with who, when, what changed and why; any
 *   version can be restored (which writes a new version).
 * - proposals: edits, claims and new places, waiting in their ward's review queue.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE users (
      id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      email         text CHECK (email = lower(email) AND char_length(email) <= 254),
      phone         text CHECK (phone ~ '^\\+[0-9]{8,15}$'),
      password_hash text NOT NULL,
      role          text NOT NULL DEFAULT 'household' CHECK (role IN ('household', 'staff', 'admin')),
      blocked_at    timestamptz,
      blocked_reason text,
      failed_logins integer NOT NULL DEFAULT 0,
      locked_until  timestamptz,
      created_at    timestamptz NOT NULL DEFAULT now(),
      CHECK (email IS NOT NULL OR phone IS NOT NULL)
    );
    CREATE UNIQUE INDEX users_email_key ON users (email) WHERE email IS NOT NULL;
    CREATE UNIQUE INDEX users_phone_key ON users (phone) WHERE phone IS NOT NULL;

    CREATE TABLE staff_wards (
      user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      ward_code text NOT NULL,
      PRIMARY KEY (user_id, ward_code)
    );

    CREATE TABLE sessions (
      token_hash   text PRIMARY KEY,
      user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_id_idx ON sessions (user_id);

    ALTER TABLE addresses
      ADD COLUMN owner_id   bigint REFERENCES users (id) ON DELETE SET NULL,
      ADD COLUMN private    boolean NOT NULL DEFAULT false,
      ADD COLUMN place_name text CHECK (char_length(place_name) <= 200),
      ADD COLUMN category   text CHECK (category ~ '^[a-z_]{2,40}$');
    CREATE INDEX addresses_owner_id_idx ON addresses (owner_id) WHERE owner_id IS NOT NULL;

    CREATE TABLE address_versions (
      address_id bigint NOT NULL REFERENCES addresses (id) ON DELETE CASCADE,
      version    integer NOT NULL,
      kind       text NOT NULL CHECK (kind IN ('created', 'edited', 'proposal', 'restored', 'imported')),
      state      jsonb NOT NULL,
      change     jsonb NOT NULL,
      actor_id   bigint REFERENCES users (id) ON DELETE SET NULL,
      reason     text CHECK (char_length(reason) <= 500),
      at         timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (address_id, version)
    );

    CREATE TABLE proposals (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind         text NOT NULL CHECK (kind IN ('edit', 'claim', 'new_place')),
      address_id   bigint REFERENCES addresses (id) ON DELETE CASCADE,
      ward_code    text,
      proposer_id  bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      base_version integer,
      payload      jsonb NOT NULL,
      status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
      reason       text CHECK (char_length(reason) <= 500),
      decided_by   bigint REFERENCES users (id) ON DELETE SET NULL,
      decided_at   timestamptz,
      created_at   timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'new_place') = (address_id IS NULL))
    );
    CREATE INDEX proposals_queue_idx ON proposals (ward_code, status, created_at);
    CREATE INDEX proposals_proposer_idx ON proposals (proposer_id, created_at);

    -- every existing address starts its history at its current state
    INSERT INTO address_versions (address_id, version, kind, state, change, at)
    SELECT id, version, 'created',
           jsonb_build_object('houseNumber', house_number, 'street', street, 'hamlet', hamlet, 'building', building,
                              'landmark', landmark, 'note', note, 'status', status, 'private', private,
                              'lat', ST_Y(geom), 'lng', ST_X(geom)),
           '{}'::jsonb, created_at
    FROM addresses;
  `);
  // Private addresses are not counted on the public map.
  await knex.raw(densityTrigger('WHERE NOT o.private', 'WHERE NOT nw.private'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(densityTrigger('', ''));
  await knex.raw(`
    DROP TABLE IF EXISTS proposals;
    DROP TABLE IF EXISTS address_versions;
    ALTER TABLE addresses DROP COLUMN IF EXISTS owner_id, DROP COLUMN IF EXISTS private,
      DROP COLUMN IF EXISTS place_name, DROP COLUMN IF EXISTS category;
    DROP TABLE IF EXISTS sessions;
    DROP TABLE IF EXISTS staff_wards;
    DROP TABLE IF EXISTS users;
  `);
}

/** The density trigger of migration 20261123000400, with an optional filter on the rows counted. */
function densityTrigger(oldFilter: string, newFilter: string): string {
  return `
    CREATE OR REPLACE FUNCTION address_density_after() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('DELETE', 'UPDATE') THEN
        INSERT INTO address_density AS d (res, cell, n, sum_x, sum_y)
        SELECT r, h3_parent(o.h3, r), -count(*), -sum(ST_X(o.geom)), -sum(ST_Y(o.geom))
        FROM old_rows o, (VALUES (6), (9)) AS v(r) ${oldFilter} GROUP BY 1, 2
        ON CONFLICT (res, cell) DO UPDATE SET n = d.n + excluded.n, sum_x = d.sum_x + excluded.sum_x, sum_y = d.sum_y + excluded.sum_y;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO address_density AS d (res, cell, n, sum_x, sum_y)
        SELECT r, h3_parent(nw.h3, r), count(*), sum(ST_X(nw.geom)), sum(ST_Y(nw.geom))
        FROM new_rows nw, (VALUES (6), (9)) AS v(r) ${newFilter} GROUP BY 1, 2
        ON CONFLICT (res, cell) DO UPDATE SET n = d.n + excluded.n, sum_x = d.sum_x + excluded.sum_x, sum_y = d.sum_y + excluded.sum_y;
      END IF;
      DELETE FROM address_density WHERE n <= 0;
      RETURN NULL;
    END $$;`;
}
