/**
 * The road network in memory: typed arrays, adjacency in compressed rows (each edge listed at
 * both ends, with the direction it is left in), a spatial index of edges for snapping points to
 * the nearest road a profile may use. Built from plain rows (the database's `road_edges`, or a
 * synthetic grid in the benchmarks); no I/O here.
 */
import Flatbush from 'flatbush';
import { haversineM } from '../lib/geo.js';
import { PROFILES, type Profile } from './profiles.js';

export type EdgeRow = {
  id: number;
  source: number;
  target: number;
  name: string | null;
  highway: string;
  lengthM: number;
  costs: Record<Profile, { forward: number; backward: number }>;
  coords: number[]; // lng, lat pairs from source to target
};

export type Graph = {
  vertexCount: number;
  edgeCount: number;
  vertexLat: Float64Array;
  vertexLng: Float64Array;
  /** Database ids of the edges (index → id), and of vertices (they are kept as given). */
  edgeId: Int32Array;
  source: Int32Array;
  target: Int32Array;
  length: Float64Array;
  /** cost[profile][0] forward (source → target), [1] backward; seconds, < 0 = closed. */
  cost: Record<Profile, [Float64Array, Float64Array]>;
  name: Int32Array;
  names: string[];
  highway: string[];
  coordStart: Int32Array;
  coords: Float64Array;
  /** Adjacency: for vertex v, entries adjStart[v] … adjStart[v+1]-1 of adjEdge (edge index) and adjDir (0 forward, 1 backward). */
  adjStart: Int32Array;
  adjEdge: Int32Array;
  adjDir: Uint8Array;
  index: Flatbush | null;
};

export function buildGraph(rows: EdgeRow[]): Graph {
  let vertexCount = 0;
  let coordCount = 0;
  for (const r of rows) {
    vertexCount = Math.max(vertexCount, r.source + 1, r.target + 1);
    coordCount += r.coords.length;
  }
  const n = rows.length;
  const g: Graph = {
    vertexCount,
    edgeCount: n,
    vertexLat: new Float64Array(vertexCount).fill(Number.NaN),
    vertexLng: new Float64Array(vertexCount).fill(Number.NaN),
    edgeId: new Int32Array(n),
    source: new Int32Array(n),
    target: new Int32Array(n),
    length: new Float64Array(n),
    cost: Object.fromEntries(PROFILES.map((p) => [p, [new Float64Array(n), new Float64Array(n)]])) as Graph['cost'],
    name: new Int32Array(n),
    names: [],
    highway: [],
    coordStart: new Int32Array(n + 1),
    coords: new Float64Array(coordCount),
    adjStart: new Int32Array(vertexCount + 1),
    adjEdge: new Int32Array(2 * n),
    adjDir: new Uint8Array(2 * n),
    index: null,
  };
  const nameIndex = new Map<string, number>();
  let c = 0;
  rows.forEach((r, i) => {
    g.edgeId[i] = r.id;
    g.source[i] = r.source;
    g.target[i] = r.target;
    g.length[i] = r.lengthM;
    for (const p of PROFILES) {
      g.cost[p][0][i] = r.costs[p].forward;
      g.cost[p][1][i] = r.costs[p].backward;
    }
    if (r.name) {
      let k = nameIndex.get(r.name);
      if (k === undefined) nameIndex.set(r.name, (k = g.names.push(r.name) - 1));
      g.name[i] = k;
    } else g.name[i] = -1;
    g.highway.push(r.highway);
    g.coordStart[i] = c;
    g.coords.set(r.coords, c);
    c += r.coords.length;
    const last = r.coords.length - 2;
    g.vertexLng[r.source] = r.coords[0]!;
    g.vertexLat[r.source] = r.coords[1]!;
    g.vertexLng[r.target] = r.coords[last]!;
    g.vertexLat[r.target] = r.coords[last + 1]!;
    g.adjStart[r.source + 1]!++;
    g.adjStart[r.target + 1]!++;
  });
  g.coordStart[n] = c;
  for (let v = 0; v < vertexCount; v++) g.adjStart[v + 1]! += g.adjStart[v]!;
  const fill = g.adjStart.slice(0, vertexCount);
  for (let i = 0; i < n; i++) {
    const s = fill[g.source[i]!]!++;
    g.adjEdge[s] = i;
    g.adjDir[s] = 0;
    const t = fill[g.target[i]!]!++;
    g.adjEdge[t] = i;
    g.adjDir[t] = 1;
  }
  if (n > 0) {
    const index = new Flatbush(n);
    for (let i = 0; i < n; i++) {
      let minX = Infinity,
        minY = Infinity,
        maxX = -Infinity,
        maxY = -Infinity;
      for (let k = g.coordStart[i]!; k < g.coordStart[i + 1]!; k += 2) {
        minX = Math.min(minX, g.coords[k]!);
        maxX = Math.max(maxX, g.coords[k]!);
        minY = Math.min(minY, g.coords[k + 1]!);
        maxY = Math.max(maxY, g.coords[k + 1]!);
      }
      index.add(minX, minY, maxX, maxY);
    }
    index.finish();
    g.index = index;
  }
  return g;
}

/** Whether a profile may use edge `e` at all (in some direction). */
export function usable(g: Graph, profile: Profile, e: number): boolean {
  return g.cost[profile][0][e]! >= 0 || g.cost[profile][1][e]! >= 0;
}

/** A point placed on an edge: `fraction` of the way from source to target (by length). */
export type Snap = { edge: number; fraction: number; lat: number; lng: number; distanceM: number };

/** Nearest point on the roads a profile may use, within `maxDistanceM`; null when there is none. */
export function snap(g: Graph, profile: Profile, lat: number, lng: number, maxDistanceM: number): Snap | null {
  if (!g.index) return null;
  const degLat = maxDistanceM / 111_320;
  const degLng = degLat / Math.max(0.1, Math.cos((lat * Math.PI) / 180));
  const candidates = g.index.search(lng - degLng, lat - degLat, lng + degLng, lat + degLat, (i) => usable(g, profile, i));
  const kx = Math.cos((lat * Math.PI) / 180);
  let best: Snap | null = null;
  for (const e of candidates) {
    let along = 0;
    let bestHere: { d: number; along: number; lat: number; lng: number } | null = null;
    for (let k = g.coordStart[e]!; k + 2 < g.coordStart[e + 1]!; k += 2) {
      const ax = g.coords[k]!,
        ay = g.coords[k + 1]!,
        bx = g.coords[k + 2]!,
        by = g.coords[k + 3]!;
      // project in a local plane (x scaled by cos(lat)); exact enough at street scale
      const dx = (bx - ax) * kx,
        dy = by - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 > 0 ? Math.max(0, Math.min(1, ((lng - ax) * kx * dx + (lat - ay) * dy) / len2)) : 0;
      const px = ax + (bx - ax) * t,
        py = ay + (by - ay) * t;
      const d = haversineM(lat, lng, py, px);
      const segLength = haversineM(ay, ax, by, bx);
      if (!bestHere || d < bestHere.d) bestHere = { d, along: along + t * segLength, lat: py, lng: px };
      along += segLength;
    }
    if (bestHere && bestHere.d <= maxDistanceM && (!best || bestHere.d < best.distanceM)) {
      const total = along || 1;
      best = {
        edge: e,
        fraction: Math.min(1, Math.max(0, bestHere.along / total)),
        lat: bestHere.lat,
        lng: bestHere.lng,
        distanceM: bestHere.d,
      };
    }
  }
  return best;
}

/** Coordinates of edge `e` between two fractions, in travel direction (from > to walks backward). */
export function edgeSlice(g: Graph, e: number, from: number, to: number): number[][] {
  const pts: number[][] = [];
  for (let k = g.coordStart[e]!; k < g.coordStart[e + 1]!; k += 2) pts.push([g.coords[k]!, g.coords[k + 1]!]);
  const lengths = [0];
  for (let i = 1; i < pts.length; i++)
    lengths.push(lengths[i - 1]! + haversineM(pts[i - 1]![1]!, pts[i - 1]![0]!, pts[i]![1]!, pts[i]![0]!));
  const total = lengths[lengths.length - 1]! || 1;
  const at = (f: number) => {
    const d = f * total;
    let i = 1;
    while (i < lengths.length - 1 && lengths[i]! < d) i++;
    const seg = lengths[i]! - lengths[i - 1]! || 1;
    const t = Math.min(1, Math.max(0, (d - lengths[i - 1]!) / seg));
    return { i, point: [pts[i - 1]![0]! + (pts[i]![0]! - pts[i - 1]![0]!) * t, pts[i - 1]![1]! + (pts[i]![1]! - pts[i - 1]![1]!) * t] };
  };
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  const a = at(lo);
  const b = at(hi);
  const out = [a.point];
  for (let i = a.i; i < b.i; i++) out.push(pts[i]!);
  out.push(b.point);
  return from <= to ? out : out.reverse();
}
