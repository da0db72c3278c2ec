/** Small geometry for the console: a ward's bounding box, and whether a click is inside it. Pure. */
import type { LatLng } from '../common/geo.js';
import type { WardGeometry } from './api.js';

export type Bounds = [[number, number], [number, number]];

const polygonsOf = (g: WardGeometry): number[][][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** [[west, south], [east, north]] of a (multi)polygon, or null when it has no points. */
export function boundsOf(g: WardGeometry): Bounds | null {
  let w = Infinity,
    s = Infinity,
    e = -Infinity,
    n = -Infinity;
  for (const polygon of polygonsOf(g)) {
    for (const [x, y] of polygon[0] ?? []) {
      w = Math.min(w, x!);
      e = Math.max(e, x!);
      s = Math.min(s, y!);
      n = Math.max(n, y!);
    }
  }
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

function inRing(ring: number[][], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi! > y !== yj! > y && x < ((xj! - xi!) * (y - yi!)) / (yj! - yi!) + xi!) inside = !inside;
  }
  return inside;
}

/** Inside the outer ring of one of the polygons and outside its holes. */
export function contains(g: WardGeometry, { lat, lng }: LatLng): boolean {
  return polygonsOf(g).some(
    ([outer, ...holes]) => Boolean(outer) && inRing(outer!, lng, lat) && !holes.some((hole) => inRing(hole, lng, lat)),
  );
}

/** The code of a ward address feature with its unit: 25M-SN9-S32/P302. */
export function fullCode(p: { code: string; unit?: string | null }): string {
  return p.unit && !p.code.includes('/') ? `${p.code}/${p.unit}` : p.code;
}
