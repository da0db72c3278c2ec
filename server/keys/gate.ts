/**
 * The API's front door for keys, limits and CORS, on /v1 and /ogc, and the tiles' own budget
 * (pages and files pass):
 *
 * - A key comes as `X-API-Key` or `?key=` (map clients cannot set headers). Unknown or revoked:
 *   401. Its allowed origins (if any) must include the request's Origin: else 403. Its scope is
 *   checked per route by mountRoutes (a read key on a write route: 403).
 * - Limits, when on, counted in PostgreSQL (one statement per request), so they hold across
 *   processes. Over a limit: 429 problem+json with Retry-After. Every limited response carries
 *   RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset and RateLimit-Policy.
 *   - Without a key: per client address per minute.
 *   - With a key: per minute and per day (Vietnam's day), counted per account (all of an
 *     account's keys together; a key made for no account counts alone). The limit is the
 *     account's when an administrator raised it; else a key the account made for itself
 *     (self-issued) gets the anonymous per-minute limit, so a free account cannot mint itself
 *     capacity, and a key an administrator made gets the key limits.
 *   - /v1/auth/* (sign-in, sign-up, reset…): also per client address, whatever key comes along:
 *     a key never buys more password guesses.
 *   - /tiles/*: per client address, with its own budget (a map view loads dozens of tiles at
 *     once), apart from the API's so that panning a map never uses up the page's API calls.
 * - CORS: anonymous requests may come from any origin (no credentials are ever allowed); keyed
 *   ones from the key's origins. Preflights are answered here.
 * - A request that did the work of many (a batch file of 20,000 rows) says so with chargeRequests:
 *   when it finishes, the extra units are added to the same counters (per address, or the key's
 *   account per minute and per day), so the next requests meet the limit sooner; a batch cannot
 *   buy a hundred times the work of a lookup for the price of one.
 * - Usage per key (requests, codes looked up, errors) is metered when the response finishes.
 */
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AUTH_PER_MINUTE, TILES_PER_MINUTE, type Limits } from '../config.js';
import { Problem } from '../http/problem.js';
import { hashKey, KEY_PATTERN, windows } from './keys.js';
import type { Meter } from './meter.js';
import type { KeyCheck, KeyRow, KeysRepository } from './repository.js';

/**
 * Rows (or lines) of a batch that count as one request against the rate limits: a 20,000-row
 * file counts 200, a 1,000-line parse 10. A lookup's cost is about one row's.
 */
export const ROWS_PER_REQUEST = 100;
/** A handler whose request did the work of `rows` rows (or lines) says so; the gate charges it when the response finishes. */
export function chargeRows(res: Response, rows: number): void {
  res.locals.requestUnits = Math.max(1, Math.ceil(rows / ROWS_PER_REQUEST));
}

export type ApiKey = KeyRow;
export const apiKeyOf = (req: Request): ApiKey | null => (req as Request & { apiKey?: ApiKey }).apiKey ?? null;

const GATED = /^\/(?:v1|ogc)(?:\/|$)/;
const AUTH = /^\/v1\/auth(?:\/|$)/;
const TILES = /^\/tiles\//;
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
  new Problem(
    429,
    'too-many-requests',
    'Too many requests',
    `${what} Retry after ${retryAfter} s.`,
    {},
    { 'Retry-After': String(retryAfter) },
  );

type Windows = ReturnType<typeof windows>;

/** The key as sent: the X-API-Key header (the first, if repeated), else `?key=`, which map clients can set. */
function keySent(req: Request): string | undefined {
  const header = req.headers['x-api-key'];
  const fromQuery = typeof req.query.key === 'string' ? req.query.key : undefined;
  return (Array.isArray(header) ? header[0] : header) ?? fromQuery;
}

/** The per-minute and per-day limits of a keyed request, and whose they are: see the header comment. */
function keyLimits(key: KeyCheck, limits: Limits): { perMinute: number; perDay: number; whose: string; note: string } {
  const whose = key.owner_id ? 'the keys of this account' : 'this key';
  if (key.per_minute !== null && key.per_day !== null) return { perMinute: key.per_minute, perDay: key.per_day, whose, note: '' };
  if (key.self_issued) {
    return {
      perMinute: Math.min(limits.anonymousPerMinute, limits.keyPerMinute),
      perDay: limits.keyPerDay,
      whose,
      note: ' Keys an account makes for itself have the anonymous limit until an administrator raises the account.',
    };
  }
  return { perMinute: limits.keyPerMinute, perDay: limits.keyPerDay, whose, note: '' };
}

export function keyGate({
  repo,
  limits,
  meter,
  now = Date.now,
}: {
  repo: KeysRepository;
  limits: Limits;
  meter: Meter;
  now?: () => number;
}): RequestHandler {
  const authPerMinute = limits.authPerMinute ?? AUTH_PER_MINUTE;
  const tilesPerMinute = limits.tilesPerMinute ?? TILES_PER_MINUTE;
  const client = (req: Request) => req.ip ?? 'unknown';
  // the messages of the budgets fixed when the gate is made: written once, not per request
  const tilesOver = `Map tiles are limited to ${tilesPerMinute} a minute from one address.`;
  const authOver = `Signing in, signing up and resetting passwords are limited to ${authPerMinute} requests a minute from one address.`;

  /**
   * Adds what a request did beyond one unit (chargeRows) to its counters when it finishes. Best
   * effort: the answer is sent; a counter that cannot be written costs the client nothing.
   */
  function chargeExtra(res: Response, buckets: [string, number][]) {
    res.on('finish', () => {
      const extra = Number(res.locals.requestUnits ?? 1) - 1;
      if (extra > 0) for (const [bucket, window] of buckets) repo.charge(bucket, window, extra).catch(() => {});
    });
  }

  /** One per-address budget: counts the request, sets the headers, throws 429 beyond it. */
  async function perAddress(res: Response, bucket: string, limit: number, over: string) {
    const w = windows(now());
    const count = await repo.count(bucket, w.minute);
    setLimitHeaders(res, limit, count, w.minuteReset, 60);
    if (count > limit) throw tooMany(over, w.minuteReset);
  }

  /** Map tiles: their own per-address budget, from any origin; no key is asked for. */
  function tiles(req: Request, res: Response, next: NextFunction) {
    if (!limits.enabled || req.method === 'OPTIONS') return next();
    // the tiles answer any origin; so must their 429, or a map on another site sees a CORS error instead
    res.set('Access-Control-Allow-Origin', '*');
    return perAddress(res, `tiles:${client(req)}`, tilesPerMinute, tilesOver).then(() => next(), next);
  }

  /** A CORS preflight, answered here: it carries no key, and the request it announces is checked when it comes. */
  function preflight(res: Response, origin: string | undefined) {
    res.set({
      'Access-Control-Allow-Origin': origin ?? '*',
      'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': ALLOWED_HEADERS,
      'Access-Control-Max-Age': '600',
      Vary: 'Origin',
    });
    res.status(204).end();
  }

  /** The limits of a keyed request, counted by checkAndCount: per minute and per day, per account (or per key). */
  function keyedLimits(res: Response, found: KeyCheck, w: Windows) {
    chargeExtra(
      res,
      found.owner_id
        ? [
            [`acct:${found.owner_id}`, w.minute],
            [`acctday:${found.owner_id}`, w.day],
          ]
        : [
            [`key:${found.id}`, w.minute],
            [`keyday:${found.id}`, w.day],
          ],
    );
    const { perMinute, perDay, whose, note } = keyLimits(found, limits);
    const dayLeft = perDay - found.day!;
    const minuteLeft = perMinute - found.minute!;
    if (dayLeft < minuteLeft) setLimitHeaders(res, perDay, found.day!, w.dayReset, 86400);
    else setLimitHeaders(res, perMinute, found.minute!, w.minuteReset, 60);
    if (found.day! > perDay) throw tooMany(`The daily quota of ${whose} (${perDay} requests) is used up.${note}`, w.dayReset);
    if (found.minute! > perMinute) throw tooMany(`Requests with ${whose} are limited to ${perMinute} a minute.${note}`, w.minuteReset);
  }

  /** After the key's own limits: a key never lifts the per-address budget of signing in. */
  const signingIn = (req: Request) => limits.enabled && AUTH.test(req.path);
  const authBudget = (req: Request, res: Response) => perAddress(res, `auth:${client(req)}`, authPerMinute, authOver);

  /** A request with a key: well formed, known and not revoked, allowed from its origin, within its limits. */
  async function keyed(req: Request, res: Response, next: NextFunction, key: string, origin: string | undefined) {
    try {
      const w = windows(now());
      if (!KEY_PATTERN.test(key))
        throw new Problem(401, 'invalid-api-key', 'Invalid API key', 'This API key is not valid: check it, or ask for a new one.');
      const found = limits.enabled ? await repo.checkAndCount(hashKey(key), w.minute, w.day) : await repo.check(hashKey(key));
      if (!found) throw new Problem(401, 'invalid-api-key', 'Invalid API key', 'This API key is unknown or has been revoked.');
      if (origin && found.allowed_origins.length && !found.allowed_origins.includes(origin)) {
        throw new Problem(403, 'forbidden', 'Origin not allowed', `This API key may not be used from ${origin}.`);
      }
      (req as Request & { apiKey?: ApiKey }).apiKey = found;
      meter.track(found.id, res, now());
      if (origin) res.set({ 'Access-Control-Allow-Origin': origin, Vary: 'Origin' });
      if (limits.enabled) keyedLimits(res, found, w);
      if (signingIn(req)) await authBudget(req, res);
      next();
    } catch (error) {
      next(error);
    }
  }

  /** A request without a key: from any origin, within the per-address budget. */
  async function anonymous(req: Request, res: Response, next: NextFunction, origin: string | undefined) {
    try {
      const w = windows(now());
      if (origin) res.set({ 'Access-Control-Allow-Origin': '*' });
      if (limits.enabled) {
        chargeExtra(res, [[`ip:${client(req)}`, w.minute]]);
        await perAddress(
          res,
          `ip:${client(req)}`,
          limits.anonymousPerMinute,
          `Without an API key, ${limits.anonymousPerMinute} requests a minute are allowed from one address; send X-API-Key for more.`,
        );
      }
      if (signingIn(req)) await authBudget(req, res);
      next();
    } catch (error) {
      next(error);
    }
  }

  return (req, res, next) => {
    if (TILES.test(req.path)) return tiles(req, res, next);
    if (!GATED.test(req.path)) return next();
    const origin = req.headers.origin;
    if (req.method === 'OPTIONS') return preflight(res, origin);
    const key = keySent(req);
    return key !== undefined ? keyed(req, res, next, key, origin) : anonymous(req, res, next, origin);
  };
}
