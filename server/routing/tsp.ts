/**
 * The order of a delivery round: visit every stop once, from the start to the end (or back to the
 * start), at least total cost. Costs come as a matrix and may be asymmetric (one-way streets).
 *
 * - Up to EXACT_LIMIT stops: Held–Karp dynamic programming, the optimum (2^n·n² steps).
 * - Beyond: cheapest insertion and farthest insertion as starting tours, each improved by local
 *   search (2-opt with O(1) asymmetric move evaluation through prefix sums, Or-opt moves of 1–3
 *   stops, reversed or not) until no move helps, then iterated local search: a double-bridge kick
 *   and local search again, keeping the best, for a bounded number of rounds. Deterministic.
 * Node 0 is the start; nodes 1…m the stops; `end` is 0 (back to the start) or m+1.
 */

import { seededRandom } from '../lib/seeded-random.js';

export const EXACT_LIMIT = 12;

export type Round = { order: number[]; cost: number };

export function tourCost(matrix: number[][], order: number[], end: number): number {
  let cost = 0;
  let at = 0;
  for (const s of order) {
    cost += matrix[at]![s]!;
    at = s;
  }
  return cost + matrix[at]![end]!;
}

function heldKarp(matrix: number[][], stops: number[], end: number): number[] {
  const m = stops.length;
  const full = (1 << m) - 1;
  const dp = new Float64Array((full + 1) * m).fill(Infinity);
  const parent = new Int8Array((full + 1) * m).fill(-1);
  for (let j = 0; j < m; j++) dp[(1 << j) * m + j] = matrix[0]![stops[j]!]!;
  for (let mask = 1; mask <= full; mask++) {
    for (let j = 0; j < m; j++) {
      const here = dp[mask * m + j]!;
      if (!(mask & (1 << j)) || here === Infinity) continue;
      for (let k = 0; k < m; k++) {
        if (mask & (1 << k)) continue;
        const next = mask | (1 << k);
        const c = here + matrix[stops[j]!]![stops[k]!]!;
        if (c < dp[next * m + k]!) {
          dp[next * m + k] = c;
          parent[next * m + k] = j;
        }
      }
    }
  }
  let best = -1;
  let bestCost = Infinity;
  for (let j = 0; j < m; j++) {
    const c = dp[full * m + j]! + matrix[stops[j]!]![end]!;
    if (c < bestCost) [best, bestCost] = [j, c];
  }
  const order: number[] = [];
  let mask = full;
  for (let j = best; j !== -1;) {
    order.push(stops[j]!);
    const p = parent[mask * m + j]!;
    mask &= ~(1 << j);
    j = p;
  }
  return order.reverse();
}

function insertion(matrix: number[][], stops: number[], end: number, farthest: boolean): number[] {
  const tour = [0, end];
  const left = new Set(stops);
  while (left.size) {
    let pick = -1;
    let pickAt = -1;
    let pickKey = farthest ? -Infinity : Infinity;
    for (const s of left) {
      let bestAt = -1;
      let bestDelta = Infinity;
      for (let i = 0; i + 1 < tour.length; i++) {
        const d = matrix[tour[i]!]![s]! + matrix[s]![tour[i + 1]!]! - matrix[tour[i]!]![tour[i + 1]!]!;
        if (d < bestDelta) [bestAt, bestDelta] = [i, d];
      }
      // farthest insertion picks the stop whose cheapest insertion is dearest (it shapes the tour early)
      if (farthest ? bestDelta > pickKey : bestDelta < pickKey) [pick, pickAt, pickKey] = [s, bestAt, bestDelta];
    }
    tour.splice(pickAt + 1, 0, pick);
    left.delete(pick);
  }
  return tour.slice(1, -1);
}

/** Local search on the full sequence [0, …stops, end] with both ends fixed. */
function improve(matrix: number[][], seq: number[]): number[] {
  const n = seq.length;
  const c = (a: number, b: number) => matrix[seq[a]!]![seq[b]!]!;
  let improved = true;
  while (improved) {
    improved = false;
    // 2-opt: reverse seq[i..j]; internal cost forward vs backward from prefix sums
    const fwd = new Float64Array(n);
    const bwd = new Float64Array(n);
    for (let k = 1; k < n; k++) {
      fwd[k] = fwd[k - 1]! + c(k - 1, k);
      bwd[k] = bwd[k - 1]! + c(k, k - 1);
    }
    twoOpt: for (let i = 1; i < n - 2; i++) {
      for (let j = i + 1; j < n - 1; j++) {
        const before = c(i - 1, i) + (fwd[j]! - fwd[i]!) + c(j, j + 1);
        const after = c(i - 1, j) + (bwd[j]! - bwd[i]!) + c(i, j + 1);
        if (after < before - 1e-9) {
          const mid = seq.slice(i, j + 1).reverse();
          seq.splice(i, mid.length, ...mid);
          improved = true;
          break twoOpt;
        }
      }
    }
    if (improved) continue;
    // Or-opt: move seq[i..i+len-1] between seq[k] and seq[k+1], as it is or reversed
    orOpt: for (let len = 1; len <= 3; len++) {
      for (let i = 1; i + len < n; i++) {
        const a = i,
          b = i + len - 1;
        const internal = (reversed: boolean) => {
          let s = 0;
          for (let t = a; t < b; t++) s += reversed ? c(t + 1, t) : c(t, t + 1);
          return s;
        };
        const removed = c(a - 1, a) + c(b, b + 1) - c(a - 1, b + 1);
        const inside = internal(false);
        const insideRev = internal(true);
        for (let k = 0; k < n - 1; k++) {
          if (k >= a - 1 && k <= b) continue;
          const base = c(k, k + 1);
          const straight = c(k, a) + inside + c(b, k + 1) - base;
          const flipped = c(k, b) + insideRev + c(a, k + 1) - base;
          const gain = removed + inside - Math.min(straight, flipped);
          if (gain > 1e-9) {
            const segment = seq.slice(a, b + 1);
            if (flipped < straight) segment.reverse();
            seq.splice(a, len);
            const at = k < a ? k + 1 : k + 1 - len;
            seq.splice(at, 0, ...segment);
            improved = true;
            break orOpt;
          }
        }
      }
    }
  }
  return seq;
}

export function solveRound(matrix: number[][], stopCount: number, end: number, { kicks = 300 }: { kicks?: number } = {}): Round {
  const stops = Array.from({ length: stopCount }, (_, i) => i + 1);
  if (stopCount === 0) return { order: [], cost: tourCost(matrix, [], end) };
  if (stopCount <= EXACT_LIMIT) {
    const order = heldKarp(matrix, stops, end);
    return { order, cost: tourCost(matrix, order, end) };
  }
  const rand = seededRandom(stopCount * 7919 + end);
  let best: Round | null = null;
  for (const farthest of [false, true]) {
    const seq = improve(matrix, [0, ...insertion(matrix, stops, end, farthest), end]);
    const cost = tourCost(matrix, seq.slice(1, -1), end);
    if (!best || cost < best.cost) best = { order: seq.slice(1, -1), cost };
  }
  // iterated local search: double-bridge kick of the best tour, improve, keep if better
  for (let k = 0; k < kicks && stopCount >= 8; k++) {
    const o = best!.order;
    const cut = [1 + Math.floor(rand() * (o.length - 3)), 0, 0];
    cut[1] = cut[0]! + 1 + Math.floor(rand() * (o.length - cut[0]! - 2));
    cut[2] = cut[1]! + 1 + Math.floor(rand() * (o.length - cut[1]! - 1));
    const [p, q, r] = cut as [number, number, number];
    const kicked = [...o.slice(0, p), ...o.slice(q, r), ...o.slice(p, q), ...o.slice(r)];
    const seq = improve(matrix, [0, ...kicked, end]);
    const cost = tourCost(matrix, seq.slice(1, -1), end);
    if (cost < best!.cost - 1e-9) best = { order: seq.slice(1, -1), cost };
  }
  return best!;
}
