/**
 * What the rest of the app may ask of the map. The map module (and MapLibre with it) is loaded
 * with a dynamic import after the shell is on screen; this file holds only types, so importing
 * it pulls no map code into the first download.
 */
import type { LatLng } from '../common/geo.js';
import type { Polygon } from '../common/types.js';

export type MapStrings = { label: string; pin: string; target: string; you: string; zoomIn: string; zoomOut: string };

/**
 * What the map draws for directions: always where the user is; the road route's line ([lng, lat]
 * pairs) when there is one; else, when `straight`, the straight line to the address (while a route
 * is being looked for, neither).
 */
export type Directions = { from: LatLng; to: LatLng; route: [number, number][] | null; straight: boolean };

export type MapViewOptions = {
  container: HTMLElement;
  /** where the server's tiles are (the page's origin) */
  origin: string;
  /** an operator's external style (GET /v1 → map.styleUrl), used instead of the built-in one */
  styleUrl: string | null;
  strings: MapStrings;
  /** a tap or click on the map (not on a marker) */
  onTap: (point: LatLng) => void;
  /** the pin was dragged or moved with the keyboard, and let go */
  onPinMoved: (point: LatLng) => void;
  onError?: (error: unknown) => void;
};

export interface MapView {
  center(): LatLng;
  /** fly to a point, closer than now unless `zoom` says otherwise */
  flyTo(point: LatLng, zoom?: number): void;
  /** frame several points (directions, a route's line) */
  fitPoints(points: LatLng[]): void;
  /** outline of the H3 cell of the current code, or none */
  showCell(cell: Polygon | null): void;
  /** the draggable pin of the create flow, or none */
  setPin(point: LatLng | null): void;
  /** the fixed marker of a looked-up address, or none */
  setTarget(point: LatLng | null): void;
  /**
   * Directions: where the user is, and the road route when there is one (with short dashed links
   * from the user to its start and from its end to the address), or the straight line as a dashed
   * line. null removes all of it.
   */
  setDirections(directions: Directions | null): void;
  setStrings(strings: MapStrings): void;
  /** refresh registered addresses (after a registration) */
  refreshAddresses(): void;
  resize(): void;
}

export type CreateMapView = (options: MapViewOptions) => Promise<MapView>;
