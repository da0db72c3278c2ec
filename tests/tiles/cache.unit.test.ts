/** The tile cache is bounded by bytes, not only by entries: asking for many large tiles cannot make it hold gigabytes. */
import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../server/tiles/layers.js';
import type { TilesRepository } from '../../server/tiles/repository.js';
import { CACHE_BYTES, createTilesService } from '../../server/tiles/service.js';

const MB = 1024 * 1024;

function counting(size: number) {
  const computed: string[] = [];
  const repo: TilesRepository = {
    tile: async (name, _layer, z, x, y) => {
      computed.push(`${name}/${z}/${x}/${y}`);
      return Buffer.alloc(size, 1);
    },
    versions: async () => ({ admin_units: 1, map_layers: 1 }),
  };
  return { repo, computed };
}

describe('tile cache', () => {
  it(`keeps at most ${CACHE_BYTES / MB} MB of tiles: the oldest leave first, a recent one stays`, async () => {
    const { repo, computed } = counting(MB);
    const service = createTilesService(repo);
    const wards = LAYERS.wards!;
    await service.tile('wards', wards, 12, 0, 0);
    await service.tile('wards', wards, 12, 0, 0);
    expect(computed).toHaveLength(1); // cached
    for (let i = 1; i <= CACHE_BYTES / MB + 10; i++) await service.tile('wards', wards, 12, i, 0);
    const before = computed.length;
    await service.tile('wards', wards, 12, CACHE_BYTES / MB + 10, 0); // the newest: still there
    expect(computed).toHaveLength(before);
    await service.tile('wards', wards, 12, 0, 0); // the first, 74 MB ago: evicted, computed again
    expect(computed).toHaveLength(before + 1);
  });

  it('does not cache a tile larger than the whole budget', async () => {
    const { repo, computed } = counting(2 * MB);
    const service = createTilesService(repo, { cacheBytes: MB });
    await service.tile('roads', LAYERS.roads!, 14, 1, 1);
    await service.tile('roads', LAYERS.roads!, 14, 1, 1);
    expect(computed).toHaveLength(2);
  });
});
