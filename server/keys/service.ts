/**
 * Managing API keys: created by an administrator (CLI or API) or by any signed-in account for
 * itself (a company's account); shown once, stored as a hash; named, scoped, restricted to
 * origins; rotated (a new key with the same settings, the old one revoked at once) and revoked.
 * A key an account made for itself is "self-issued": it gets the anonymous per-minute limit
 * until an administrator raises the account's limits (gate.ts), so a free account cannot mint
 * itself capacity.
 */
import type { Knex } from 'knex';
import { isAdmin, type Viewer } from '../accounts/viewer.js';
import { forbidden, notFound, Problem } from '../http/problem.js';
import { hashKey, keyPrefix, newKey } from './keys.js';
import type { AccountLimitsRow, KeyListRow, KeysRepository } from './repository.js';

export const MAX_KEYS_PER_ACCOUNT = 20;

export type KeySettings = { name: string; scope: 'read' | 'write'; allowedOrigins: string[] };
export type AccountLimits = { perMinute: number; perDay: number };

export function presentKey(row: KeyListRow) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    allowedOrigins: row.allowed_origins,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
    replaces: row.replaces_id,
    selfIssued: row.self_issued,
  };
}

function presentLimits(accountId: string, row: AccountLimitsRow | null) {
  return {
    account: accountId,
    raised: row !== null,
    perMinute: row?.per_minute ?? null,
    perDay: row?.per_day ?? null,
    setAt: row?.set_at ?? null,
  };
}

export function createKeysService({ knex, repo }: { knex: Knex; repo: KeysRepository }) {
  async function owned(viewer: Viewer, id: string): Promise<KeyListRow> {
    const row = /^\d{1,18}$/.test(id) ? await repo.get(id) : null;
    if (!row) throw notFound(`No API key ${id}.`);
    if (!isAdmin(viewer) && row.owner_id !== viewer.userId) throw forbidden('This API key belongs to another account.');
    return row;
  }

  /**
   * Creates a key and returns it in clear, the only time it is ever shown. `issuer`: the signed-in
   * account creating it, or null for the operator's CLI; a non-administrator's key is self-issued.
   */
  async function create(settings: KeySettings, ownerId: string | null, issuer: Viewer | null = null, trx: Knex = knex) {
    if (ownerId) {
      const active = (await repo.list(ownerId)).filter((k) => !k.revoked_at).length;
      if (active >= MAX_KEYS_PER_ACCOUNT)
        throw new Problem(409, 'conflict', 'Too many keys', `An account may hold ${MAX_KEYS_PER_ACCOUNT} active keys; revoke one first.`);
    }
    const key = newKey();
    const selfIssued = issuer !== null && !isAdmin(issuer);
    const row = await repo.insert(
      {
        name: settings.name,
        prefix: keyPrefix(key),
        hash: hashKey(key),
        scope: settings.scope,
        allowedOrigins: settings.allowedOrigins,
        ownerId,
        selfIssued,
      },
      trx,
    );
    return { key, ...presentKey(row) };
  }

  return {
    create,
    /** A key made through the API: for the signed-in account itself, or by an administrator for `owner`. */
    async issue(viewer: Viewer, { owner, ...settings }: KeySettings & { owner?: string | undefined }) {
      if (owner && !isAdmin(viewer)) throw forbidden('Only administrators create keys for other accounts.');
      return create(settings, owner ?? viewer.userId, viewer);
    },
    async list(viewer: Viewer, all = false) {
      return (await repo.list(all && isAdmin(viewer) ? null : viewer.userId)).map(presentKey);
    },
    async revoke(viewer: Viewer, id: string) {
      await owned(viewer, id);
      await repo.revoke(id);
      return presentKey((await repo.get(id))!);
    },
    /** A new key with the same name, scope, origins and tier; the old one stops at once. */
    async rotate(viewer: Viewer, id: string) {
      const old = await owned(viewer, id);
      if (old.revoked_at) throw new Problem(409, 'conflict', 'Key revoked', 'A revoked key cannot be rotated; create a new one.');
      return knex.transaction(async (trx) => {
        await repo.revoke(id, trx);
        const key = newKey();
        const row = await repo.insert(
          {
            name: old.name,
            prefix: keyPrefix(key),
            hash: hashKey(key),
            scope: old.scope,
            allowedOrigins: old.allowed_origins,
            ownerId: old.owner_id,
            selfIssued: old.self_issued,
            replacesId: old.id,
          },
          trx,
        );
        return { key, ...presentKey(row) };
      });
    },
    /** An account's raised limits (null: the defaults of its keys' tiers); for the account itself and administrators. */
    async limits(viewer: Viewer, accountId: string) {
      if (!isAdmin(viewer) && viewer.userId !== accountId) throw notFound(`No account ${accountId}.`);
      if (!(await repo.accountExists(accountId))) throw notFound(`No account ${accountId}.`);
      return presentLimits(accountId, await repo.accountLimits(accountId));
    },
    /** Raises (or, with null, resets) an account's limits: administrators (viewer) or the operator's CLI (null). */
    async setLimits(viewer: Viewer | null, accountId: string, limits: AccountLimits | null) {
      if (viewer && !isAdmin(viewer)) throw forbidden('Only administrators change the limits of an account.');
      if (!(await repo.accountExists(accountId))) throw notFound(`No account ${accountId}.`);
      await repo.setAccountLimits(accountId, limits, viewer?.userId ?? null);
      return presentLimits(accountId, await repo.accountLimits(accountId));
    },
    async usage(viewer: Viewer, id: string, days: number) {
      const row = await owned(viewer, id);
      return { key: presentKey(row), days: await repo.usage(id, days) };
    },
  };
}
export type KeysService = ReturnType<typeof createKeysService>;
