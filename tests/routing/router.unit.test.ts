import { describe, expect, it } from 'vitest';
import { buildGraph, snap, type Graph } from '../../server/routing/graph.js';
import { PROFILES, type Profile } from '../../server/routing/profiles.js';
import { oneToMany, route, vertexToVertex } from '../../server/routing/router.js';
import { buildSteps, joinLines, pieceLines } from '../../server/routing/steps.js';
import { syntheticGrid } from '../support/synthetic-grid.js';

/** Textbook Dijkstra with a linear scan: slow, obviously right, shares no code with the router. */
function reference(g: Graph, profile: Profile, from: number): Float64Array {
  const dist = new Float64Array(g.vertexCount).fill(Infinity);
  const done = new Uint8Array(g.vertexCount);
  dist[from] = 0;
  for (;;) {
    let u = -1;
    for (let v = 0; v < g.vertexCount; v++) if (!done[v] && dist[v]! < Infinity && (u === -1 || dist[v]! < dist[u]!)) u = v;
    if (u === -1) return dist;
    done[u] = 1;
    for (let e = 0; e < g.edgeCount; e++) {
      const [fwd, bwd] = [g.cost[profile][0][e]!, g.cost[profile][1][e]!];
      if (g.source[e] === u && fwd >= 0) dist[g.target[e]!] = Math.min(dist[g.target[e]!]!, dist[u]! + fwd);
      if (g.target[e] === u && bwd >= 0) dist[g.source[e]!] = Math.min(dist[g.source[e]!]!, dist[u]! + bwd);
    }
  }
}

const g = buildGraph(syntheticGrid(12, 12, { seed: 7 }));

describe('router on a 12×12 grid with one-way streets and footpaths', () => {
  it('finds the same vertex-to-vertex optimum as a textbook Dijkstra, for every profile', () => {
    for (const profile of PROFILES) {
      for (const from of [0, 17, 77, 143]) {
        const ref = reference(g, profile, from);
        for (let to = 0; to < g.vertexCount; to += 7) {
          const got = vertexToVertex(g, profile, from, to);
          if (ref[to] === Infinity) expect(got).toBeNull();
          else expect(got).toBeCloseTo(ref[to]!, 6);
        }
      }
    }
  });

  it('routes between points snapped onto edges, and one-to-many agrees with single routes', () => {
    const p = (i: number) => ({ lat: 21.0 + (((i * 37) % 100) / 100) * 0.0075, lng: 105.8 + (((i * 53) % 100) / 100) * 0.0085 });
    for (const profile of PROFILES) {
      const snaps = Array.from({ length: 8 }, (_, i) => snap(g, profile, p(i).lat, p(i).lng, 100)!);
      expect(snaps.every(Boolean)).toBe(true);
      const many = oneToMany(g, profile, snaps[0]!, snaps);
      snaps.forEach((t, i) => {
        const single = route(g, profile, snaps[0]!, t);
        expect(single?.seconds ?? Infinity).toBeCloseTo(many[i]!.seconds, 6);
        if (single) {
          // the pieces add up, and the line is continuous from start to end
          expect(single.pieces.reduce((s, x) => s + x.seconds, 0)).toBeCloseTo(single.seconds, 6);
          const line = joinLines(pieceLines(g, single));
          expect(line[0]![0]).toBeCloseTo(snaps[0]!.lng, 9);
          expect(line[line.length - 1]![1]).toBeCloseTo(t.lat, 9);
        }
      });
    }
  });

  it('never drives against a one-way street, and walks where cars may not', () => {
    const oneway = [...Array(g.edgeCount).keys()].find((e) => g.cost.car[1][e]! < 0 && g.cost.car[0][e]! >= 0)!;
    const s = snap(g, 'car', g.vertexLat[g.target[oneway]!]!, g.vertexLng[g.target[oneway]!]!, 5)!;
    const car = vertexToVertex(g, 'car', g.target[oneway]!, g.source[oneway]!)!;
    expect(car).toBeGreaterThan(g.cost.car[0][oneway]! * 1.5); // had to go round the block
    expect(vertexToVertex(g, 'foot', g.target[oneway]!, g.source[oneway]!)).toBeCloseTo(g.cost.foot[1][oneway]!, 6);
    expect(s).not.toBeNull();
    const footway = [...Array(g.edgeCount).keys()].find((e) => g.highway[e] === 'footway')!;
    expect(snap(g, 'car', ...midpoint(g, footway), 1)?.edge).not.toBe(footway);
    expect(snap(g, 'foot', ...midpoint(g, footway), 1)?.edge).toBe(footway);
  });

  it('writes Vietnamese and English turn instructions with street names', () => {
    const s = snap(g, 'motorbike', 21.0, 105.8005, 50)!;
    const t = snap(g, 'motorbike', 21.0068, 105.8075, 50)!;
    const path = route(g, 'motorbike', s, t)!;
    const steps = buildSteps(g, path, pieceLines(g, path));
    expect(steps[0]!.type).toBe('depart');
    expect(steps[0]!.instruction).toMatch(/^Đi về hướng .+ trên Phố (Ngang|Dọc) \d+$/);
    expect(steps.at(-1)).toMatchObject({ type: 'arrive', instruction: 'Đến nơi' });
    const turns = steps.filter((x) => x.type === 'turn');
    expect(turns.length).toBeGreaterThan(0);
    for (const turn of turns) expect(turn.instruction).toMatch(/^(Rẽ|Chếch|Quay đầu).* vào (Phố|Ngõ|đường không tên)/);
    expect(steps.slice(0, -1).reduce((sum, x) => sum + x.distance, 0)).toBeCloseTo(path.metres, 0);
  });
});

function midpoint(graph: Graph, e: number): [number, number] {
  const k = graph.coordStart[e]!;
  return [(graph.coords[k + 1]! + graph.coords[k + 3]!) / 2, (graph.coords[k]! + graph.coords[k + 2]!) / 2];
}
