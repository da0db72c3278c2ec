/**
 * Realistic synthetic addresses for scale tests (issue 8). Pure: the wards (with their subdivided
 * pieces) come in, CSV lines come out, one chunk at a time, so 24 million rows never sit in memory.
 *
 * - Points are spread over the wards in proportion to their area (no population figures exist in
 *   the shared data): each ward gets its share by largest remainder, so the total is exact; inside
 *   a ward a piece is picked in proportion to its area and the point is drawn uniformly in the
 *   piece (rejection sampling in its bounding box).
 * - House numbers 1–300, some in an alley ("45/12") or with a letter ("27B"); street names taken
 *   from the 3,321 ward names, skewed so that a few are very common (like bench/load-addresses.ts);
 *   communes (xã) get a hamlet ("Thôn 4"); about 3 % of points are blocks of flats whose units
 *   (P101, P102 …) share one point; statuses mostly verified.
 * - Deterministic: the same wards, count and seed give the same file, byte for byte.
 */
import pointInPolygon from 'point-in-polygon/flat.js';
import { seededRandom } from '../../lib/seeded-random.js';

export type GeneratorWard = {
  code: string;
  name: string;
  unitType: string;
  areaKm2: number;
  /** subdivided pieces: rings of [lng, lat] (first = outer), with their area (any unit) */
  pieces: { rings: number[][][]; area: number }[];
};

export const GENERATED_COLUMNS = [
  'lat',
  'lng',
  'unit',
  'house_number',
  'street',
  'hamlet',
  'building',
  'landmark',
  'note',
  'status',
] as const;

type Piece = { coords: Float64Array; rings: number[]; minX: number; minY: number; w: number; h: number };

function packPiece(rings: number[][][]): Piece {
  let size = 0;
  for (const r of rings) size += r.length * 2;
  const coords = new Float64Array(size);
  const offsets: number[] = [];
  let at = 0;
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity;
  rings.forEach((ring, i) => {
    offsets.push(at);
    for (const [x, y] of ring) {
      coords[at++] = x!;
      coords[at++] = y!;
      if (i === 0) {
        if (x! < minX) minX = x!;
        if (x! > maxX) maxX = x!;
        if (y! < minY) minY = y!;
        if (y! > maxY) maxY = y!;
      }
    }
    offsets.push(at);
  });
  return { coords, rings: offsets, minX, minY, w: maxX - minX, h: maxY - minY };
}

function inside(p: Piece, x: number, y: number): boolean {
  const pt = [x, y];
  if (!pointInPolygon(pt, p.coords, p.rings[0]!, p.rings[1]!)) return false;
  for (let r = 2; r < p.rings.length; r += 2) if (pointInPolygon(pt, p.coords, p.rings[r]!, p.rings[r + 1]!)) return false;
  return true;
}

/** How many points each ward gets: proportional to area, summing exactly to count (largest remainder). */
export function allocate(areas: number[], count: number): number[] {
  const total = areas.reduce((a, b) => a + Math.max(0, b), 0);
  if (total <= 0) return areas.map(() => 0);
  const exact = areas.map((a) => (Math.max(0, a) / total) * count);
  const out = exact.map(Math.floor);
  let left = count - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

function csvField(s: string | null): string {
  if (s === null || s === '') return '';
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * CSV text (header first) in chunks of about `chunkRows` rows. `onRows` reports progress.
 */
export function* generateAddressCsv(
  wards: GeneratorWard[],
  { count, seed, chunkRows = 2000, onRows }: { count: number; seed: number; chunkRows?: number; onRows?: (n: number) => void },
): Generator<string> {
  const random = seededRandom(seed);
  const sorted = [...wards].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const streetNames = sorted.map((w) => `Đường ${w.name}`);
  const shares = allocate(
    sorted.map((w) => w.areaKm2),
    count,
  );
  const int = (n: number) => Math.floor(random() * n);
  const street = () => streetNames[Math.floor(streetNames.length * random() ** 2)]!;
  const houseNumber = () => {
    const n = 1 + Math.floor(300 * random() ** 1.5);
    const r = random();
    if (r < 0.1) return `${n}/${1 + int(40)}`;
    if (r < 0.15) return `${n}${'ABCD'[int(4)]}`;
    return String(n);
  };
  const status = () => {
    const r = random();
    return r < 0.8 ? 'verified' : r < 0.95 ? 'draft' : 'needs_review';
  };

  yield `${GENERATED_COLUMNS.join(',')}\n`;
  let lines: string[] = [];
  let written = 0;
  const emit = (line: string) => {
    lines.push(line);
    written++;
  };
  for (const [wi, ward] of sorted.entries()) {
    let todo = shares[wi]!;
    if (todo === 0 || ward.pieces.length === 0) continue;
    const pieces = ward.pieces.map((p) => packPiece(p.rings));
    const cumulative: number[] = [];
    let sum = 0;
    for (const p of ward.pieces) cumulative.push((sum += Math.max(p.area, 1e-12)));
    const rural = ward.unitType === 'xa';
    while (todo > 0) {
      // a piece in proportion to its area, then a uniform point in it
      const target = random() * sum;
      let lo = 0,
        hi = cumulative.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumulative[mid]! < target) lo = mid + 1;
        else hi = mid;
      }
      const piece = pieces[lo]!;
      let x = 0,
        y = 0,
        found = false;
      for (let attempt = 0; attempt < 200 && !found; attempt++) {
        x = piece.minX + random() * piece.w;
        y = piece.minY + random() * piece.h;
        found = inside(piece, x, y);
      }
      if (!found) continue; // a sliver: draw another piece
      const lat = y.toFixed(7);
      const lng = x.toFixed(7);
      const hamlet = rural && random() < 0.6 ? `Thôn ${1 + int(20)}` : null;
      const r = random();
      if (r < 0.03 && todo >= 2) {
        // a block of flats: several units at one point
        const flats = Math.min(todo, 2 + int(11));
        const building = `Chung cư ${ward.name} ${'ABCDE'[int(5)]}`;
        const num = houseNumber();
        const st = street();
        for (let f = 0; f < flats; f++) {
          const unit = `P${1 + Math.floor(f / 4)}${String(1 + (f % 4)).padStart(2, '0')}`;
          emit(`${lat},${lng},${unit},${csvField(num)},${csvField(st)},${csvField(hamlet)},${csvField(building)},,,${status()}\n`);
        }
        todo -= flats;
      } else {
        const landmark = random() < 0.01 ? `Gần chợ ${ward.name}` : null;
        const note = random() < 0.005 ? 'Cổng màu xanh, gọi trước khi giao' : null;
        emit(
          `${lat},${lng},,${csvField(houseNumber())},${csvField(street())},${csvField(hamlet)},,${csvField(landmark)},${csvField(note)},${status()}\n`,
        );
        todo--;
      }
      if (lines.length >= chunkRows) {
        yield lines.join('');
        lines = [];
        onRows?.(written);
      }
    }
  }
  if (lines.length) yield lines.join('');
  onRows?.(written);
}
