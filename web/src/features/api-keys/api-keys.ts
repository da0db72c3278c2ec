/**
 * API keys of the signed-in account (a company, a developer): the allowed origins as people type
 * them and a key's usage over the last days (the shapes the API sends are in common/types.ts).
 * Pure, no DOM. The key itself is only ever in the answer to a create or a rotate,
 * held in memory by the screen that shows it once; nothing here stores it.
 */
import type { ApiKeyInfo, KeyScope, UsageDay } from '../../common/types.js';

export const KEY_SCOPES = ['read', 'write'] as const satisfies readonly KeyScope[];

/** How many days of usage the screen shows. */
export const USAGE_DAYS = 30;
export const KEY_NAME_MAX = 100;
export const ORIGINS_MAX = 20;

/** "vnac_7k2m9x…": the prefix, marked as the start of something longer. */
export const prefixLabel = (prefix: string) => `${prefix}…`;

/**
 * Allowed origins as typed: separated by commas, semicolons, spaces or lines. Each must be
 * http(s)://host[:port]; a trailing slash is forgiven and the rest written as browsers send it
 * in Origin (lower case, no default port). `bad` lists what is not an origin, as typed.
 */
export function parseOrigins(text: string): { origins: string[]; bad: string[] } {
  const origins: string[] = [];
  const bad: string[] = [];
  for (const part of text.split(/[\s,;]+/)) {
    if (!part) continue;
    const origin = toOrigin(part);
    if (!origin) bad.push(part);
    else if (!origins.includes(origin)) origins.push(origin);
  }
  return { origins, bad };
}

function toOrigin(typed: string): string | null {
  if (!/^https?:\/\/[^/\s?#@]+\/?$/i.test(typed)) return null;
  try {
    const url = new URL(typed);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

/** Vietnam's calendar day of an instant (UTC+7, no daylight saving), as the API counts usage. */
export function vietnamDay(ms: number): string {
  return new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
}

/** The `count` days up to `today` (YYYY-MM-DD), newest first. */
export function lastDays(today: string, count: number): string[] {
  const start = Date.parse(`${today}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start - i * 86_400_000).toISOString().slice(0, 10));
}

/** Every one of the last `count` days, newest first, with zeros where the key was not used. */
export function usageSeries(days: UsageDay[], today: string, count = USAGE_DAYS): UsageDay[] {
  const byDay = new Map(days.map((d) => [d.day, d]));
  return lastDays(today, count).map((day) => {
    const d = byDay.get(day);
    return { day, requests: d?.requests ?? 0, codes: d?.codes ?? 0, errors: d?.errors ?? 0 };
  });
}

export function usageTotals(days: UsageDay[]): { requests: number; codes: number; errors: number } {
  return days.reduce((sum, d) => ({ requests: sum.requests + d.requests, codes: sum.codes + d.codes, errors: sum.errors + d.errors }), {
    requests: 0,
    codes: 0,
    errors: 0,
  });
}

/** A bar's height in percent of the busiest day; a day with any request shows at least a sliver. */
export function barPercent(value: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  return Math.max(4, Math.round((value / max) * 100));
}

/** "2026-05-12" → "12/05/2026"; other text unchanged. */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** Active keys first (as the API ordered them, newest first), then the revoked ones. */
export function activeFirst(keys: ApiKeyInfo[]): ApiKeyInfo[] {
  return [...keys.filter((k) => !k.revokedAt), ...keys.filter((k) => k.revokedAt)];
}
