/**
 * Place names drawn by the browser, not by MapLibre: the service has no glyph server, and the
 * browser's own fonts render Vietnamese diacritics correctly. On each `idle` the overlay asks
 * which label points are in view (the invisible anchor layer), keeps the ones that fit without
 * overlapping, and moves them along with the map.
 */
import type { Map as MaplibreMap, MapGeoJSONFeature } from 'maplibre-gl';
import { LABEL_ANCHOR_LAYER } from './style.js';

/**
 * The archipelagos are named on the national view, as maps shown in Vietnam must; their special
 * zones (đặc khu) only carry ward-level labels, which appear when zoomed in.
 */
const ARCHIPELAGOS = [
  { key: 'archipelago:hoang-sa', name: 'QĐ. Hoàng Sa', kind: 'province', lngLat: [112.0, 16.4] as [number, number] },
  { key: 'archipelago:truong-sa', name: 'QĐ. Trường Sa', kind: 'province', lngLat: [113.2, 9.6] as [number, number] },
];
const ARCHIPELAGO_MAXZOOM = 8;
const priority = (c: Candidate) => (c.key.startsWith('archipelago:') ? 0 : 1);

type Label = { key: string; name: string; kind: string; lngLat: [number, number]; element: HTMLSpanElement; halfWidth: number };
type Candidate = Omit<Label, 'element' | 'halfWidth'>;

/** Ward names from this zoom; province names below it. */
const WARD_LABELS_MINZOOM = 11;
const MAX_LABELS = 40;
const FONT_PX = { province: 14, ward: 12 } as Record<string, number>;

export function createLabelOverlay(map: MaplibreMap, overlay: HTMLElement) {
  let shown: Label[] = [];

  // a name near the edge is moved inwards rather than cut
  function position(label: Label) {
    const p = map.project(label.lngLat);
    const width = map.getContainer().clientWidth;
    const x = Math.min(Math.max(p.x, label.halfWidth + 2), width - label.halfWidth - 2);
    label.element.style.transform = `translate(${Math.round(x)}px, ${Math.round(p.y)}px) translate(-50%, -50%)`;
  }

  function pick(features: MapGeoJSONFeature[]): Candidate[] {
    const zoom = map.getZoom();
    const wanted = zoom >= WARD_LABELS_MINZOOM ? 'ward' : 'province';
    const seen = new Map<string, Candidate>();
    for (const f of features) {
      const kind = String(f.properties.kind ?? '');
      const name = String(f.properties.name ?? '').normalize('NFC');
      if (kind !== wanted || !name || f.geometry.type !== 'Point') continue;
      const key = `${kind}:${f.properties.code ?? name}`;
      if (!seen.has(key)) seen.set(key, { key, name, kind, lngLat: f.geometry.coordinates as [number, number] });
    }
    if (zoom < ARCHIPELAGO_MAXZOOM) for (const a of ARCHIPELAGOS) seen.set(a.key, a);
    const { width, height } = map.getContainer().getBoundingClientRect();
    const centre = { x: width / 2, y: height / 2 };
    const candidates = [...seen.values()]
      .map((c) => ({ c, p: map.project(c.lngLat) }))
      .filter(({ p }) => p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height)
      .sort(
        (a, b) =>
          priority(a.c) - priority(b.c) || Math.hypot(a.p.x - centre.x, a.p.y - centre.y) - Math.hypot(b.p.x - centre.x, b.p.y - centre.y),
      );
    // greedy placement, nearest the centre first: a name that would overlap a placed one is left out
    const boxes: { x0: number; y0: number; x1: number; y1: number }[] = [];
    const kept: Candidate[] = [];
    for (const { c, p } of candidates) {
      const size = FONT_PX[c.kind] ?? 12;
      const w = c.name.length * size * 0.6 + 12;
      const h = size * 1.6;
      const box = { x0: p.x - w / 2, y0: p.y - h / 2, x1: p.x + w / 2, y1: p.y + h / 2 };
      if (boxes.some((b) => box.x0 < b.x1 && box.x1 > b.x0 && box.y0 < b.y1 && box.y1 > b.y0)) continue;
      boxes.push(box);
      kept.push(c);
      if (kept.length >= MAX_LABELS) break;
    }
    return kept;
  }

  function refresh() {
    if (!map.getLayer(LABEL_ANCHOR_LAYER)) return;
    const chosen = pick(map.queryRenderedFeatures({ layers: [LABEL_ANCHOR_LAYER] }));
    const previous = new Map(shown.map((l) => [l.key, l]));
    shown = chosen.map((c) => {
      const existing = previous.get(c.key);
      previous.delete(c.key);
      if (existing) return existing;
      const element = document.createElement('span');
      element.className = `map-label map-label--${c.kind}`;
      element.textContent = c.name;
      overlay.append(element);
      return { ...c, element, halfWidth: element.offsetWidth / 2 };
    });
    for (const gone of previous.values()) gone.element.remove();
    shown.forEach(position);
  }

  map.on('idle', refresh);
  map.on('move', () => shown.forEach(position));
  return { refresh };
}
