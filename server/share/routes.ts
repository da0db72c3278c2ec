/**
 * Sharing a code: QR codes of its share link, as SVG (for print) and PNG (for chat apps), from
 * the API so that printers and other apps can use them too.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { formatCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';
import type { PublicUrls } from '../http/public-url.js';
import { queryNumber, route } from '../http/route.js';

export function shareLink(base: string, code: string, unit: string | null): string {
  return `${base}/${formatCode(code, unit)}`;
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;
const CACHE = 'public, max-age=86400';

export function shareRoutes({ codes, urls }: { codes: CodesService; urls: PublicUrls }) {
  const sizeQuery = z.object({
    size: queryNumber('size').pipe(z.number().int('size is a whole number').min(64).max(2048, 'size is at most 2048 pixels')).optional()
      .describe('width in pixels, 64–2048 (default 512)'),
  });
  const params = z.object({ code: z.string(), unit: z.string().optional() });
  const make = (format: 'svg' | 'png', withUnit: boolean) =>
    route({
      method: 'get',
      path: `/v1/codes/:code${withUnit ? '/:unit' : ''}/qr.${format}`,
      tags: ['share'],
      summary: `QR code of the share link, as ${format.toUpperCase()}${withUnit ? ' (code with a unit)' : ''}`,
      description: 'Encodes the link {base}/{code} that opens the web app on this address. Base: PUBLIC_URL, or the host of the request when ALLOWED_HOSTS lists it.',
      params,
      query: format === 'png' ? sizeQuery : z.object({}),
      responses: {
        200: { description: 'The QR code', contentType: format === 'svg' ? 'image/svg+xml' : 'image/png' },
        400: { description: 'Malformed code (with suggestions)', contentType: 'application/problem+json' },
      },
      handler: async ({ params: p, query }, req, res) => {
        const { code, unit } = await codes.parseOrThrow(p.unit ? `${p.code}/${p.unit}` : p.code);
        const link = shareLink(urls.base(req), code, unit);
        res.set('Cache-Control', CACHE);
        if (format === 'svg') {
          res.type('image/svg+xml').send(await QRCode.toString(link, { ...QR_OPTIONS, type: 'svg' }));
        } else {
          const width = (query as { size?: number }).size ?? 512;
          res.type('image/png').send(await QRCode.toBuffer(link, { ...QR_OPTIONS, type: 'png', width }));
        }
      },
    });
  return [make('svg', false), make('png', false), make('svg', true), make('png', true)];
}
