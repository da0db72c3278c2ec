/**
 * API key material, pure: a key is "vnac_" + 32 Crockford base32 characters (160 random bits);
 * only its SHA-256 is stored; the first 12 characters identify it in lists and logs.
 */
import { createHash, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const KEY_PATTERN = /^vnac_[0-9a-hjkmnp-tv-z]{32}$/;

export function newKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `vnac_${out}`;
}

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
export const keyPrefix = (key: string) => key.slice(0, 12);

/** Seconds since the epoch at the start of the current minute and of Vietnam's current day (UTC+7). */
export function windows(nowMs: number) {
  const now = Math.floor(nowMs / 1000);
  const minute = now - (now % 60);
  const VN = 7 * 3600;
  const day = Math.floor((now + VN) / 86400) * 86400 - VN;
  return { now, minute, minuteReset: minute + 60 - now, day, dayReset: day + 86400 - now };
}

/** Vietnam's calendar day of an instant, as YYYY-MM-DD (usage is counted per such day). */
export function vietnamDay(nowMs: number): string {
  return new Date(nowMs + 7 * 3600_000).toISOString().slice(0, 10);
}
