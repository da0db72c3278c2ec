/**
 * Sharing a code: QR codes of its share link, as SVG (for print) and PNG (for chat apps), from
 * the API so that printers and other apps can use them too. Rendering and its cache: service.ts.
 */
import { z } from 'zod';
import type { PublicUrls } from '../http/public-url.js';
import { problem } from '../http/problem.js';
import { queryNumber, route } from '../http/route.js';
import { DEFAULT_QR_PX, MAX_QR_PX, type ShareService } from './service.js';

const CACHE = 'public, max-age=86400';

export function shareRoutes({ service, urls }: { service: ShareService; urls: PublicUrls }) {
  const sizeQuery = z.object({
    size: queryNumber('size')
      .pipe(z.number().int('size is a whole number').min(64).max(MAX_QR_PX, `size is at most ${MAX_QR_PX} pixels`))
      .optional()
      .describe(`width in pixels, 64–${MAX_QR_PX} (default ${DEFAULT_QR_PX})`),
  });
  const params = z.object({ code: z.string(), unit: z.string().optional() });
  const make = (format: 'svg' | 'png', withUnit: boolean) =>
    route({
      method: 'get',
      path: `/v1/codes/:code${withUnit ? '/:unit' : ''}/qr.${format}`,
      tags: ['share'],
      summary: `QR code of the share link, as ${format.toUpperCase()}${withUnit ? ' (code with a unit)' : ''}`,
      description:
        'Encodes the link {base}/{code} that opens the web app on this address. Base: PUBLIC_URL, or the host of the request when ALLOWED_HOSTS lists it.',
      params,
      query: format === 'png' ? sizeQuery : z.object({}),
      responses: {
        200: { description: 'The QR code', contentType: format === 'svg' ? 'image/svg+xml' : 'image/png' },
        400: problem('Malformed code (with suggestions)'),
      },
      handler: async ({ params: p, query }, req, res) => {
        const width = format === 'png' ? (query as { size?: number }).size : undefined;
        const image = await service.qr(p.unit ? `${p.code}/${p.unit}` : p.code, urls.base(req), format, width);
        res
          .set('Cache-Control', CACHE)
          .type(format === 'svg' ? 'image/svg+xml' : 'image/png')
          .send(image);
      },
    });
  return [make('svg', false), make('png', false), make('svg', true), make('png', true)];
}
