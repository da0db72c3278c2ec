/**
 * The cost matrix of a delivery round when not every point is on the loaded roads. A round is a
 * day's work: one stop beyond the imported extract (or on a piece of road the rest does not reach)
 * must not refuse the other 29, so such a pair of points is joined by a straight line, and the
 * answer says so. Pure: the service snaps the points, this fills the matrix.
 */
import { haversineM } from '../lib/geo.js';
import type { Graph, Snap } from './graph.js';
import type { Profile } from './profiles.js';
import { oneToMany } from './router.js';

/**
 * km/h along a straight line, per profile: the pace of the slowest ordinary street each profile
 * uses (motorbike and car on a `service` road, 15 and 12 km/h; a walker's 5 km/h everywhere).
 * A straight line is shorter than any road (about 1.3× in a city), and what lies off the extract
 * (an alley, a dyke path, a ferry) is unknown: a slow pace makes the time err long rather than
 * promise a round that cannot be ridden, and keeps the solver from preferring a straight line to a
 * real road leg of the same length.
 */
export const STRAIGHT_LINE_KMH: Record<Profile, number> = { motorbike: 15, car: 12, foot: 5 };

/** Why a leg is a straight line: an end is off the roads, or the roads under both ends do not meet. */
export type StraightReason = 'off-road' | 'no-route';
export type Cost = { seconds: number; metres: number; straight: StraightReason | null };
type Point = { lat: number; lng: number };

/**
 * Where a leg touching point i starts or ends: the road under it when it is on the roads (so the
 * round's line stays one line with the road legs), else the point itself.
 */
export const legEnd = (points: Point[], snaps: (Snap | null)[], i: number): Point => snaps[i] ?? points[i]!;

export function straightLeg(profile: Profile, a: Point, b: Point, straight: StraightReason): Cost {
  const metres = haversineM(a.lat, a.lng, b.lat, b.lng);
  return { metres, seconds: metres / (STRAIGHT_LINE_KMH[profile] / 3.6), straight };
}

/** Travel costs between all points: road times where the roads join them, straight lines elsewhere. */
export function roundMatrix(g: Graph, profile: Profile, points: Point[], snaps: (Snap | null)[]): Cost[][] {
  const onRoad = snaps.flatMap((s, i) => (s ? [i] : []));
  const targets = onRoad.map((j) => snaps[j]!);
  const road = new Map(onRoad.map((i) => [i, oneToMany(g, profile, snaps[i]!, targets)]));
  const column = new Map(onRoad.map((j, k) => [j, k]));
  return points.map((_, i) =>
    points.map((_, j): Cost => {
      if (i === j) return { seconds: 0, metres: 0, straight: null };
      const [a, b] = [legEnd(points, snaps, i), legEnd(points, snaps, j)];
      if (!snaps[i] || !snaps[j]) return straightLeg(profile, a, b, 'off-road');
      const cell = road.get(i)![column.get(j)!]!;
      return Number.isFinite(cell.seconds) ? { ...cell, straight: null } : straightLeg(profile, a, b, 'no-route');
    }),
  );
}
