/**
 * Turns OSM ways into routable edges, in two passes over the input and little memory, so a
 * country extract fits a machine of a few GB:
 *   1. ways: keep each routable way's node references (one growing Float64Array) and an interned
 *      tag class and name; nothing per node yet;
 *   2. nodes: sort and count the references once, then keep coordinates only for referenced
 *      nodes (binary search into the sorted ids), stopping at the first way;
 *   3. cut every way at junctions (nodes used twice or more, and way ends) into edges.
 * Pure apart from the callbacks: the reader and the writer are passed in.
 */
import { edgeCosts, ROUTABLE_HIGHWAYS, type EdgeCosts } from '../../routing/profiles.js';
import { haversineM } from '../../lib/geo.js';

/** Tags that decide access, direction or speed; everything else about a way is dropped. */
const KEPT_TAGS = [
  'highway',
  'oneway',
  'oneway:motorcycle',
  'junction',
  'access',
  'vehicle',
  'motor_vehicle',
  'motorcycle',
  'motorcar',
  'foot',
  'maxspeed',
  'sidewalk',
];

export type BuiltEdge = {
  id: number;
  source: number;
  target: number;
  osmId: number;
  name: string | null;
  highway: string;
  lengthM: number;
  costs: EdgeCosts;
  coords: number[]; // [lng, lat, lng, lat, …] from source to target
};

class Growable {
  data = new Float64Array(1024);
  length = 0;
  push(x: number) {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = x;
  }
  view() {
    return this.data.subarray(0, this.length);
  }
}

function lowerBound(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createNetworkBuilder() {
  const wayIds = new Growable();
  const wayRefStart = new Growable();
  const refs = new Growable();
  const wayClass: number[] = [];
  const wayName: number[] = [];
  const classes: Record<string, string>[] = [];
  const classIndex = new Map<string, number>();
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const seenWays = new Set<number>(); // a way in two overlapping extracts counts once

  let nodeIds: Float64Array | null = null; // sorted, unique
  let useCount: Uint8Array | null = null;
  let lat: Float64Array | null = null;
  let lng: Float64Array | null = null;

  const intern = <T>(map: Map<string, number>, list: T[], key: string, value: T) => {
    let i = map.get(key);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      map.set(key, i);
    }
    return i;
  };

  return {
    /** Pass 1: every way of the file. */
    addWay(id: number, wayRefs: number[], tags: Record<string, string>) {
      if (!tags.highway || !ROUTABLE_HIGHWAYS.has(tags.highway) || wayRefs.length < 2 || tags.area === 'yes' || seenWays.has(id)) return;
      seenWays.add(id);
      const kept: Record<string, string> = {};
      for (const k of KEPT_TAGS) if (tags[k] !== undefined) kept[k] = tags[k]!;
      const costs = edgeCosts(kept, 1);
      if (Object.values(costs).every((c) => c.forward < 0 && c.backward < 0)) return;
      wayIds.push(id);
      wayRefStart.push(refs.length);
      for (const r of wayRefs) refs.push(r);
      wayClass.push(intern(classIndex, classes, JSON.stringify(kept), kept));
      const name = tags.name
        ? tags.name
            .normalize('NFC')
            .replace(/\u00d0/g, '\u0110')
            .trim()
        : '';
      wayName.push(name ? intern(nameIndex, names, name, name) : -1);
    },

    /** Between the passes: which nodes matter, and which are junctions. */
    indexNodes() {
      const sorted = Float64Array.from(refs.view()).sort();
      const ids = new Growable();
      const counts: number[] = [];
      for (let i = 0; i < sorted.length; i++) {
        if (i > 0 && sorted[i] === sorted[i - 1]) counts[counts.length - 1] = Math.min(255, counts[counts.length - 1]! + 1);
        else {
          ids.push(sorted[i]!);
          counts.push(1);
        }
      }
      nodeIds = Float64Array.from(ids.view());
      useCount = Uint8Array.from(counts);
      // way ends are vertices even when used once
      const starts = wayRefStart.view();
      for (let w = 0; w < starts.length; w++) {
        const first = starts[w]!;
        const last = (w + 1 < starts.length ? starts[w + 1]! : refs.length) - 1;
        for (const at of [first, last])
          useCount[lowerBound(nodeIds, refs.data[at]!)] = Math.max(2, useCount[lowerBound(nodeIds, refs.data[at]!)]!);
      }
      lat = new Float64Array(nodeIds.length).fill(Number.NaN);
      lng = new Float64Array(nodeIds.length).fill(Number.NaN);
      return { ways: starts.length, nodes: nodeIds.length };
    },

    /** Pass 2: every node of the file. */
    addNode(id: number, nodeLat: number, nodeLng: number) {
      const i = lowerBound(nodeIds!, id);
      if (i < nodeIds!.length && nodeIds![i] === id) {
        lat![i] = nodeLat;
        lng![i] = nodeLng;
      }
    },

    /** Pass 3: cut ways into edges; a missing node (outside the extract) cuts the way too. */
    *edges(): Generator<BuiltEdge> {
      const vertexOf = new Int32Array(nodeIds!.length).fill(-1);
      let nextVertex = 1; // pgRouting wants positive vertex ids
      let nextEdge = 1;
      const vertex = (nodeIndex: number) => (vertexOf[nodeIndex] === -1 ? (vertexOf[nodeIndex] = nextVertex++) : vertexOf[nodeIndex]!);
      const starts = wayRefStart.view();
      for (let w = 0; w < starts.length; w++) {
        const first = starts[w]!;
        const end = w + 1 < starts.length ? starts[w + 1]! : refs.length;
        const tags = classes[wayClass[w]!]!;
        let coords: number[] = [];
        let length = 0;
        let sourceNode = -1;
        let previous = -1;
        for (let r = first; r < end; r++) {
          const n = lowerBound(nodeIds!, refs.data[r]!);
          if (Number.isNaN(lat![n]!)) {
            // unknown node: the piece so far ends at the previous node
            if (sourceNode !== -1 && previous !== -1 && previous !== sourceNode && coords.length >= 4) {
              yield edge(sourceNode, previous, coords, length);
            }
            sourceNode = -1;
            previous = -1;
            coords = [];
            length = 0;
            continue;
          }
          if (previous !== -1) length += haversineM(lat![previous]!, lng![previous]!, lat![n]!, lng![n]!);
          coords.push(lng![n]!, lat![n]!);
          if (sourceNode === -1) {
            sourceNode = n;
            useCount![n] = Math.max(2, useCount![n]!); // a piece's start is a vertex
          } else if (useCount![n]! >= 2 || r === end - 1) {
            if (n !== sourceNode || length > 0) yield edge(sourceNode, n, coords, length);
            sourceNode = n;
            coords = [lng![n]!, lat![n]!];
            length = 0;
          }
          previous = n;
        }
        function edge(s: number, t: number, c: number[], len: number): BuiltEdge {
          return {
            id: nextEdge++,
            source: vertex(s),
            target: vertex(t),
            osmId: wayIds.data[w]!,
            name: wayName[w]! >= 0 ? names[wayName[w]!]! : null,
            highway: tags.highway!,
            lengthM: len,
            costs: edgeCosts(tags, len),
            coords: c,
          };
        }
      }
    },
  };
}
