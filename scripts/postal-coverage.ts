/**
 * How many decoded codes lack a postal code: `npx tsx scripts/postal-coverage.ts [count] [seed]`
 * against the database the configuration names (DATABASE_URL, or the embedded one). Points are
 * drawn uniformly over Vietnam's bounding box by a seeded generator, those inside no ward (sea,
 * neighbours) dropped, until `count` (975) remain; each is encoded, decoded, and its ward's postal
 * code read the way GET /v1/codes/{code} reads it (the admin directory at the code's centre).
 */
import { createAdminDirectory } from '../server/admin/directory.js';
import { createAdminRepository } from '../server/admin/repository.js';
import { decode, encode } from '../server/codes/codec.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/open.js';
import { seededRandom } from '../server/lib/seeded-random.js';

const count = Number(process.argv[2] ?? 975);
const random = seededRandom(Number(process.argv[3] ?? 17));
const [south, north, west, east] = [8.4, 23.4, 102.1, 109.5];

const db = await openDatabase(loadConfig());
try {
  const resolver = await createAdminDirectory(createAdminRepository(db.knex)).resolver();
  const lacking = new Map<string, number>();
  const provinces = new Set<string>();
  let decoded = 0;
  while (decoded < count) {
    const code = encode(south + random() * (north - south), west + random() * (east - west));
    if (!code) continue;
    const { lat, lng } = decode(code);
    const admin = resolver.admin(resolver.wardAt(lat, lng));
    if (!admin.ward) continue;
    decoded++;
    provinces.add(admin.province!.code);
    if (!admin.postalCode) lacking.set(admin.province!.code, (lacking.get(admin.province!.code) ?? 0) + 1);
  }
  const total = [...lacking.values()].reduce((a, b) => a + b, 0);
  console.log(`${total} of ${decoded} decoded codes (in ${provinces.size} provinces) have no postal code`);
  if (total) console.log(`by province: ${JSON.stringify(Object.fromEntries([...lacking].sort(([a], [b]) => a.localeCompare(b))))}`);
} finally {
  await db.close();
}
