/**
 * QR codes of a code's share link: rendered with the `qrcode` package and kept in a small cache,
 * since the same card is asked for again and again.
 */
import QRCode from 'qrcode';
import { formatCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';

export function shareLink(base: string, code: string, unit: string | null): string {
  return `${base}/${formatCode(code, unit)}`;
}

const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;
/** A 1024 px PNG prints sharp on a gate card (about 8 cm at 300 dpi); 2048 px cost ~0.4 s of CPU each. */
export const MAX_QR_PX = 1024;
export const DEFAULT_QR_PX = 512;

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

export function createShareService({ codes }: { codes: CodesService }) {
  const cached = qrCache();
  return {
    /**
     * The QR code of the link {base}/{code} that opens the web app on this address: SVG text, or a
     * PNG `width` pixels wide. A malformed code is a 400 with suggestions (codes.parseOrThrow).
     */
    async qr(codeText: string, base: string, format: 'svg' | 'png', width = DEFAULT_QR_PX): Promise<string | Buffer> {
      const { code, unit } = await codes.parseOrThrow(codeText);
      const link = shareLink(base, code, unit);
      if (format === 'svg') return cached(`svg ${link}`, () => QRCode.toString(link, { ...QR_OPTIONS, type: 'svg' }));
      return cached(`png ${width} ${link}`, () => QRCode.toBuffer(link, { ...QR_OPTIONS, type: 'png', width }));
    },
  };
}
export type ShareService = ReturnType<typeof createShareService>;
