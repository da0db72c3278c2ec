/**
 * Managing API keys: created by an administrator (CLI or API) or by any signed-in account for
 * itself (a company's account); shown once, stored as a hash; named, scoped, restricted to
 * origins; rotated (a new key with the same settings, the old one revoked at once) and revoked.
 */
import type { Knex } from 'knex';
import { isAdmin, type Viewer } from '../accounts/viewer.js';
import { forbidden, notFound, Problem } from '../http/problem.js';
import { hashKey, keyPrefix, newKey } from './keys.js';
import type { KeyListRow, KeysRepository } from './repository.js';

export const MAX_KEYS_PER_ACCOUNT = 20;

export type KeySettings = { name: string; scope: 'read' | 'write'; allowedOrigins: string[] };

export function presentKey(row: KeyListRow) {
  return {
    id: row.id, name: row.name, prefix: row.prefix, scope: row.scope, allowedOrigins: row.allowed_origins,
    createdAt: row.created_at, lastUsedAt: row.last_used_at, revokedAt: row.revoked_at, replaces: row.replaces_id,
  };
}

export function createKeysService({ knex, repo }: { knex: Knex; repo: KeysRepository }) {
  async function owned(viewer: Viewer, id: string): Promise<KeyListRow> {
    const row = /^\d{1,18}$/.test(id) ? await repo.get(id) : null;
    if (!row) throw notFound(`No API key ${id}.`);
    if (!isAdmin(viewer) && row.owner_id !== viewer.userId) throw forbidden('This API key belongs to another account.');
    return row;
  }

  return {
    /** Creates a key and returns it in clear, the only time it is ever shown. */
    async create(settings: KeySettings, ownerId: string | null, trx: Knex = knex) {
      if (ownerId) {
        const active = (await repo.list(ownerId)).filter((k) => !k.revoked_at).length;
        if (active >= MAX_KEYS_PER_ACCOUNT) throw new Problem(409, 'conflict', 'Too many keys', `An account may hold ${MAX_KEYS_PER_ACCOUNT} active keys; revoke one first.`);
      }
      const key = newKey();
      const row = await repo.insert({ name: settings.name, prefix: keyPrefix(key), hash: hashKey(key), scope: settings.scope, allowedOrigins: settings.allowedOrigins, ownerId }, trx);
      return { key, ...presentKey(row) };
    },
    async list(viewer: Viewer, all = false) {
      return (await repo.list(all && isAdmin(viewer) ? null : viewer.userId)).map(presentKey);
    },
    async revoke(viewer: Viewer, id: string) {
      await owned(viewer, id);
      await repo.revoke(id);
      return presentKey((await repo.get(id))!);
    },
    /** A new key with the same name, scope and origins; the old one stops at once. */
    async rotate(viewer: Viewer, id: string) {
      const old = await owned(viewer, id);
      if (old.revoked_at) throw new Problem(409, 'conflict', 'Key revoked', 'A revoked key cannot be rotated; create a new one.');
      return knex.transaction(async (trx) => {
        await repo.revoke(id, trx);
        const key = newKey();
        const row = await repo.insert({ name: old.name, prefix: keyPrefix(key), hash: hashKey(key), scope: old.scope, allowedOrigins: old.allowed_origins, ownerId: old.owner_id, replacesId: old.id }, trx);
        return { key, ...presentKey(row) };
      });
    },
    async usage(viewer: Viewer, id: string, days: number) {
      const row = await owned(viewer, id);
      return { key: presentKey(row), days: await repo.usage(id, days) };
    },
  };
}
export type KeysService = ReturnType<typeof createKeysService>;
