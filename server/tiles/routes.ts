import { z } from 'zod';
import { Problem, problem } from '../http/problem.js';
import { route } from '../http/route.js';
import { LAYERS } from './layers.js';
import type { TilesService } from './service.js';

const tileNumber = (what: string) =>
  z
    .string()
    .regex(/^\d{1,7}$/, `${what} is a whole number`)
    .transform(Number);
const notFound = (detail: string) => new Problem(404, 'not-found', 'No such tile', detail);

export function tilesRoutes(service: TilesService) {
  return [
    route({
      method: 'get',
      path: '/tiles/:layer/:z/:x/:y.mvt',
      tags: ['map'],
      summary: 'A Mapbox Vector Tile of one layer',
      description:
        `Layers: ${Object.entries(LAYERS)
          .map(([n, l]) => `${n} (z${l.minzoom}–${l.maxzoom})`)
          .join(', ')}. ` +
        'The source-layer name is the layer name. Addresses are individual points from z13 and counts per H3 cell below. ' +
        'An empty area answers 204. Conditional requests (If-None-Match) answer 304.',
      params: z.object({ layer: z.string(), z: tileNumber('z'), x: tileNumber('x'), y: tileNumber('y') }),
      responses: {
        200: { description: 'The tile', contentType: 'application/vnd.mapbox-vector-tile' },
        204: { description: 'Nothing in this tile' },
        304: { description: 'Not modified' },
        404: problem('Unknown layer, or a tile outside the layer’s zoom range or the grid'),
      },
      handler: async ({ params }, req, res) => {
        const layer = service.layer(params.layer);
        if (!layer) throw notFound(`No layer "${params.layer}". Layers: ${Object.keys(LAYERS).join(', ')}.`);
        if (params.z < layer.minzoom || params.z > layer.maxzoom) {
          throw notFound(`Layer ${params.layer} has tiles from zoom ${layer.minzoom} to ${layer.maxzoom}.`);
        }
        const size = 2 ** params.z;
        if (params.x >= size || params.y >= size) throw notFound(`At zoom ${params.z}, x and y are below ${size}.`);
        const tile = await service.tile(params.layer, layer, params.z, params.x, params.y);
        res.set({ 'Cache-Control': `public, max-age=${tile.maxAgeSeconds}`, ETag: tile.etag, 'Access-Control-Allow-Origin': '*' });
        if (req.fresh) return void res.status(304).end();
        if (tile.body.length === 0) return void res.status(204).end();
        res.type('application/vnd.mapbox-vector-tile').send(tile.body);
      },
    }),
  ];
}
