/**
 * Position of a point along a Hilbert curve over a fixed box around Vietnam. Used only to number
 * the coverage table's coarse cells so that neighbours on the ground get neighbouring numbers.
 * The box and order are part of the code format v1 (they decided the table's order once).
 */
const BOX = { minLng: 100, minLat: 5, maxLng: 120, maxLat: 25 } as const;
const ORDER = 16; // 65,536 x 65,536 grid: far finer than resolution-4 cells (~45 km)

export function hilbertIndex(lng: number, lat: number): number {
  const n = 1 << ORDER;
  let x = Math.min(n - 1, Math.max(0, Math.floor(((lng - BOX.minLng) / (BOX.maxLng - BOX.minLng)) * n)));
  let y = Math.min(n - 1, Math.max(0, Math.floor(((lat - BOX.minLat) / (BOX.maxLat - BOX.minLat)) * n)));
  let d = 0;
  for (let s = n >> 1; s > 0; s >>= 1) {
    const rx = (x & s) > 0 ? 1 : 0;
    const ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    // rotate the quadrant so the curve stays continuous
    if (ry === 0) {
      if (rx === 1) {
        x = n - 1 - x;
        y = n - 1 - y;
      }
      [x, y] = [y, x];
    }
  }
  return d;
}
