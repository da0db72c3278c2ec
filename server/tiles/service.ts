/**
 * Serves vector tiles: checks the layer and zoom range, answers from an in-memory cache for
 * reference layers (keyed by the data version, so a re-seed invalidates it), and computes ETags
 * so that clients revalidate cheaply.
 */
import { createHash } from 'node:crypto';
import { LAYERS, type LayerSpec } from './layers.js';
import type { TilesRepository } from './repository.js';

export type Tile = { body: Buffer; etag: string; maxAgeSeconds: number };
const CACHE_ENTRIES = 4096;
/**
 * The cache is bounded by bytes as well as entries: a ward or road tile can be hundreds of kB, and
 * 4,096 of them, which anyone can make the server compute by asking, would be gigabytes.
 */
export const CACHE_BYTES = 64 * 1024 * 1024;
const VERSION_RECHECK_MS = 30_000;

export function createTilesService(repo: TilesRepository, { cacheBytes = CACHE_BYTES }: { cacheBytes?: number } = {}) {
  const cache = new Map<string, Tile>();
  let bytes = 0;
  let versions: Record<string, number> = {};
  let versionsCheckedAt = 0;

  async function currentVersions() {
    if (Date.now() - versionsCheckedAt > VERSION_RECHECK_MS) {
      versions = await repo.versions();
      versionsCheckedAt = Date.now();
    }
    return versions;
  }

  function forget(key: string) {
    bytes -= cache.get(key)?.body.length ?? 0;
    cache.delete(key);
  }

  function remember(key: string, tile: Tile) {
    if (tile.body.length > cacheBytes) return;
    forget(key);
    cache.set(key, tile);
    bytes += tile.body.length;
    // oldest first (a hit moves a tile to the end)
    while (cache.size > CACHE_ENTRIES || bytes > cacheBytes) forget(cache.keys().next().value!);
  }

  return {
    layer(name: string): LayerSpec | undefined {
      return Object.hasOwn(LAYERS, name) ? LAYERS[name] : undefined;
    },

    async tile(name: string, layer: LayerSpec, z: number, x: number, y: number): Promise<Tile> {
      const version = layer.version ? ((await currentVersions())[layer.version] ?? 0) : null;
      const key = `${name}/${z}/${x}/${y}@${version}`;
      const hit = version !== null ? cache.get(key) : undefined;
      if (hit) {
        cache.delete(key); // refresh its place in the LRU order
        cache.set(key, hit);
        return hit;
      }
      const body = await repo.tile(name, layer, z, x, y);
      const etag = `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;
      const tile = { body, etag, maxAgeSeconds: layer.maxAgeSeconds };
      if (version !== null) remember(key, tile);
      return tile;
    },
  };
}
export type TilesService = ReturnType<typeof createTilesService>;
