/**
 * Point-in-polygon for wards, in memory. The same subdivided pieces as the ward_pieces table
 * (at most 128 vertices each), packed into one Float64Array and indexed by their bounding
 * boxes (Flatbush). A lookup is a few microseconds instead of ~20 µs of PostGIS plus a round
 * trip, which is what keeps a code lookup mostly out of the database. Pure: no I/O.
 */
import Flatbush from 'flatbush';
import pointInPolygon from 'point-in-polygon/flat.js';

export type WardPiece = { wardCode: string; rings: number[][][] };

export class WardIndex {
  private readonly index: Flatbush;
  private readonly coords: Float64Array;
  /** per piece: ward, and its rings as [start, end) offsets into coords (first ring = outer) */
  private readonly wardOf: string[];
  private readonly ringsOf: Uint32Array[];

  constructor(pieces: WardPiece[]) {
    let size = 0;
    for (const p of pieces) for (const ring of p.rings) size += ring.length * 2;
    this.coords = new Float64Array(size);
    this.index = new Flatbush(Math.max(1, pieces.length));
    this.wardOf = [];
    this.ringsOf = [];
    let at = 0;
    for (const p of pieces) {
      const offsets = new Uint32Array(p.rings.length * 2);
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      p.rings.forEach((ring, r) => {
        offsets[r * 2] = at;
        for (const [x, y] of ring) {
          this.coords[at++] = x!;
          this.coords[at++] = y!;
          if (r === 0) {
            if (x! < minX) minX = x!;
            if (x! > maxX) maxX = x!;
            if (y! < minY) minY = y!;
            if (y! > maxY) maxY = y!;
          }
        }
        offsets[r * 2 + 1] = at;
      });
      this.index.add(minX, minY, maxX, maxY);
      this.wardOf.push(p.wardCode);
      this.ringsOf.push(offsets);
    }
    if (pieces.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  get size(): number {
    return this.wardOf.length;
  }

  /**
   * The wards with a piece within about `radiusM` metres of the point (by the pieces' bounding
   * boxes, so a little wider), nearest first, at most `max` of them.
   */
  wardsNear(lat: number, lng: number, radiusM: number, max: number): string[] {
    // Flatbush measures in degrees; a degree of longitude is the shorter, so this errs wide
    const degrees = radiusM / (111_320 * Math.cos((lat * Math.PI) / 180));
    const wards = new Set<string>();
    for (const i of this.index.neighbors(lng, lat, Infinity, degrees)) {
      if (i >= this.wardOf.length) continue;
      wards.add(this.wardOf[i]!);
      if (wards.size === max) break;
    }
    return [...wards];
  }

  /** The ward containing the point, or null (at sea, abroad). Ties on a shared edge go to the lowest code. */
  wardAt(lat: number, lng: number): string | null {
    let found: string | null = null;
    const point = [lng, lat];
    for (const i of this.index.search(lng, lat, lng, lat)) {
      if (i >= this.wardOf.length) continue;
      const ward = this.wardOf[i]!;
      if (found !== null && ward >= found) continue;
      const rings = this.ringsOf[i]!;
      if (!pointInPolygon(point, this.coords, rings[0]!, rings[1]!)) continue;
      let inHole = false;
      for (let r = 2; r < rings.length && !inHole; r += 2) inHole = pointInPolygon(point, this.coords, rings[r]!, rings[r + 1]!);
      if (!inHole) found = ward;
    }
    return found;
  }
}
