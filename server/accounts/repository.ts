import type { Knex } from 'knex';
import type { ContributorRow } from './contributor.js';

export type Role = 'household' | 'staff' | 'admin';
export type UserRow = {
  id: string;
  email: string | null;
  phone: string | null;
  password_hash: string;
  role: Role;
  blocked_at: Date | null;
  failed_logins: number;
  locked_until: Date | null;
  created_at: Date;
};
/**
 * The counts of a proposer's record (contributor.ts), for the repositories that present one
 * (accounts, proposals): `u` is the users row. An own change applied at once is not an approval.
 */
export const CONTRIBUTOR_COUNTS_SQL = `
  SELECT count(*) FILTER (WHERE q.status = 'approved' AND q.decided_by IS DISTINCT FROM q.proposer_id)::int AS approved,
         count(*) FILTER (WHERE q.status = 'rejected')::int AS rejected,
         count(*) FILTER (WHERE q.status = 'pending')::int AS pending
  FROM proposals q WHERE q.proposer_id = u.id`;

export type SessionUser = { id: string; role: Role; email: string | null; phone: string | null; blocked: boolean; wards: string[] };

export function createAccountsRepository(knex: Knex) {
  return {
    async insertUser(
      u: { email?: string | null; phone?: string | null; passwordHash: string; role: Role },
      trx: Knex = knex,
    ): Promise<UserRow | null> {
      const rows = await trx.raw(
        `INSERT INTO users (email, phone, password_hash, role) VALUES (?, ?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING *`,
        [u.email ?? null, u.phone ?? null, u.passwordHash, u.role],
      );
      return rows.rows[0] ?? null;
    },
    findByLogin(login: { email?: string; phone?: string }): Promise<UserRow | undefined> {
      return login.email
        ? knex<UserRow>('users').where({ email: login.email }).first()
        : knex<UserRow>('users').where({ phone: login.phone! }).first();
    },
    findById(id: string): Promise<UserRow | undefined> {
      return knex<UserRow>('users').where({ id }).first();
    },
    async setWards(userId: string, wards: string[], trx: Knex = knex) {
      await trx('staff_wards').where({ user_id: userId }).delete();
      if (wards.length) await trx('staff_wards').insert(wards.map((w) => ({ user_id: userId, ward_code: w })));
    },
    async wardsOf(userId: string): Promise<string[]> {
      const rows = await knex('staff_wards').where({ user_id: userId }).orderBy('ward_code').select('ward_code');
      return rows.map((r) => r.ward_code);
    },
    async wardsExist(wards: string[]): Promise<string[]> {
      const rows = await knex('wards').whereIn('code', wards).select('code');
      return rows.map((r) => r.code);
    },
    /**
     * Has this person left a trace in one of these wards: owns an address there, wrote a version
     * of one (registering, editing, restoring, an applied proposal or claim), or proposed
     * something there? The staff of those wards may then moderate them (docs/moderation.md).
     */
    async activeInWards(userId: string, wards: readonly string[]): Promise<boolean> {
      if (!wards.length) return false;
      const { rows } = await knex.raw(
        `SELECT EXISTS (SELECT 1 FROM addresses WHERE owner_id = ? AND ward_code = ANY(?::text[]))
             OR EXISTS (SELECT 1 FROM proposals WHERE proposer_id = ? AND ward_code = ANY(?::text[]))
             OR EXISTS (SELECT 1 FROM address_versions v JOIN addresses a ON a.id = v.address_id
                        WHERE v.actor_id = ? AND a.ward_code = ANY(?::text[])) AS active`,
        [userId, [...wards], userId, [...wards], userId, [...wards]],
      );
      return rows[0].active === true;
    },
    /** The pseudonymous record staff see of a person (contributor.ts). */
    async contributor(userId: string): Promise<ContributorRow | null> {
      const { rows } = await knex.raw(
        `SELECT u.id::text, u.created_at, u.blocked_at IS NOT NULL AS blocked, r.approved, r.rejected, r.pending
         FROM users u CROSS JOIN LATERAL (${CONTRIBUTOR_COUNTS_SQL}) r WHERE u.id = ?`,
        [userId],
      );
      return rows[0] ?? null;
    },
    async setBlocked(userId: string, reason: string | null) {
      return knex('users')
        .where({ id: userId })
        .update({ blocked_at: reason === null ? null : knex.fn.now(), blocked_reason: reason });
    },
    async createSession(tokenHash: string, userId: string, days: number) {
      await knex.raw(`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (?, ?, now() + make_interval(days => ?))`, [
        tokenHash,
        userId,
        days,
      ]);
    },
    async deleteSession(tokenHash: string) {
      await knex('sessions').where({ token_hash: tokenHash }).delete();
    },
    async sessionUser(tokenHash: string): Promise<SessionUser | null> {
      const { rows } = await knex.raw(
        `SELECT u.id, u.role, u.email, u.phone, u.blocked_at IS NOT NULL AS blocked,
                coalesce(array_agg(sw.ward_code) FILTER (WHERE sw.ward_code IS NOT NULL), '{}') AS wards
         FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN staff_wards sw ON sw.user_id = u.id
         WHERE s.token_hash = ? AND s.expires_at > now()
         GROUP BY u.id`,
        [tokenHash],
      );
      return rows[0] ?? null;
    },
  };
}
export type AccountsRepository = ReturnType<typeof createAccountsRepository>;
