/**
 * The map, loaded after the shell (dynamic import): MapLibre with the server's vector tiles,
 * the cell outline, the draggable pin, the address marker and the straight line of directions.
 */
import maplibregl, { type GeoJSONSource, type Map as MaplibreMap, type StyleSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { LatLng } from '../geo.js';
import type { Polygon } from '../types.js';
import { createLabelOverlay } from './labels.js';
import { ADDRESS_LAYER } from './style.js';
import type { MapStrings, MapView, MapViewOptions } from './types.js';

maplibregl.setWorkerUrl(workerUrl);

const VIETNAM: [[number, number], [number, number]] = [[102.1, 8.3], [109.6, 23.4]];
/** A 2.7 m cell is a few pixels wide before this zoom. */
const CELL_ZOOM = 20;
/** About one cell edge, the step of the pin under the arrow keys. */
const NUDGE_METERS = 1.5;
const EMPTY = { type: 'FeatureCollection', features: [] } as const;

function pinElement(kind: 'pin' | 'target' | 'you'): HTMLElement {
  const el = document.createElement('div');
  el.className = `map-marker map-marker--${kind}`;
  if (kind === 'you') return el;
  // a 48 px touch target around a 30×40 pin whose tip is the point
  el.innerHTML =
    '<svg viewBox="0 0 30 40" width="30" height="40" aria-hidden="true" focusable="false">' +
    '<path d="M15 39C15 39 28 23.5 28 14A13 13 0 0 0 2 14C2 23.5 15 39 15 39Z" stroke="#fff" stroke-width="2"/>' +
    '<circle cx="15" cy="14" r="5" fill="#fff"/></svg>';
  return el;
}

function addOverlayLayers(map: MaplibreMap) {
  map.addSource('app-cell', { type: 'geojson', data: EMPTY });
  map.addSource('app-line', { type: 'geojson', data: EMPTY });
  map.addLayer({ id: 'app-cell-fill', type: 'fill', source: 'app-cell', paint: { 'fill-color': '#2563eb', 'fill-opacity': 0.18 } });
  map.addLayer({ id: 'app-cell-line', type: 'line', source: 'app-cell', paint: { 'line-color': '#1d4ed8', 'line-width': 3 } });
  map.addLayer({
    id: 'app-line', type: 'line', source: 'app-line',
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': '#1d4ed8', 'line-width': 4, 'line-dasharray': [2, 1.5] },
  });
}

export async function createMapView({ container, style, strings, onTap, onPinMoved, onError }: MapViewOptions): Promise<MapView> {
  const map = new maplibregl.Map({
    container,
    style: style as StyleSpecification | string,
    bounds: VIETNAM,
    fitBoundsOptions: { padding: 8 },
    maxZoom: 22,
    attributionControl: { compact: true },
    // the tests read pixels back; the cost is negligible for a map this simple
    canvasContextAttributes: { preserveDrawingBuffer: true },
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  map.on('error', (event) => onError?.(event.error));

  const labels = document.createElement('div');
  labels.className = 'map-labels';
  labels.setAttribute('aria-hidden', 'true');
  map.getCanvasContainer().append(labels);

  await new Promise<void>((resolve, reject) => {
    map.once('load', () => resolve());
    map.once('error', (event) => (map.loaded() ? undefined : reject(event.error)));
  });
  addOverlayLayers(map);
  createLabelOverlay(map, labels);

  let current = strings;
  const canvas = map.getCanvas();
  const applyStrings = () => {
    canvas.setAttribute('aria-label', current.label);
    pinEl.setAttribute('aria-label', current.pin);
    targetEl.setAttribute('aria-label', current.target);
    youEl.setAttribute('aria-label', current.you);
  };

  map.on('click', (event) => {
    onTap({ lat: event.lngLat.lat, lng: event.lngLat.lng });
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
      map.flyTo({ center: [point.lng, point.lat], zoom: zoom ?? Math.max(map.getZoom(), CELL_ZOOM), essential: true, speed: 2.2 });
    },
    fitPoints(points) {
      if (points.length === 0) return;
      const bounds = new maplibregl.LngLatBounds();
      for (const p of points) bounds.extend([p.lng, p.lat]);
      map.fitBounds(bounds, { padding: 56, maxZoom: CELL_ZOOM, essential: true });
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
    setLine(from, to) {
      if (!from || !to) {
        you.remove();
        source('app-line')?.setData(EMPTY);
        return;
      }
      you.setLngLat([from.lng, from.lat]).addTo(map);
      source('app-line')?.setData({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: [[from.lng, from.lat], [to.lng, to.lat]] },
        properties: {},
      });
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
