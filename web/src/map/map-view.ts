/**
 * The map, loaded after the shell (dynamic import): MapLibre with the server's vector tiles,
 * the cell outline, the draggable pin, the address marker, and directions: the road route's line,
 * or the straight line when there is no route.
 */
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { LatLng } from '../common/geo.js';
import type { Polygon } from '../common/types.js';
import { createLabelOverlay } from './labels.js';
import { ADDRESS_LAYER, buildStyle } from './style.js';
import type { Directions, MapStrings, MapView, MapViewOptions } from './types.js';

maplibregl.setWorkerUrl(workerUrl);

/** Vietnam with Hoàng Sa and Trường Sa, which a map shown in Vietnam must include. */
const VIETNAM: [[number, number], [number, number]] = [
  [102.1, 7.2],
  [116.5, 23.4],
];
/** Sources of the built-in map's data; the full list with licences is on /about. */
const ATTRIBUTION = '© OpenStreetMap · Natural Earth · bando.com.vn';
/** From this zoom a 2.7 m cell is a visible hexagon (~10 px) with streets around it. */
const CELL_ZOOM = 19;
/** About one cell edge, the step of the pin under the arrow keys. */
const NUDGE_METERS = 1.5;
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const EMPTY = { type: 'FeatureCollection', features: [] } as const;
/** The road route: a source and two line layers (a white casing under the blue line), there only while a route is shown. */
const ROUTE_SOURCE = 'app-route';
const ROUTE_LAYERS = ['app-route-casing', 'app-route'] as const;
/** Shorter than this, the walk from the user to the route's start (or from its end to the address) is not drawn. */
const LINK_MIN_METERS = 3;

const SVG = 'http://www.w3.org/2000/svg';
function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  return el;
}

function pinElement(kind: 'pin' | 'target' | 'you'): HTMLElement {
  const el = document.createElement('div');
  el.className = `map-marker map-marker--${kind}`;
  if (kind === 'you') return el;
  // a 48 px touch target around a 30×40 pin whose tip is the point
  const icon = svg('svg', { viewBox: '0 0 30 40', width: '30', height: '40', 'aria-hidden': 'true', focusable: 'false' });
  icon.append(
    svg('path', { d: 'M15 39C15 39 28 23.5 28 14A13 13 0 0 0 2 14C2 23.5 15 39 15 39Z', stroke: '#fff', 'stroke-width': '2' }),
    svg('circle', { cx: '15', cy: '14', r: '5', fill: '#fff' }),
  );
  el.append(icon);
  return el;
}

function addOverlayLayers(map: MaplibreMap) {
  map.addSource('app-cell', { type: 'geojson', data: EMPTY });
  map.addSource('app-line', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'app-cell-fill', type: 'fill', source: 'app-cell', paint: { 'fill-color': '#2563eb', 'fill-opacity': 0.18 } });
  map.addLayer({ id: 'app-cell-line', type: 'line', source: 'app-cell', paint: { 'line-color': '#1d4ed8', 'line-width': 3 } });
  map.addLayer({
    id: 'app-line',
    type: 'line',
    source: 'app-line',
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#1d4ed8', 'line-width': 4, 'line-dasharray': [2, 1.5] },
  });
}

const lineFeature = (coordinates: number[][]) => ({
  type: 'Feature' as const,
  geometry: { type: 'LineString' as const, coordinates },
  properties: {},
});
const roughMeters = (a: number[], b: number[]) =>
  Math.hypot((a[1]! - b[1]!) * 111_320, (a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180));

/** Draws the route, replacing the one drawn before, under the dashed lines and the markers. */
function showRoute(map: MaplibreMap, line: [number, number][]) {
  const data = lineFeature(line);
  const existing = map.getSource(ROUTE_SOURCE) as GeoJSONSource | undefined;
  if (existing) {
    void existing.setData(data);
    return;
  }
  map.addSource(ROUTE_SOURCE, { type: 'geojson', data });
  const layout = { 'line-cap': 'round', 'line-join': 'round' } as const;
  map.addLayer(
    { id: ROUTE_LAYERS[0], type: 'line', source: ROUTE_SOURCE, layout, paint: { 'line-color': '#ffffff', 'line-width': 10 } },
    'app-line',
  );
  map.addLayer(
    { id: ROUTE_LAYERS[1], type: 'line', source: ROUTE_SOURCE, layout, paint: { 'line-color': '#1d4ed8', 'line-width': 6 } },
    'app-line',
  );
}

function removeRoute(map: MaplibreMap) {
  for (const id of ROUTE_LAYERS) if (map.getLayer(id)) map.removeLayer(id);
  if (map.getSource(ROUTE_SOURCE)) map.removeSource(ROUTE_SOURCE);
}

export async function createMapView({
  container,
  origin,
  styleUrl,
  strings,
  onTap,
  onPinMoved,
  onError,
}: MapViewOptions): Promise<MapView> {
  const map = new maplibregl.Map({
    container,
    style: styleUrl ?? buildStyle(origin),
    bounds: VIETNAM,
    fitBoundsOptions: { padding: 8 },
    maxZoom: 22,
    // an external style brings its own attributions; the built-in one gets a one-line link instead
    // of MapLibre's compact control, which opens itself over a third of a phone's map
    attributionControl: styleUrl ? { compact: true } : false,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.on('error', (event) => onError?.(event.error));

  if (!styleUrl) {
    // text, not a link: the About link in the top bar leads to the full list with licences
    const credit = Object.assign(document.createElement('p'), { className: 'map-attribution', textContent: ATTRIBUTION });
    container.append(credit);
  }

  const labels = document.createElement('div');
  labels.className = 'map-labels';
  labels.setAttribute('aria-hidden', 'true');
  map.getCanvasContainer().append(labels);

  await new Promise<void>((resolve, reject) => {
    map.once('load', () => resolve());
    // a missing tile is not a failed map; a style that cannot be loaded is
    const onLoadError = (event: maplibregl.ErrorEvent & { sourceId?: string; tile?: unknown }) => {
      if (event.sourceId || event.tile) return;
      map.off('error', onLoadError);
      reject(event.error);
    };
    map.on('error', onLoadError);
    map.once('load', () => map.off('error', onLoadError));
  });
  addOverlayLayers(map);
  createLabelOverlay(map, labels);
  // a handle on the map for the browser's developer tools and the browser tests (read the layers and sources)
  Object.defineProperty(container, 'maplibreMap', { value: map, configurable: true });

  let current = strings;
  const canvas = map.getCanvas();
  const applyStrings = () => {
    canvas.setAttribute('aria-label', current.label);
    pinEl.setAttribute('aria-label', current.pin);
    targetEl.setAttribute('aria-label', current.target);
    youEl.setAttribute('aria-label', current.you);
    // MapLibre's own buttons are labelled once, in English: relabel them in the current language
    for (const [selector, text] of [
      ['.maplibregl-ctrl-zoom-in', current.zoomIn],
      ['.maplibregl-ctrl-zoom-out', current.zoomOut],
    ] as const) {
      const control = container.querySelector(selector);
      control?.setAttribute('aria-label', text);
      control?.setAttribute('title', text);
    }
  };

  map.on('click', (event) => {
    onTap({ lat: event.lngLat.lat, lng: event.lngLat.lng });
  });
  // without a pointer: the arrow keys move the map (MapLibre), Enter picks the spot under the cross
  const crosshair = document.createElement('div');
  crosshair.className = 'map-crosshair';
  crosshair.setAttribute('aria-hidden', 'true');
  map.getCanvasContainer().append(crosshair);
  map.getCanvas().addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    const c = map.getCenter();
    onTap({ lat: c.lat, lng: c.lng });
  });

  // the create flow's pin: drag it, or focus it and nudge it with the arrow keys
  const pinEl = pinElement('pin');
  pinEl.tabIndex = 0;
  pinEl.setAttribute('role', 'button');
  const pin = new maplibregl.Marker({ element: pinEl, anchor: 'bottom', draggable: true });
  let pinOnMap = false;
  const pinPoint = (): LatLng => ({ lat: pin.getLngLat().lat, lng: pin.getLngLat().lng });
  pin.on('dragend', () => onPinMoved(pinPoint()));
  let nudgeTimer: ReturnType<typeof setTimeout> | undefined;
  pinEl.addEventListener('keydown', (event) => {
    const step = { ArrowUp: [1, 0], ArrowDown: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] }[event.key];
    if (!step) return;
    event.preventDefault();
    event.stopPropagation(); // not a map pan
    const { lat, lng } = pinPoint();
    const dLat = (step[0]! * NUDGE_METERS) / 111_320;
    const dLng = (step[1]! * NUDGE_METERS) / (111_320 * Math.cos((lat * Math.PI) / 180));
    pin.setLngLat([lng + dLng, lat + dLat]);
    clearTimeout(nudgeTimer);
    nudgeTimer = setTimeout(() => onPinMoved(pinPoint()), 400);
  });
  // a click on the pin is not a tap on the map
  pinEl.addEventListener('click', (event) => event.stopPropagation());

  const targetEl = pinElement('target');
  const target = new maplibregl.Marker({ element: targetEl, anchor: 'bottom' });
  const youEl = pinElement('you');
  const you = new maplibregl.Marker({ element: youEl });
  applyStrings();

  const source = (id: string) => map.getSource(id) as GeoJSONSource | undefined;

  return {
    center() {
      const c = map.getCenter();
      return { lat: c.lat, lng: c.lng };
    },
    flyTo(point, zoom) {
      const camera = { center: [point.lng, point.lat] as [number, number], zoom: zoom ?? Math.max(map.getZoom(), CELL_ZOOM) };
      if (reducedMotion()) map.jumpTo(camera);
      else map.flyTo({ ...camera, speed: 2.2 });
    },
    fitPoints(points) {
      if (points.length === 0) return;
      const bounds = new maplibregl.LngLatBounds();
      for (const p of points) bounds.extend([p.lng, p.lat]);
      map.fitBounds(bounds, { padding: 56, maxZoom: CELL_ZOOM, animate: !reducedMotion() });
    },
    showCell(cell: Polygon | null) {
      source('app-cell')?.setData(cell ? { type: 'Feature', geometry: cell, properties: {} } : EMPTY);
    },
    setPin(point) {
      if (!point) {
        pin.remove();
        pinOnMap = false;
        return;
      }
      pin.setLngLat([point.lng, point.lat]);
      if (!pinOnMap) pin.addTo(map);
      pinOnMap = true;
    },
    setTarget(point) {
      if (!point) return void target.remove();
      target.setLngLat([point.lng, point.lat]).addTo(map);
    },
    setDirections(directions: Directions | null) {
      if (!directions) {
        you.remove();
        source('app-line')?.setData(EMPTY);
        removeRoute(map);
        return;
      }
      const { from, to, route, straight } = directions;
      const start = [from.lng, from.lat];
      const end = [to.lng, to.lat];
      you.setLngLat([from.lng, from.lat]).addTo(map);
      if (route && route.length >= 2) {
        showRoute(map, route);
        // the route runs between the roads nearest to both ends: dashed links cover the rest
        const links = [
          [start, route[0]!],
          [route.at(-1)!, end],
        ].filter(([a, b]) => roughMeters(a!, b!) >= LINK_MIN_METERS);
        source('app-line')?.setData({ type: 'FeatureCollection', features: links.map((link) => lineFeature(link)) });
      } else {
        removeRoute(map);
        source('app-line')?.setData(straight ? lineFeature([start, end]) : EMPTY);
      }
    },
    setStrings(next: MapStrings) {
      current = next;
      applyStrings();
    },
    refreshAddresses() {
      const layer = map.getLayer(ADDRESS_LAYER);
      if (layer?.source && map.getSource(layer.source)) map.refreshTiles(layer.source);
    },
    resize() {
      map.resize();
    },
  };
}
