/** The view of this screen (directions to an address): what the panel shows; the controller changes it. */
import type { LatLng } from '../../common/geo.js';
import type { Message } from '../../i18n/household.js';
import type { CodeLookup, Route, RouteProfile } from '../../common/types.js';
import type { MessageKey } from '../../i18n/household.js';

/**
 * Why there is no road route, so the straight line stands in: a point off the loaded road network,
 * two ends it does not connect, or the request failed (network, server).
 */
export type RouteFailure = { kind: 'off-network' | 'no-route' } | { kind: 'failed'; message: Message };

export type DirectionsView = {
  name: 'directions';
  result: CodeLookup;
  mine: null | { created: boolean };
  /** where the user is, once known */
  from: LatLng | null;
  locating: boolean;
  geoError: MessageKey | null;
  profile: RouteProfile;
  /** a GET /v1/route is under way */
  routing: boolean;
  route: Route | null;
  routeError: RouteFailure | null;
};
