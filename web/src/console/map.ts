/**
 * The console's map (loaded after the panel, like the household app's): the offline basemap
 * from the server's tiles, and over it the ward boundary, the coverage hexagons (gaps hatched),
 * the ward's addresses coloured by status, and the inline editor of fast digitising.
 */
import * as maplibregl from 'maplibre-gl';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { LatLng } from '../common/geo.js';
import { createLabelOverlay } from '../map/labels.js';
import { ADDRESS_LAYER, buildStyle } from '../map/style.js';
import type { AddressCollection, AddressProperties, CoverageCollection, WardGeometry } from './api.js';
import { boundsOf } from './geometry.js';

maplibregl.setWorkerUrl(workerUrl);

export const STATUS_COLORS = { draft: '#d97706', verified: '#15803d', needs_review: '#dc2626' } as const;
const VIETNAM: [[number, number], [number, number]] = [
  [102.1, 7.2],
  [116.5, 23.4],
];
const EMPTY = { type: 'FeatureCollection', features: [] } as const;
const ADDRESSES = 'console-addresses';
const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

export type ConsoleMapOptions = {
  container: HTMLElement;
  origin: string;
  label: string;
  /** a click (or Enter on the focused map) at a point, with the address under it if any */
  onClick: (point: LatLng, hit: AddressProperties | null) => void;
  onError?: (error: unknown) => void;
};

export interface ConsoleMap {
  setWard(geometry: WardGeometry | null): void;
  setAddresses(addresses: AddressCollection): void;
  /** the hexagons only: an empty shading has no counts of cells */
  setCoverage(coverage: Pick<CoverageCollection, 'type' | 'features'>): void;
  setSelected(code: string | null): void;
  setDigitising(on: boolean): void;
  /** the inline editor of digitising, on the clicked spot */
  openEditor(point: LatLng, content: HTMLElement): void;
  closeEditor(): void;
  flyTo(point: LatLng, zoom?: number): void;
  setLabel(label: string): void;
  resize(): void;
}

/** Diagonal red stripes on transparent: the pattern of a hexagon with no address yet. */
function hatch(size = 12): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < 3;
      const i = (y * size + x) * 4;
      data.set(on ? [220, 38, 38, 150] : [220, 38, 38, 20], i);
    }
  }
  return { width: size, height: size, data };
}

function addLayers(map: MaplibreMap) {
  for (const id of ['console-ward', 'console-coverage', ADDRESSES, 'console-draft']) map.addSource(id, { type: 'geojson', data: EMPTY });
  map.addImage('gap-hatch', hatch(), { pixelRatio: 1 });
  map.addLayer({ id: 'console-ward-fill', type: 'fill', source: 'console-ward', paint: { 'fill-color': '#6b4f96', 'fill-opacity': 0.05 } });
  map.addLayer({
    id: 'console-gaps',
    type: 'fill',
    source: 'console-coverage',
    filter: ['==', ['get', 'count'], 0],
    paint: { 'fill-pattern': 'gap-hatch', 'fill-opacity': 0.6 },
  });
  map.addLayer({
    id: 'console-density',
    type: 'fill',
    source: 'console-coverage',
    filter: ['>', ['get', 'count'], 0],
    paint: {
      'fill-color': ['interpolate', ['linear'], ['get', 'count'], 1, '#dbeafe', 5, '#93c5fd', 20, '#3b82f6', 60, '#1e3a8a'],
      'fill-opacity': 0.45,
    },
  });
  map.addLayer({
    id: 'console-hex-line',
    type: 'line',
    source: 'console-coverage',
    paint: { 'line-color': '#64748b', 'line-width': 0.5, 'line-opacity': 0.5 },
  });
  map.addLayer({ id: 'console-ward-line', type: 'line', source: 'console-ward', paint: { 'line-color': '#4b2f7a', 'line-width': 3 } });
  map.addLayer({
    id: ADDRESSES,
    type: 'circle',
    source: ADDRESSES,
    paint: {
      'circle-color': [
        'match',
        ['get', 'status'],
        'verified',
        STATUS_COLORS.verified,
        'needs_review',
        STATUS_COLORS.needs_review,
        STATUS_COLORS.draft,
      ],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 3, 16, 5, 19, 8],
      'circle-stroke-color': ['case', ['get', 'private'], '#111827', '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'private'], 2.5, 1.5],
    },
  });
  map.addLayer({
    id: 'console-selected',
    type: 'circle',
    source: ADDRESSES,
    filter: ['==', ['get', 'code'], ''],
    paint: {
      'circle-color': 'rgba(0,0,0,0)',
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 12, 8, 19, 14],
      'circle-stroke-color': '#0b4f94',
      'circle-stroke-width': 3,
    },
  });
  map.addLayer({
    id: 'console-draft',
    type: 'circle',
    source: 'console-draft',
    paint: { 'circle-color': '#0b4f94', 'circle-radius': 6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 2 },
  });
}

export async function createConsoleMap({ container, origin, label, onClick, onError }: ConsoleMapOptions): Promise<ConsoleMap> {
  const map = new maplibregl.Map({
    container,
    style: buildStyle(origin),
    bounds: VIETNAM,
    maxZoom: 22,
    attributionControl: false,
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
    const onLoadError = (event: maplibregl.ErrorEvent & { sourceId?: string; tile?: unknown }) => {
      if (event.sourceId || event.tile) return;
      map.off('error', onLoadError);
      reject(event.error);
    };
    map.on('error', onLoadError);
    map.once('load', () => {
      map.off('error', onLoadError);
      resolve();
    });
  });
  // the public address layer of the basemap counts public addresses only: the console draws its own
  if (map.getLayer(ADDRESS_LAYER)) map.setLayoutProperty(ADDRESS_LAYER, 'visibility', 'none');
  addLayers(map);
  createLabelOverlay(map, labels);

  const source = (id: string) => map.getSource(id) as GeoJSONSource | undefined;
  const canvas = map.getCanvas();
  canvas.setAttribute('aria-label', label);

  function hitAt(point: maplibregl.PointLike): AddressProperties | null {
    const [x, y] = Array.isArray(point) ? point : [(point as maplibregl.Point).x, (point as maplibregl.Point).y];
    const features = map.queryRenderedFeatures(
      [
        [x! - 6, y! - 6],
        [x! + 6, y! + 6],
      ],
      { layers: [ADDRESSES] },
    );
    return (features[0]?.properties as AddressProperties | undefined) ?? null;
  }
  map.on('click', (event) => onClick({ lat: event.lngLat.lat, lng: event.lngLat.lng }, hitAt(event.point)));
  map.on('mousemove', (event) => {
    if (container.dataset.digitising === 'true') return;
    canvas.style.cursor = hitAt(event.point) ? 'pointer' : '';
  });
  // keyboard: arrows move the map (MapLibre), Enter acts on the spot under the cross
  const crosshair = document.createElement('div');
  crosshair.className = 'map-crosshair';
  crosshair.setAttribute('aria-hidden', 'true');
  map.getCanvasContainer().append(crosshair);
  canvas.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    const c = map.getCenter();
    const p = map.project(c);
    onClick({ lat: c.lat, lng: c.lng }, hitAt([p.x, p.y]));
  });

  let popup: maplibregl.Popup | null = null;
  const closeEditor = () => {
    popup?.remove();
    popup = null;
    source('console-draft')?.setData(EMPTY);
  };

  return {
    setWard(geometry) {
      source('console-ward')?.setData(geometry ? { type: 'Feature', geometry, properties: {} } : EMPTY);
      const bounds = geometry ? boundsOf(geometry) : null;
      if (bounds) map.fitBounds(bounds, { padding: 24, animate: false, maxZoom: 17 });
    },
    setAddresses(addresses) {
      source(ADDRESSES)?.setData(addresses as unknown as Parameters<GeoJSONSource['setData']>[0]);
      container.dataset.addressCount = String(addresses.features.length);
    },
    setCoverage(coverage) {
      source('console-coverage')?.setData(coverage as unknown as Parameters<GeoJSONSource['setData']>[0]);
    },
    setSelected(code) {
      map.setFilter('console-selected', ['==', ['get', 'code'], code ?? '']);
    },
    setDigitising(on) {
      container.dataset.digitising = String(on);
      canvas.style.cursor = on ? 'crosshair' : '';
      if (!on) closeEditor();
    },
    openEditor(point, content) {
      closeEditor();
      source('console-draft')?.setData({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [point.lng, point.lat] },
        properties: {},
      });
      popup = new maplibregl.Popup({
        closeButton: false,
        closeOnClick: false,
        anchor: 'bottom',
        offset: 12,
        focusAfterOpen: false,
        maxWidth: '260px',
        className: 'digitise-popup',
      })
        .setLngLat([point.lng, point.lat])
        .setDOMContent(content)
        .addTo(map);
    },
    closeEditor,
    flyTo(point, zoom) {
      const camera = { center: [point.lng, point.lat] as [number, number], zoom: zoom ?? Math.max(map.getZoom(), 18) };
      if (reducedMotion()) map.jumpTo(camera);
      else map.flyTo({ ...camera, speed: 2.2 });
    },
    setLabel(text) {
      canvas.setAttribute('aria-label', text);
    },
    resize() {
      map.resize();
    },
  };
}
