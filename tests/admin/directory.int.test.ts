import { afterAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createAdminDirectory } from '../../server/admin/directory.js';
import { createAdminRepository } from '../../server/admin/repository.js';
import { createKnex } from '../../server/db/knex.js';
import { EMBEDDED_POOL_SIZE } from '../../server/db/open.js';
import { seededRandom } from '../support/random.js';

const knex = createKnex(inject('databaseUrl'), inject('embedded') ? EMBEDDED_POOL_SIZE : 2);
afterAll(() => knex.destroy());

describe('ward directory in memory', () => {
  it('agrees with PostGIS ST_Intersects on 3,000 random points over Vietnam', async () => {
    const directory = createAdminDirectory(createAdminRepository(knex));
    const resolver = await directory.resolver();
    const random = seededRandom(3);
    const points = Array.from({ length: 3000 }, () => [8.4 + random() * 15, 102.1 + random() * 7.5] as const);
    const { rows } = await knex.raw(
      `SELECT q.i::int AS i, (SELECT min(wp.ward_code) FROM ward_pieces wp WHERE ST_Intersects(wp.geom, ST_SetSRID(ST_MakePoint(q.lng, q.lat), 4326))) AS ward
       FROM unnest(?::float8[], ?::float8[]) WITH ORDINALITY AS q(lat, lng, i) ORDER BY q.i`,
      [points.map((p) => p[0]), points.map((p) => p[1])],
    );
    let agree = 0;
    let onLand = 0;
    rows.forEach((r: { i: number; ward: string | null }) => {
      const [lat, lng] = points[r.i - 1]!;
      if (resolver.wardAt(lat, lng) === r.ward) agree++;
      if (r.ward) onLand++;
    });
    expect(onLand).toBeGreaterThan(500); // Vietnam fills about a quarter of its bounding box
    expect(agree).toBe(points.length);
  });

  it('presents a ward with its province and postal code, and the sea as nulls', async () => {
    const resolver = await createAdminDirectory(createAdminRepository(knex)).resolver();
    expect(resolver.admin('00070')).toMatchObject({
      ward: { code: '00070', name: 'Hoàn Kiếm' },
      province: { code: '01' },
      postalCode: '11024',
    });
    expect(resolver.admin(null)).toEqual({ province: null, ward: null, postalCode: null });
    expect(resolver.admin('99999')).toEqual({ province: null, ward: null, postalCode: null });
  });

  it('reloads when the seed bumps the admin units version', async () => {
    const directory = createAdminDirectory(createAdminRepository(knex), { recheckMs: 0 });
    await directory.warm();
    await knex.raw("UPDATE wards SET name = 'Hoàn Kiếm (renamed)' WHERE code = '00070'");
    try {
      expect((await directory.resolver()).admin('00070').ward?.name).toBe('Hoàn Kiếm');
      await knex.raw("UPDATE reference_versions SET version = version + 1 WHERE name = 'admin_units'");
      await directory.resolver(); // notices the new version and reloads in the background
      await expect
        .poll(async () => (await directory.resolver()).admin('00070').ward?.name, { timeout: 20_000 })
        .toBe('Hoàn Kiếm (renamed)');
    } finally {
      await knex.raw("UPDATE wards SET name = 'Hoàn Kiếm' WHERE code = '00070'");
    }
  });
});
