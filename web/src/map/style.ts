/**
 * The built-in map style, made from the server's own vector tiles only: no third-party tiles,
 * fonts, sprites or scripts, so the map works where the service runs with no internet at all.
 * There is no glyph server, so the style has no symbol layers: names are drawn by the browser
 * (labels.ts) from the invisible `labels-anchor` layer. Pure: the origin is passed in.
 */
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';

/** The tile layers the server publishes, with the zoom range it has tiles for. */
export const TILE_LAYERS = {
  countries: { minzoom: 0 },
  provinces: { minzoom: 0 },
  wards: { minzoom: 7 },
  labels: { minzoom: 0 },
  addresses: { minzoom: 0 },
  roads: { minzoom: 12 },
  buildings: { minzoom: 14 },
} as const;
export type TileLayer = keyof typeof TILE_LAYERS;
export const TILE_MAXZOOM = 16;

/** Zoom from which registered addresses are drawn one by one (the tiles hold counts below it). */
export const ADDRESS_POINTS_MINZOOM = 13;
export const LABEL_ANCHOR_LAYER = 'labels-anchor';
export const ADDRESS_LAYER = 'addresses-points';

export const COLORS = {
  sea: '#cfe3ee',
  land: '#f3f0e8',
  neighbour: '#e6e2d8',
  countryLine: '#8c8272',
  province: '#6b4f96',
  ward: '#a995c4',
  road: '#ffffff',
  roadCasing: '#c9c0b0',
  majorRoad: '#fbe3a5',
  building: '#dcd2c4',
  buildingLine: '#c7b9a6',
  address: '#c2410c',
} as const;

function tileUrl(origin: string, layer: TileLayer): string {
  return `${origin.replace(/\/+$/, '')}/tiles/${layer}/{z}/{x}/{y}.mvt`;
}

const MAJOR_ROADS = ['motorway', 'trunk', 'primary', 'secondary', 'motorway_link', 'trunk_link', 'primary_link', 'secondary_link'];
const isMajor = ['in', ['get', 'highway'], ['literal', MAJOR_ROADS]];

/** Width in pixels by zoom, major roads wider. */
const roadWidth = (extra: number) => [
  'interpolate',
  ['exponential', 1.6],
  ['zoom'],
  12,
  ['case', isMajor, 1.5 + extra, 0.6 + extra],
  16,
  ['case', isMajor, 8 + extra, 4 + extra],
  20,
  ['case', isMajor, 40 + extra, 24 + extra],
];

/** A count summarising several addresses gets a bigger dot; a single address a small one. */
const aggregateRadius = (single: number) => [
  'case',
  ['>', ['coalesce', ['get', 'count'], 1], 1],
  ['min', 18, ['+', 5, ['*', 2, ['sqrt', ['get', 'count']]]]],
  single,
];

export function buildStyle(origin: string): StyleSpecification {
  const sources = Object.fromEntries(
    (Object.keys(TILE_LAYERS) as TileLayer[]).map((layer) => [
      layer,
      { type: 'vector', tiles: [tileUrl(origin, layer)], minzoom: TILE_LAYERS[layer].minzoom, maxzoom: TILE_MAXZOOM },
    ]),
  ) as StyleSpecification['sources'];

  const layers = [
    { id: 'background', type: 'background', paint: { 'background-color': COLORS.sea } },
    {
      id: 'countries-fill',
      type: 'fill',
      source: 'countries',
      'source-layer': 'countries',
      paint: { 'fill-color': ['match', ['get', 'name'], ['Vietnam', 'Việt Nam', 'Viet Nam'], COLORS.land, COLORS.neighbour] },
    },
    {
      id: 'provinces-fill',
      type: 'fill',
      source: 'provinces',
      'source-layer': 'provinces',
      paint: { 'fill-color': COLORS.land },
    },
    {
      id: 'buildings-fill',
      type: 'fill',
      source: 'buildings',
      'source-layer': 'buildings',
      minzoom: 14,
      paint: { 'fill-color': COLORS.building, 'fill-outline-color': COLORS.buildingLine },
    },
    {
      id: 'roads-casing',
      type: 'line',
      source: 'roads',
      'source-layer': 'roads',
      minzoom: 12,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': COLORS.roadCasing, 'line-width': roadWidth(1.5) },
    },
    {
      id: 'roads-line',
      type: 'line',
      source: 'roads',
      'source-layer': 'roads',
      minzoom: 12,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': ['case', isMajor, COLORS.majorRoad, COLORS.road], 'line-width': roadWidth(0) },
    },
    {
      id: 'wards-line',
      type: 'line',
      source: 'wards',
      'source-layer': 'wards',
      minzoom: 8,
      paint: {
        'line-color': COLORS.ward,
        'line-width': ['interpolate', ['linear'], ['zoom'], 8, 0.5, 14, 1.5, 18, 2.5],
        'line-dasharray': [3, 2],
      },
    },
    {
      id: 'provinces-line',
      type: 'line',
      source: 'provinces',
      'source-layer': 'provinces',
      layout: { 'line-join': 'round' },
      paint: { 'line-color': COLORS.province, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 2, 16, 3.5] },
    },
    {
      id: 'countries-line',
      type: 'line',
      source: 'countries',
      'source-layer': 'countries',
      paint: { 'line-color': COLORS.countryLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.8, 10, 1.5] },
    },
    {
      // counts per area below ADDRESS_POINTS_MINZOOM, single addresses from it
      id: ADDRESS_LAYER,
      type: 'circle',
      source: 'addresses',
      'source-layer': 'addresses',
      minzoom: 10,
      paint: {
        'circle-color': COLORS.address,
        'circle-opacity': 0.85,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, aggregateRadius(3.5), 18, aggregateRadius(7)],
      },
    },
    {
      // invisible: only there so that the label overlay can ask which names are in view
      id: LABEL_ANCHOR_LAYER,
      type: 'circle',
      source: 'labels',
      'source-layer': 'labels',
      paint: { 'circle-radius': 1, 'circle-opacity': 0, 'circle-stroke-width': 0 },
    },
  ] as LayerSpecification[];

  return { version: 8, name: 'Mã địa chỉ số', sources, layers };
}
