/**
 * The administrative units as the API presents them, kept in memory: the 3,321 wards and 34
 * provinces are reference data of a few megabytes, read on every lookup. Loaded on first use,
 * and reloaded when the seed bumps the 'admin_units' version (checked at most every 30 s, in the
 * background), so a boundary reform needs no restart.
 */
import type { z } from 'zod';
import type { AdminRepository } from './repository.js';
import type { Admin } from './schemas.js';
import { WardIndex } from './ward-index.js';

type AdminJson = z.infer<typeof Admin>;
const AT_SEA: AdminJson = Object.freeze({ province: null, ward: null, postalCode: null }) as AdminJson;

type Snapshot = { version: number; index: WardIndex; byWard: Map<string, AdminJson> };

export function createAdminDirectory(repo: AdminRepository, { recheckMs = 30_000 }: { recheckMs?: number } = {}) {
  let snapshot: Snapshot | null = null;
  let loading: Promise<Snapshot> | null = null;
  let lastCheck = 0;

  async function load(): Promise<Snapshot> {
    const version = await repo.version();
    const [{ wards, provinces }, pieces] = await Promise.all([repo.units(), repo.pieces()]);
    const provinceByCode = new Map(
      provinces.map((p) => [p.code, { code: p.code, name: p.name, fullName: p.full_name, postalPrefixes: p.postal_prefixes ?? [] }]),
    );
    const byWard = new Map<string, AdminJson>();
    for (const w of wards) {
      byWard.set(w.code, {
        province: provinceByCode.get(w.province_code) ?? null,
        ward: { code: w.code, name: w.name, fullName: w.full_name, type: w.unit_type },
        postalCode: w.postal_code,
      });
    }
    snapshot = { version, index: new WardIndex(pieces), byWard };
    lastCheck = Date.now();
    return snapshot;
  }

  function reloadOnce(): Promise<Snapshot> {
    loading ??= load().finally(() => (loading = null));
    return loading;
  }

  function recheckInBackground(current: Snapshot) {
    if (Date.now() - lastCheck < recheckMs || loading) return;
    lastCheck = Date.now();
    repo.version().then(
      (v) => (v !== current.version ? reloadOnce().then(() => undefined) : undefined),
      () => undefined, // the database is away: keep serving what we have
    );
  }

  async function current(): Promise<Snapshot> {
    if (!snapshot) return reloadOnce();
    recheckInBackground(snapshot);
    return snapshot;
  }

  return {
    /** Load now (main.ts calls this before listening, so the first request does not wait). */
    warm: async () => void (await current()),
    reload: () => reloadOnce().then(() => undefined),
    /** A resolver valid for this moment's units: synchronous, so batch work needs one await. */
    async resolver() {
      const s = await current();
      return {
        wardAt: (lat: number, lng: number) => s.index.wardAt(lat, lng),
        wardsNear: (lat: number, lng: number, radiusM: number, max: number) => s.index.wardsNear(lat, lng, radiusM, max),
        admin: (wardCode: string | null | undefined): AdminJson => (wardCode ? (s.byWard.get(wardCode) ?? AT_SEA) : AT_SEA),
      };
    },
  };
}
export type AdminDirectory = ReturnType<typeof createAdminDirectory>;
