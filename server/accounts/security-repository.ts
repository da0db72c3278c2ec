/**
 * SQL of sign-in security: throttle counters, known devices, password reset tokens, and the
 * password and session writes of a change or reset. Times come from the caller's clock (tests fix it).
 */
import type { Knex } from 'knex';
import type { Counter } from './throttle.js';

export function createSecurityRepository(knex: Knex) {
  return {
    async counters(keys: string[]): Promise<Counter[]> {
      if (!keys.length) return [];
      const rows = await knex('auth_throttle').whereIn('key', keys).select('key', 'failures', 'last_failure_at');
      return rows.map((r) => ({ key: r.key, failures: r.failures, lastFailureAt: new Date(r.last_failure_at) }));
    },

    /** One more failure on each key; a counter quiet for `forgetMs` starts again at 1. One statement for all keys. */
    async countFailure(keys: string[], now: Date, forgetMs: number) {
      if (!keys.length) return;
      const forgetBefore = new Date(now.getTime() - forgetMs);
      await knex.raw(
        `INSERT INTO auth_throttle (key, failures, last_failure_at)
         SELECT k, 1, ? FROM unnest(?::text[]) AS k
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN auth_throttle.last_failure_at < ? THEN 1 ELSE auth_throttle.failures + 1 END,
           last_failure_at = GREATEST(auth_throttle.last_failure_at, EXCLUDED.last_failure_at)`,
        [now, keys, forgetBefore],
      );
    },

    async clearCounters(keys: string[]) {
      if (keys.length) await knex('auth_throttle').whereIn('key', keys).delete();
    },

    /** Counters nobody has failed on for `forgetMs`: they would be ignored anyway. */
    async forgetStale(now: Date, forgetMs: number) {
      await knex('auth_throttle')
        .where('last_failure_at', '<', new Date(now.getTime() - forgetMs))
        .delete();
    },

    /** The user a known-device token belongs to (and marks it used), or null. */
    async deviceUser(tokenHash: string, now: Date): Promise<string | null> {
      const rows = await knex('known_devices').where({ token_hash: tokenHash }).update({ last_used_at: now }).returning('user_id');
      return rows[0] ? String(rows[0].user_id) : null;
    },

    /** A new known device; devices of this user unused for a year are dropped at the same time. */
    async addDevice(tokenHash: string, userId: string, now: Date) {
      await knex('known_devices')
        .where({ user_id: userId })
        .andWhere('last_used_at', '<', new Date(now.getTime() - 365 * 86400_000))
        .delete();
      await knex('known_devices').insert({ token_hash: tokenHash, user_id: userId, created_at: now, last_used_at: now });
    },

    /** A new reset token for the user: any older one stops working (the newest link is the only one). */
    async issueReset(tokenHash: string, userId: string, now: Date, expiresAt: Date) {
      await knex.transaction(async (trx) => {
        await trx('password_resets').where({ user_id: userId }).delete();
        await trx('password_resets').insert({ token_hash: tokenHash, user_id: userId, created_at: now, expires_at: expiresAt });
      });
    },

    /** The user of a reset token that is unused and not expired, without using it up. */
    async resetUser(tokenHash: string, now: Date): Promise<string | null> {
      const row = await knex('password_resets')
        .where({ token_hash: tokenHash })
        .whereNull('used_at')
        .andWhere('expires_at', '>', now)
        .first('user_id');
      return row ? String(row.user_id) : null;
    },

    /**
     * Sets a new password and ends the user's other ways in: every session but `keepSession`, every
     * known device but `keepDevice`. With `resetToken`, the token is used up in the same
     * transaction, and nothing is written unless it was still valid (two clicks: one wins).
     */
    async replacePassword(
      userId: string,
      passwordHash: string,
      opts: { now: Date; resetToken?: string; keepSession?: string; keepDevice?: string },
    ): Promise<boolean> {
      return knex.transaction(async (trx) => {
        if (opts.resetToken) {
          const used = await trx('password_resets')
            .where({ token_hash: opts.resetToken, user_id: userId })
            .whereNull('used_at')
            .andWhere('expires_at', '>', opts.now)
            .update({ used_at: opts.now });
          if (!used) return false;
          await trx('password_resets').where({ user_id: userId }).whereNot({ token_hash: opts.resetToken }).delete();
        }
        await trx('users').where({ id: userId }).update({ password_hash: passwordHash });
        await trx('sessions')
          .where({ user_id: userId })
          .modify((q) => void (opts.keepSession && q.whereNot({ token_hash: opts.keepSession })))
          .delete();
        await trx('known_devices')
          .where({ user_id: userId })
          .modify((q) => void (opts.keepDevice && q.whereNot({ token_hash: opts.keepDevice })))
          .delete();
        return true;
      });
    },
  };
}
export type SecurityRepository = ReturnType<typeof createSecurityRepository>;
