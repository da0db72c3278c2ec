import { describe, expect, it } from 'vitest';
import { createNetworkBuilder } from '../../../server/ingest/osm/network-builder.js';

/** A plus-shaped crossing: way 1 runs west–east through node 3, way 2 south–north through it; way 3 is a building. */
function build(nodes: [number, number, number][], ways: [number, number[], Record<string, string>][]) {
  const b = createNetworkBuilder();
  for (const [id, refs, tags] of ways) b.addWay(id, refs, tags);
  b.indexNodes();
  for (const [id, lat, lng] of nodes) b.addNode(id, lat, lng);
  return [...b.edges()];
}

const nodes: [number, number, number][] = [
  [1, 21.0, 105.0],
  [2, 21.0, 105.001],
  [3, 21.0, 105.002],
  [4, 21.0, 105.003],
  [5, 20.999, 105.002],
  [6, 21.001, 105.002],
];

describe('network builder', () => {
  it('cuts ways at junctions and ends, keeps names, lengths and per-profile costs, and skips what nobody may use', () => {
    const edges = build(nodes, [
      [1, [1, 2, 3, 4], { highway: 'residential', name: 'Phố Quốc Tử Giám', oneway: 'yes' }],
      [2, [5, 3, 6], { highway: 'footway' }],
      [3, [1, 2, 4, 1], { building: 'yes' }],
      [4, [5, 6], { highway: 'proposed' }],
    ]);
    expect(edges).toHaveLength(4); // way 1 cut at node 3, way 2 cut at node 3
    const [a, b] = edges.filter((e) => e.osmId === 1);
    expect(a!.target).toBe(b!.source); // joined at the crossing
    expect(a!.coords).toHaveLength(6); // nodes 1, 2, 3
    expect(a!.lengthM).toBeCloseTo(207.8, 0); // 0.002° of longitude at 21° N
    expect(a!.name).toBe('Phố Quốc Tử Giám');
    expect(a!.costs.car.backward).toBe(-1);
    const footway = edges.filter((e) => e.osmId === 2);
    expect(footway.every((e) => e.costs.car.forward === -1 && e.costs.foot.forward > 0)).toBe(true);
    expect(new Set(edges.map((e) => e.id)).size).toBe(4);
  });

  it('ends a piece where a node is missing (a way leaving the extract), and counts a way met twice once', () => {
    const edges = build(
      nodes.filter(([id]) => id !== 4),
      [
        [1, [1, 2, 3, 4], { highway: 'residential' }],
        [1, [1, 2, 3, 4], { highway: 'residential' }],
      ],
    );
    expect(edges).toHaveLength(1);
    expect(edges[0]!.coords).toHaveLength(6);
  });
});
