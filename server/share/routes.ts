/**
 * Sharing a code: QR codes of its share link, as SVG (for print) and PNG (for chat apps), from
 * the API so that printers and other apps can use them too.
 */
import QRCode from 'qrcode';
import { z } from 'zod';
import { formatCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';
import type { PublicUrls } from '../http/public-url.js';
import { problem } from '../http/problem.js';
import { queryNumber, route } from '../http/route.js';

export function shareLink(base: string, code: string, unit: string | null): string {
  return `${base}/${formatCode(code, unit)}`;
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;
const CACHE = 'public, max-age=86400';
/** A 1024 px PNG prints sharp on a gate card (about 8 cm at 300 dpi); 2048 px cost ~0.4 s of CPU each. */
export const MAX_QR_PX = 1024;

/**
 * Rendered images by (format, link, width), most recently used last, and renders in flight, so that
 * repeating a request (with any other query parameter added, which no browser cache would match)
 * costs a map lookup instead of a render. ~512 entries of at most ~20 KB.
 */
function qrCache(max = 512) {
  const entries = new Map<string, Promise<string | Buffer>>();
  return (key: string, render: () => Promise<string | Buffer>): Promise<string | Buffer> => {
    let hit = entries.get(key);
    if (hit) entries.delete(key);
    else {
      hit = render();
      hit.catch(() => entries.delete(key));
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
    }
    entries.set(key, hit);
    return hit;
  };
}

export function shareRoutes({ codes, urls }: { codes: CodesService; urls: PublicUrls }) {
  const sizeQuery = z.object({
    size: queryNumber('size')
      .pipe(z.number().int('size is a whole number').min(64).max(MAX_QR_PX, `size is at most ${MAX_QR_PX} pixels`))
      .optional()
      .describe(`width in pixels, 64–${MAX_QR_PX} (default 512)`),
  });
  const cached = qrCache();
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
        const { code, unit } = await codes.parseOrThrow(p.unit ? `${p.code}/${p.unit}` : p.code);
        const link = shareLink(urls.base(req), code, unit);
        res.set('Cache-Control', CACHE);
        if (format === 'svg') {
          res.type('image/svg+xml').send(await cached(`svg ${link}`, () => QRCode.toString(link, { ...QR_OPTIONS, type: 'svg' })));
        } else {
          const width = (query as { size?: number }).size ?? 512;
          res
            .type('image/png')
            .send(await cached(`png ${width} ${link}`, () => QRCode.toBuffer(link, { ...QR_OPTIONS, type: 'png', width })));
        }
      },
    });
  return [make('svg', false), make('png', false), make('svg', true), make('png', true)];
}
