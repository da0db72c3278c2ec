/**
 * Directions and delivery rounds over the in-memory road graph. The graph is read from
 * `road_edges` on first use and reloaded when an import bumps the 'roads' version (checked at most
 * every 30 s), so the same design serves PostgreSQL and the embedded database; pgRouting is only
 * the oracle in tests and benchmarks.
 */
import type { z } from 'zod';
import type { Viewer } from '../accounts/viewer.js';
import { encode } from '../codes/codec.js';
import { outsideCoverage, type CodesService } from '../codes/service.js';
import { Problem } from '../http/problem.js';
import { buildGraph, snap, type Graph, type Snap } from './graph.js';
import { haversineM, round7 } from '../lib/geo.js';
import type { Profile } from './profiles.js';
import type { RoadsRepository } from './repository.js';
import { LAT_LNG_TEXT, type Directions, type PointBody, type Round } from './schemas.js';
import { legEnd, roundMatrix, straightLeg } from './off-road.js';
import { route, type Path } from './router.js';
import { buildSteps, joinLines, pieceLines, type Step } from './steps.js';
import { EXACT_LIMIT, solveRound } from './tsp.js';

/** A point as a request names it (schemas.ts, PointBody): an address code or "lat,lng", or {lat, lng}. */
export type PointInput = z.infer<typeof PointBody>;
type Resolved = { lat: number; lng: number; code: string | null };

const round1 = (x: number) => Math.round(x * 10) / 10;

export function createRoutingService({
  repo,
  codes,
  maxSnapM = 250,
  recheckMs = 30_000,
}: {
  repo: RoadsRepository;
  codes: CodesService;
  maxSnapM?: number;
  recheckMs?: number;
}) {
  let current: { version: number; graph: Graph } | null = null;
  let loading: Promise<{ version: number; graph: Graph }> | null = null;
  let lastCheck = 0;

  const load = () =>
    (loading ??= (async () => {
      const version = await repo.version();
      const graph = buildGraph(await repo.edges());
      lastCheck = Date.now();
      return (current = { version, graph });
    })().finally(() => (loading = null)));

  async function graph(): Promise<Graph> {
    if (!current) return (await load()).graph;
    if (Date.now() - lastCheck > recheckMs && !loading) {
      lastCheck = Date.now();
      repo.version().then(
        (v) => (v !== current!.version ? load() : undefined),
        () => undefined,
      );
    }
    return current.graph;
  }

  async function resolve(input: PointInput, viewer: Viewer | null): Promise<Resolved> {
    if (typeof input !== 'string') return { lat: input.lat, lng: input.lng, code: null };
    const latLng = LAT_LNG_TEXT.exec(input);
    if (latLng) return { lat: Number(latLng[1]), lng: Number(latLng[2]), code: null };
    const { code, unit } = await codes.parseOrThrow(input);
    const found = await codes.lookup(code, unit, viewer);
    // a registered address routes to the point its household chose; any other code to its cell's centre
    const point = found.registered && found.address ? found.address.point : { lat: found.lat, lng: found.lng };
    return { ...point, code: found.code };
  }

  function describePath(g: Graph, path: Path): Pick<z.infer<typeof Directions>, 'distance' | 'duration' | 'geometry'> & { steps: Step[] } {
    const lines = pieceLines(g, path);
    return {
      distance: round1(path.metres),
      duration: round1(path.seconds),
      geometry: { type: 'LineString', coordinates: joinLines(lines).map(([x, y]) => [round7(x!), round7(y!)]) },
      steps: buildSteps(g, path, lines),
    };
  }

  const offNetwork = (which: string, straightLine: number) =>
    new Problem(
      422,
      'off-network',
      'Point off the road network',
      `The ${which} point is more than ${maxSnapM} m from any road this profile may use (only the loaded OpenStreetMap extracts are routable). Straight-line distance: ${Math.round(straightLine)} m.`,
      { point: which, straightLine: Math.round(straightLine) },
    );

  return {
    graph,
    warm: async () => void (await graph()),

    async route(
      fromInput: PointInput,
      toInput: PointInput,
      profile: Profile,
      viewer: Viewer | null = null,
    ): Promise<z.infer<typeof Directions>> {
      const [from, to, g] = await Promise.all([resolve(fromInput, viewer), resolve(toInput, viewer), graph()]);
      const straightLine = haversineM(from.lat, from.lng, to.lat, to.lng);
      const s = snap(g, profile, from.lat, from.lng, maxSnapM);
      if (!s) throw offNetwork('from', straightLine);
      const t = snap(g, profile, to.lat, to.lng, maxSnapM);
      if (!t) throw offNetwork('to', straightLine);
      const path = route(g, profile, s, t);
      if (!path) {
        throw new Problem(
          422,
          'no-route',
          'No route',
          `The roads near the two points are not connected for ${profile} (one-way streets or a network cut at the extract's edge). Straight-line distance: ${Math.round(straightLine)} m.`,
          { straightLine: Math.round(straightLine) },
        );
      }
      return {
        profile,
        ...describePath(g, path),
        from: {
          lat: from.lat,
          lng: from.lng,
          code: from.code,
          snapped: { lat: round7(s.lat), lng: round7(s.lng), distance: round1(s.distanceM) },
        },
        to: { lat: to.lat, lng: to.lng, code: to.code, snapped: { lat: round7(t.lat), lng: round7(t.lng), distance: round1(t.distanceM) } },
        straightLine: round1(straightLine),
      };
    },

    async optimize(
      input: { start: PointInput; stops: PointInput[]; end?: PointInput; profile: Profile },
      viewer: Viewer | null = null,
    ): Promise<z.infer<typeof Round>> {
      const g = await graph();
      const label = (i: number) => (i === 0 ? 'start' : i <= input.stops.length ? `stops[${i - 1}]` : 'end');
      // a mistyped code among 100 stops says which one it is
      const named = (i: number) => (e: unknown) => {
        throw e instanceof Problem && e.status === 400
          ? new Problem(400, e.type, e.title, `${label(i)}: ${e.detail ?? e.title}`, { ...e.extra, point: label(i) })
          : e;
      };
      const points = await Promise.all(
        [input.start, ...input.stops, ...(input.end !== undefined ? [input.end] : [])].map((p, i) => resolve(p, viewer).catch(named(i))),
      );
      // a point outside the codes' coverage is a mistake (0,0, a point abroad), not a far stop to reach by a
      // straight line thousands of kilometres long: the round names it instead of answering with that line
      points.forEach((p, i) => {
        if (encode(p.lat, p.lng) === null) {
          const outside = outsideCoverage(p.lat, p.lng);
          throw new Problem(422, outside.type, outside.title, `${label(i)}: ${outside.detail}`, { point: label(i) });
        }
      });
      // a point with no road within maxSnapM is not refused: every leg to or from it is a straight line (off-road.ts)
      const snaps: (Snap | null)[] = points.map((p) => snap(g, input.profile, p.lat, p.lng, maxSnapM));
      const matrixStarted = performance.now();
      const costs = roundMatrix(g, input.profile, points, snaps);
      const matrixMs = performance.now() - matrixStarted;
      const m = input.stops.length;
      const end = input.end !== undefined ? m + 1 : 0;
      const solveStarted = performance.now();
      const round = solveRound(
        costs.map((row) => row.map((c) => c.seconds)),
        m,
        end,
        { kicks: 150 },
      );
      const solveMs = performance.now() - solveStarted;
      const visit = [0, ...round.order, end];
      const legs: z.infer<typeof Round>['legs'] = [];
      const lines: number[][][] = [];
      for (let i = 0; i + 1 < visit.length; i++) {
        const [a, b] = [visit[i]!, visit[i + 1]!];
        const leg = { from: label(a), to: label(b) };
        const path = costs[a]![b]!.straight ? null : route(g, input.profile, snaps[a]!, snaps[b]!);
        if (path) {
          legs.push({ ...leg, distance: round1(path.metres), duration: round1(path.seconds), straightLine: false });
          lines.push(...pieceLines(g, path));
          continue;
        }
        // the matrix said so, or (never seen) A* disagrees with the matrix's Dijkstra: a straight line, not a failed round
        const [p, q] = [legEnd(points, snaps, a), legEnd(points, snaps, b)];
        const straight = costs[a]![b]!.straight ?? 'no-route';
        const cost = straightLeg(input.profile, p, q, straight);
        const geometry = { type: 'LineString' as const, coordinates: [p, q].map(({ lat, lng }) => [round7(lng), round7(lat)]) };
        legs.push({
          ...leg,
          distance: round1(cost.metres),
          duration: round1(cost.seconds),
          straightLine: true,
          reason: straight,
          geometry,
        });
        lines.push([p, q].map(({ lat, lng }) => [lng, lat]));
      }
      return {
        profile: input.profile,
        order: round.order.map((i) => i - 1),
        legs,
        distance: round1(legs.reduce((s, l) => s + l.distance, 0)),
        duration: round1(legs.reduce((s, l) => s + l.duration, 0)),
        geometry: { type: 'LineString' as const, coordinates: joinLines(lines).map(([x, y]) => [round7(x!), round7(y!)]) },
        offRoad: snaps.flatMap((s, i) => (s ? [] : [label(i)])),
        method: m <= EXACT_LIMIT ? ('exact' as const) : ('heuristic' as const),
        timings: { matrixMs: round1(matrixMs), solveMs: round1(solveMs) },
      };
    },
  };
}
export type RoutingService = ReturnType<typeof createRoutingService>;
