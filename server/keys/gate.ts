/**
 * The API's front door for keys, limits and CORS, on /v1 and /ogc (tiles, pages and files pass):
 *
 * - A key comes as `X-API-Key` or `?key=` (map clients cannot set headers). Unknown or revoked:
 *   401. Its allowed origins (if any) must include the request's Origin: else 403. Its scope is
 *   checked per route by mountRoutes (a read key on a write route: 403).
 * - Limits, when on: per key per minute and per day (Vietnam's day), per IP per minute without a
 *   key; counted in PostgreSQL (one statement per request), so they hold across processes. Over
 *   a limit: 429 problem+json with Retry-After. Every limited response carries RateLimit-Limit,
 *   RateLimit-Remaining, RateLimit-Reset and RateLimit-Policy.
 * - CORS: anonymous requests may come from any origin (no credentials are ever allowed); keyed
 *   ones from the key's origins. Preflights are answered here.
 * - Usage per key (requests, codes looked up, errors) is metered when the response finishes.
 */
import type { Request, RequestHandler, Response } from 'express';
import { Problem } from '../http/problem.js';
import { hashKey, KEY_PATTERN, windows } from './keys.js';
import type { Meter } from './meter.js';
import type { KeyRow, KeysRepository } from './repository.js';

export type Limits = {
  enabled: boolean;
  anonymousPerMinute: number;
  keyPerMinute: number;
  keyPerDay: number;
};

export type ApiKey = KeyRow;
export const apiKeyOf = (req: Request): ApiKey | null => (req as Request & { apiKey?: ApiKey }).apiKey ?? null;

const GATED = /^\/(v1|ogc)(\/|$)/;
const ALLOWED_HEADERS = 'X-API-Key, Content-Type, If-None-Match';

function setLimitHeaders(res: Response, limit: number, count: number, reset: number, window: number) {
  res.set({
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(Math.max(0, limit - count)),
    'RateLimit-Reset': String(reset),
    'RateLimit-Policy': `${limit};w=${window}`,
  });
}

const tooMany = (what: string, retryAfter: number) =>
  new Problem(429, 'too-many-requests', 'Too many requests', `${what} Retry after ${retryAfter} s.`, {}, { 'Retry-After': String(retryAfter) });

export function keyGate({ repo, limits, meter, now = Date.now }: { repo: KeysRepository; limits: Limits; meter: Meter; now?: () => number }): RequestHandler {
  return async (req, res, next) => {
    if (!GATED.test(req.path)) return next();
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') {
      res.set({
        'Access-Control-Allow-Origin': origin ?? '*',
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': ALLOWED_HEADERS,
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
      return void res.status(204).end();
    }
    try {
      const header = req.headers['x-api-key'];
      const fromQuery = typeof req.query.key === 'string' ? req.query.key : undefined;
      const key = (Array.isArray(header) ? header[0] : header) ?? fromQuery;
      const w = windows(now());
      if (key !== undefined) {
        if (!KEY_PATTERN.test(key)) throw new Problem(401, 'invalid-api-key', 'Invalid API key', 'This API key is not valid: check it, or ask for a new one.');
        const found = limits.enabled ? await repo.checkAndCount(hashKey(key), w.minute, w.day) : await repo.check(hashKey(key));
        if (!found) throw new Problem(401, 'invalid-api-key', 'Invalid API key', 'This API key is unknown or has been revoked.');
        if (origin && found.allowed_origins.length && !found.allowed_origins.includes(origin)) {
          throw new Problem(403, 'forbidden', 'Origin not allowed', `This API key may not be used from ${origin}.`);
        }
        (req as Request & { apiKey?: ApiKey }).apiKey = found;
        meter.track(found.id, res, now());
        if (origin) res.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
        if (limits.enabled) {
          const dayLeft = limits.keyPerDay - found.day!;
          const minuteLeft = limits.keyPerMinute - found.minute!;
          if (dayLeft < minuteLeft) setLimitHeaders(res, limits.keyPerDay, found.day!, w.dayReset, 86400);
          else setLimitHeaders(res, limits.keyPerMinute, found.minute!, w.minuteReset, 60);
          if (found.day! > limits.keyPerDay) throw tooMany(`The daily quota of this key (${limits.keyPerDay} requests) is used up.`, w.dayReset);
          if (found.minute! > limits.keyPerMinute) throw tooMany(`This key is limited to ${limits.keyPerMinute} requests a minute.`, w.minuteReset);
        }
      } else {
        if (origin) res.set({ 'Access-Control-Allow-Origin': '*' });
        if (limits.enabled) {
          const count = await repo.count(`ip:${req.ip ?? 'unknown'}`, w.minute);
          setLimitHeaders(res, limits.anonymousPerMinute, count, w.minuteReset, 60);
          if (count > limits.anonymousPerMinute) {
            throw tooMany(`Without an API key, ${limits.anonymousPerMinute} requests a minute are allowed from one address; send X-API-Key for more.`, w.minuteReset);
          }
        }
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
