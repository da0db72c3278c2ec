/** The built-in map style: only the server's own tiles, and no text that would need a glyph server. */
// the validator MapLibre itself runs on a style (a dependency of maplibre-gl)
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, test } from 'vitest';
import { buildStyle, LABEL_ANCHOR_LAYER, TILE_LAYERS, TILE_MAXZOOM } from '../../web/src/map/style.js';

const style = buildStyle('http://127.0.0.1:3000');

describe('the built-in map style', () => {
  test('is a valid MapLibre style', () => {
    expect(validateStyleMin(style).map((e) => e.message)).toEqual([]);
  });

  test('one vector source per tile layer, on this origin, up to zoom 16', () => {
    expect(Object.keys(style.sources).sort()).toEqual(Object.keys(TILE_LAYERS).sort());
    for (const [name, source] of Object.entries(style.sources)) {
      expect(source).toMatchObject({
        type: 'vector',
        tiles: [`http://127.0.0.1:3000/tiles/${name}/{z}/{x}/{y}.mvt`],
        maxzoom: TILE_MAXZOOM,
      });
    }
  });

  test('every layer reads its source-layer from the source of the same name', () => {
    for (const layer of style.layers) {
      if (layer.type === 'background') continue;
      expect(style.sources, layer.id).toHaveProperty((layer as { source: string }).source);
      expect((layer as { 'source-layer': string })['source-layer'], layer.id).toBe((layer as { source: string }).source);
    }
  });

  test('nothing from elsewhere: no glyphs, no sprite, no symbol layers', () => {
    expect(style).not.toHaveProperty('glyphs');
    expect(style).not.toHaveProperty('sprite');
    expect(style.layers.filter((l) => l.type === 'symbol')).toEqual([]);
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\/(?!127\.0\.0\.1:3000)/);
  });

  test('names come from an invisible layer that the label overlay queries', () => {
    const anchor = style.layers.find((l) => l.id === LABEL_ANCHOR_LAYER);
    expect(anchor).toMatchObject({ type: 'circle', source: 'labels', paint: { 'circle-opacity': 0 } });
  });
});
