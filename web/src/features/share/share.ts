/** Links, QR image addresses and share texts for an address. Pure: the origin is passed in. */
import { addressPath, formatRef, normalizeCode, type CodeRef } from '../../common/code.js';

/** The short link printed and sent: https://host/25M-SN9-S32 (or /25M-SN9-S32/P302). */
export function shareLink(origin: string, ref: CodeRef): string {
  return origin.replace(/\/+$/, '') + addressPath(ref);
}

/** The API's QR image of the short link. */
export function qrImageUrl(ref: CodeRef, format: 'svg' | 'png'): string {
  const code = formatRef({ code: normalizeCode(ref.code), unit: null });
  const unit = ref.unit ? `/${encodeURIComponent(ref.unit)}` : '';
  return `/v1/codes/${code}${unit}/qr.${format}`;
}

/** What navigator.share sends: a title, a line of text and the link. */
export function shareData(origin: string, ref: CodeRef, text: string): { title: string; text: string; url: string } {
  return { title: formatRef(ref), text, url: shareLink(origin, ref) };
}
