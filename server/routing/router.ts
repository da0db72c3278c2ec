/**
 * Shortest (fastest) paths on the in-memory graph: A* for one route (the estimate is the straight
 * line at the profile's top speed, a lower bound, so the answer is exact), Dijkstra from one
 * point to many for distance matrices. Start and end are points snapped onto edges: the search
 * starts with the two ends of the start edge, and may finish on the end edge from either end (or
 * along the start edge itself). Costs are seconds; lengths ride along for reporting.
 */
import FlatQueue from 'flatqueue';
import type { Graph, Snap } from './graph.js';
import { haversineM } from '../lib/geo.js';
import { maxSpeed, type Profile } from './profiles.js';

/** One piece of a path: an edge walked from fraction `from` to `to` (to < from = backward). */
export type Piece = { edge: number; from: number; to: number; seconds: number; metres: number };
export type Path = { seconds: number; metres: number; pieces: Piece[] };

/** Reusable search state, sized to the graph; `stamp` tells which entries belong to this search. */
class SearchSpace {
  dist: Float64Array;
  metres: Float64Array;
  parentEdge: Int32Array;
  parentDir: Uint8Array;
  seen: Uint32Array;
  done: Uint32Array;
  stamp = 0;
  queue = new FlatQueue<number>();
  constructor(n: number) {
    this.dist = new Float64Array(n);
    this.metres = new Float64Array(n);
    this.parentEdge = new Int32Array(n);
    this.parentDir = new Uint8Array(n);
    this.seen = new Uint32Array(n);
    this.done = new Uint32Array(n);
  }
  next() {
    this.stamp++;
    this.queue.clear();
  }
}

const spaces = new WeakMap<Graph, SearchSpace>();
function spaceOf(g: Graph): SearchSpace {
  let s = spaces.get(g);
  if (!s) spaces.set(g, (s = new SearchSpace(g.vertexCount)));
  s.next();
  return s;
}

/** Costs of leaving a snapped point towards each end of its edge (null where closed). */
function startLegs(g: Graph, profile: Profile, s: Snap) {
  const [fwd, bwd] = g.cost[profile];
  const e = s.edge;
  const legs: { vertex: number; seconds: number; metres: number; dir: 0 | 1 }[] = [];
  if (fwd[e]! >= 0)
    legs.push({ vertex: g.target[e]!, seconds: (1 - s.fraction) * fwd[e]!, metres: (1 - s.fraction) * g.length[e]!, dir: 0 });
  if (bwd[e]! >= 0) legs.push({ vertex: g.source[e]!, seconds: s.fraction * bwd[e]!, metres: s.fraction * g.length[e]!, dir: 1 });
  return legs;
}

/** Costs of arriving at a snapped point from each end of its edge. */
function endLegs(g: Graph, profile: Profile, t: Snap) {
  const [fwd, bwd] = g.cost[profile];
  const e = t.edge;
  const legs: { vertex: number; seconds: number; metres: number; dir: 0 | 1 }[] = [];
  if (fwd[e]! >= 0) legs.push({ vertex: g.source[e]!, seconds: t.fraction * fwd[e]!, metres: t.fraction * g.length[e]!, dir: 0 });
  if (bwd[e]! >= 0)
    legs.push({ vertex: g.target[e]!, seconds: (1 - t.fraction) * bwd[e]!, metres: (1 - t.fraction) * g.length[e]!, dir: 1 });
  return legs;
}

/** Travelling along one edge from one snap to another, when both lie on it and the direction is open. */
function sameEdge(g: Graph, profile: Profile, s: Snap, t: Snap): Path | null {
  if (s.edge !== t.edge) return null;
  const e = s.edge;
  const forward = t.fraction >= s.fraction;
  const cost = g.cost[profile][forward ? 0 : 1][e]!;
  if (cost < 0) return null;
  const share = Math.abs(t.fraction - s.fraction);
  return {
    seconds: share * cost,
    metres: share * g.length[e]!,
    pieces: [{ edge: e, from: s.fraction, to: t.fraction, seconds: share * cost, metres: share * g.length[e]! }],
  };
}

function relax(g: Graph, profile: Profile, sp: SearchSpace, u: number, heuristic: (v: number) => number) {
  const [fwd, bwd] = g.cost[profile];
  for (let k = g.adjStart[u]!; k < g.adjStart[u + 1]!; k++) {
    const e = g.adjEdge[k]!;
    const dir = g.adjDir[k]!;
    const c = dir === 0 ? fwd[e]! : bwd[e]!;
    if (c < 0) continue;
    const v = dir === 0 ? g.target[e]! : g.source[e]!;
    if (sp.done[v] === sp.stamp) continue;
    const d = sp.dist[u]! + c;
    if (sp.seen[v] !== sp.stamp || d < sp.dist[v]!) {
      sp.seen[v] = sp.stamp;
      sp.dist[v] = d;
      sp.metres[v] = sp.metres[u]! + g.length[e]!;
      sp.parentEdge[v] = e;
      sp.parentDir[v] = dir;
      sp.queue.push(v, d + heuristic(v));
    }
  }
}

function seed(sp: SearchSpace, legs: ReturnType<typeof startLegs>, s: Snap, heuristic: (v: number) => number) {
  for (const leg of legs) {
    if (sp.seen[leg.vertex] === sp.stamp && sp.dist[leg.vertex]! <= leg.seconds) continue;
    sp.seen[leg.vertex] = sp.stamp;
    sp.dist[leg.vertex] = leg.seconds;
    sp.metres[leg.vertex] = leg.metres;
    sp.parentEdge[leg.vertex] = -1 - s.edge; // negative: the first, partial edge
    sp.parentDir[leg.vertex] = leg.dir;
    sp.queue.push(leg.vertex, leg.seconds + heuristic(leg.vertex));
  }
}

function trace(g: Graph, sp: SearchSpace, s: Snap, vertex: number): Piece[] {
  const pieces: Piece[] = [];
  let v = vertex;
  for (;;) {
    const pe = sp.parentEdge[v]!;
    const dir = sp.parentDir[v]!;
    if (pe < 0) {
      const e = -1 - pe;
      const to = dir === 0 ? 1 : 0;
      pieces.push({ edge: e, from: s.fraction, to, seconds: sp.dist[v]!, metres: sp.metres[v]! });
      break;
    }
    const u = dir === 0 ? g.source[pe]! : g.target[pe]!;
    pieces.push({
      edge: pe,
      from: dir === 0 ? 0 : 1,
      to: dir === 0 ? 1 : 0,
      seconds: sp.dist[v]! - sp.dist[u]!,
      metres: sp.metres[v]! - sp.metres[u]!,
    });
    v = u;
  }
  return pieces.reverse();
}

/** The fastest path between two snapped points, or null when none exists. */
export function route(g: Graph, profile: Profile, s: Snap, t: Snap): Path | null {
  const sp = spaceOf(g);
  const speed = maxSpeed(profile);
  const heuristic = (v: number) => haversineM(g.vertexLat[v]!, g.vertexLng[v]!, t.lat, t.lng) / speed;
  const arrivals = new Map<number, { seconds: number; metres: number; dir: 0 | 1 }>();
  for (const leg of endLegs(g, profile, t)) {
    const had = arrivals.get(leg.vertex);
    if (!had || leg.seconds < had.seconds) arrivals.set(leg.vertex, leg);
  }
  let best: Path | null = sameEdge(g, profile, s, t);
  let bestVertex = -1;
  let bestArrival: { seconds: number; metres: number; dir: 0 | 1 } | null = null;
  seed(sp, startLegs(g, profile, s), s, heuristic);
  while (sp.queue.length) {
    if (best && sp.queue.peekValue()! >= best.seconds) break;
    const u = sp.queue.pop()!;
    if (sp.done[u] === sp.stamp) continue;
    sp.done[u] = sp.stamp;
    const arrival = arrivals.get(u);
    if (arrival && (!best || sp.dist[u]! + arrival.seconds < best.seconds)) {
      best = { seconds: sp.dist[u]! + arrival.seconds, metres: sp.metres[u]! + arrival.metres, pieces: [] };
      bestVertex = u;
      bestArrival = arrival;
    }
    relax(g, profile, sp, u, heuristic);
  }
  if (!best) return null;
  if (bestVertex === -1) return best; // along the shared edge
  const pieces = trace(g, sp, s, bestVertex);
  pieces.push({
    edge: t.edge,
    from: bestArrival!.dir === 0 ? 0 : 1,
    to: t.fraction,
    seconds: bestArrival!.seconds,
    metres: bestArrival!.metres,
  });
  return { ...best, pieces: pieces.filter((p) => p.from !== p.to || p.metres > 0) };
}

/** Seconds and metres from one snapped point to each of many (Infinity where unreachable). */
export function oneToMany(g: Graph, profile: Profile, s: Snap, targets: Snap[]): { seconds: number; metres: number }[] {
  const sp = spaceOf(g);
  const zero = () => 0;
  const out = targets.map((t) => sameEdge(g, profile, s, t) ?? { seconds: Infinity, metres: Infinity });
  const waiting = new Map<number, { target: number; seconds: number; metres: number }[]>();
  for (const [i, t] of targets.entries()) {
    for (const leg of endLegs(g, profile, t)) waiting.set(leg.vertex, [...(waiting.get(leg.vertex) ?? []), { target: i, ...leg }]);
  }
  let open = waiting.size;
  seed(sp, startLegs(g, profile, s), s, zero);
  while (sp.queue.length && open > 0) {
    const u = sp.queue.pop()!;
    if (sp.done[u] === sp.stamp) continue;
    sp.done[u] = sp.stamp;
    const arrivals = waiting.get(u);
    if (arrivals) {
      open--;
      for (const a of arrivals) {
        const seconds = sp.dist[u]! + a.seconds;
        if (seconds < out[a.target]!.seconds) out[a.target] = { seconds, metres: sp.metres[u]! + a.metres };
      }
    }
    relax(g, profile, sp, u, zero);
  }
  return out.map((o) => ({ seconds: o.seconds, metres: o.metres }));
}

/** Vertex to vertex (no snapping): the figure pgr_dijkstra's agg_cost is compared with. */
export function vertexToVertex(g: Graph, profile: Profile, from: number, to: number): number | null {
  const sp = spaceOf(g);
  const speed = maxSpeed(profile);
  const heuristic = (v: number) => haversineM(g.vertexLat[v]!, g.vertexLng[v]!, g.vertexLat[to]!, g.vertexLng[to]!) / speed;
  sp.seen[from] = sp.stamp;
  sp.dist[from] = 0;
  sp.metres[from] = 0;
  sp.queue.push(from, heuristic(from));
  while (sp.queue.length) {
    const u = sp.queue.pop()!;
    if (sp.done[u] === sp.stamp) continue;
    sp.done[u] = sp.stamp;
    if (u === to) return sp.dist[u]!;
    relax(g, profile, sp, u, heuristic);
  }
  return null;
}
