/**
 * Directions to an address: where the user is (the phone's location), then the road route for
 * the chosen way of travelling (GET /v1/route), or the straight line with a sentence saying why.
 */
import { asApiError } from '../../common/api.js';
import { formatDistance, formatDuration } from '../../common/geo.js';
import { currentPosition, geoKey } from '../../shell/geolocate.js';
import { apiErrorMessage } from '../../common/messages.js';
import type { CodeLookup, RouteProfile } from '../../common/types.js';
import type { AppDeps } from '../../shell/panel-deps.js';
import { placePoint } from '../place/view.js';
import type { RouteFailure } from './view.js';

export type DirectionsActions = {
  openDirections(result: CodeLookup): void;
  locateForDirections(): void;
  /** another way to travel: the route is asked for again */
  setDirectionsProfile(profile: RouteProfile): void;
  /** the route request failed (network, server): ask again */
  retryRoute(): void;
  closeDirections(): void;
};

type Deps = Pick<AppDeps, 'api' | 'view' | 'setView' | 't' | 'lang' | 'announce' | 'camera' | 'flyTo'>;

export function createDirections(deps: Deps) {
  const { api, view, setView, t, camera } = deps;
  let routeSeq = 0;
  let routeAbort: AbortController | null = null;
  /** the way of travelling last chosen, for the next directions (motorbike, as most people travel) */
  let profile: RouteProfile = 'motorbike';

  async function locateForDirections() {
    const v = view();
    if (v.name !== 'directions') return;
    setView({ ...v, locating: true, geoError: null });
    try {
      const { point } = await currentPosition();
      const now = view();
      if (now.name !== 'directions') return;
      setView({ ...now, locating: false, from: point });
      const to = placePoint(now.result);
      camera((m) => m.fitPoints([point, to]));
      void requestRoute();
    } catch (error) {
      const now = view();
      if (now.name === 'directions') setView({ ...now, locating: false, geoError: geoKey(error) });
    }
  }

  function cancelRoute() {
    routeSeq++;
    routeAbort?.abort();
    routeAbort = null;
  }

  /**
   * The road route from where the user is to the address, for the chosen way of travelling. Off
   * the loaded road data, between ends it does not connect, or when the request fails, the
   * straight line stays, with a sentence that says why.
   */
  async function requestRoute() {
    const start = view();
    if (start.name !== 'directions' || !start.from) return;
    cancelRoute();
    const seq = routeSeq;
    const abort = (routeAbort = new AbortController());
    const { from, result, profile: travel } = start;
    const to = placePoint(result);
    const current = () => {
      const v = view();
      return v.name === 'directions' && seq === routeSeq ? v : null;
    };
    setView({ ...start, routing: true, route: null, routeError: null });
    try {
      const route = await api.route(from, result.code, travel, abort.signal);
      const v = current();
      if (!v) return;
      setView({ ...v, routing: false, route });
      camera((m) => m.fitPoints([from, to, ...route.geometry.coordinates.map(([lng, lat]) => ({ lat, lng }))]));
      const lang = deps.lang();
      deps.announce(
        t('directions.summary', { distance: formatDistance(route.distance, lang), duration: formatDuration(route.duration, lang) }),
      );
    } catch (error) {
      const v = current();
      if (!v) return;
      const e = asApiError(error);
      const type = e.status === 422 ? (e.problem.type ?? '') : '';
      const routeError: RouteFailure = type.endsWith('/off-network')
        ? { kind: 'off-network' }
        : type.endsWith('/no-route')
          ? { kind: 'no-route' }
          : { kind: 'failed', message: apiErrorMessage(e) };
      setView({ ...v, routing: false, routeError });
      camera((m) => m.fitPoints([from, to]));
      deps.announce(document.getElementById('directions-notice')?.textContent ?? '');
    } finally {
      if (routeAbort === abort) routeAbort = null;
    }
  }

  const actions: DirectionsActions = {
    openDirections(result) {
      const v = view();
      const mine = v.name === 'place' ? v.mine : null;
      cancelRoute();
      setView(
        {
          name: 'directions',
          result,
          mine,
          from: null,
          locating: true,
          geoError: null,
          profile,
          routing: false,
          route: null,
          routeError: null,
        },
        { focus: true },
      );
      void locateForDirections();
    },
    locateForDirections: () => void locateForDirections(),
    setDirectionsProfile(next) {
      const v = view();
      if (v.name !== 'directions' || v.profile === next) return;
      profile = next;
      setView({ ...v, profile: next });
      void requestRoute();
    },
    retryRoute: () => void requestRoute(),
    closeDirections() {
      const v = view();
      if (v.name !== 'directions') return;
      cancelRoute();
      setView({ name: 'place', result: v.result, mine: v.mine }, { focus: true });
      deps.flyTo(placePoint(v.result));
    },
  };

  return { actions };
}
