/**
 * Query parameters of OGC API - Features - Part 1: Core, validated at the edge like every other
 * route: an invalid value is a 400 problem+json naming the parameter (/req/core/query-param-invalid).
 * The query schemas are strict, so a parameter the API definition does not name is a 400 too
 * (/req/core/query-param-unknown). The `.meta()` overrides make /openapi.json document the
 * parameters by what they mean (an integer limit with its maximum), not by their string form.
 */
import { z } from 'zod';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/**
 * Deepest offset served. OFFSET makes the database walk and discard every row it skips (~3 s at
 * 3,000,000 addresses), so beyond this a client follows the `next` links, whose cursor starts
 * each page in the index (cursor.ts). GDAL and QGIS follow those links; offset stays for clients
 * that build their own first pages.
 */
export const MAX_OFFSET = 10_000;

/** Decimal numbers, each digit with one place in the pattern (no quadratic split of a digit run). */
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const WHOLE = /^\d+$/;

/** A bounding box in CRS84. west > east is a box that crosses the antimeridian (allowed by the standard). */
export type Bbox = { west: number; south: number; east: number; north: number };

export const bboxParam = z
  .string()
  .transform((text, ctx): Bbox => {
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message, input: text });
      return z.NEVER;
    };
    const parts = text.split(',').map((p) => p.trim());
    if (parts.length !== 4 && parts.length !== 6)
      return fail('bbox has 4 comma-separated numbers: minLon,minLat,maxLon,maxLat (or 6 with heights)');
    if (!parts.every((p) => NUMBER.test(p))) return fail('bbox values must be numbers, for example 105.83,21.02,105.86,21.04');
    const n = parts.map(Number);
    const [west, south, east, north] = (n.length === 4 ? n : [n[0], n[1], n[3], n[4]]) as [number, number, number, number];
    if (n.length === 6 && n[2]! > n[5]!) return fail('bbox: the minimum height must not exceed the maximum height');
    if (Math.abs(west) > 180 || Math.abs(east) > 180) return fail('bbox longitudes are between -180 and 180');
    if (Math.abs(south) > 90 || Math.abs(north) > 90) return fail('bbox latitudes are between -90 and 90');
    if (south > north) return fail('bbox: minLat must not exceed maxLat');
    return { west, south, east, north };
  })
  .optional()
  .meta({
    type: 'string',
    description:
      'Only features whose geometry intersects this box: minLon,minLat,maxLon,maxLat in WGS 84 longitude/latitude (CRS84), ' +
      'or 6 numbers with minimum and maximum heights (ignored). minLon > maxLon is a box that crosses the antimeridian.',
    examples: ['105.83,21.02,105.86,21.04'],
  });

export const limitParam = z
  .string()
  .trim()
  .refine((s) => WHOLE.test(s), 'limit is a whole number from 1')
  .transform(Number)
  .pipe(z.number().int().min(1, 'limit is at least 1'))
  // /req/core/fc-limit-response-1, 1.0.1 clarification: a limit above the maximum is not an error, the maximum applies
  .transform((n) => Math.min(n, MAX_LIMIT))
  .optional()
  .meta({
    type: 'integer',
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
    description: `Features per page, default ${DEFAULT_LIMIT}; a larger value than ${MAX_LIMIT} is served as ${MAX_LIMIT}. Follow the \`next\` link for more.`,
  });

export const offsetParam = z
  .string()
  .trim()
  .refine((s) => WHOLE.test(s), 'offset is a whole number from 0')
  .transform(Number)
  .pipe(
    z
      .number()
      .int()
      .max(
        MAX_OFFSET,
        `offset is at most ${MAX_OFFSET.toLocaleString('en-US')}: to read further, follow the \`next\` links (their cursor costs the same on every page)`,
      ),
  )
  .optional()
  .meta({
    type: 'integer',
    minimum: 0,
    maximum: MAX_OFFSET,
    default: 0,
    description:
      `Features to skip, in the collection’s order (by id), at most ${MAX_OFFSET.toLocaleString('en-US')}. ` +
      'To read further, follow the `next` links (they carry a `cursor`); not together with `cursor`.',
  });

/** The `cursor` of a `next` link: opaque, checked against its collection by cursor.ts; here only its outer form. */
export const cursorParam = z
  .string()
  .max(100, 'cursor is not one this server made: follow the `next` link as given')
  .regex(/^[A-Za-z0-9_-]+$/, 'cursor is not one this server made: follow the `next` link as given')
  .optional()
  .meta({
    type: 'string',
    description:
      'Where the page starts: set by the `next` link of the previous page. Opaque; a cursor that was edited, or made for another collection, is a 400.',
  });

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 date-time (or full date) as epoch milliseconds, or null if it is not one. */
function instant(text: string): number | null {
  const m = DATE_TIME.exec(text) ?? DATE.exec(text);
  if (!m) return null;
  const [month, day] = [Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const ms = Date.parse(m[4] === undefined ? `${text}T00:00:00Z` : text);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * `datetime` (/req/core/fc-time-definition): an instant or an interval (`start/end`, `../end`,
 * `start/..`). It is validated, but it matches every feature: these features have no temporal
 * geometry (an address is a place, `updated_at` is when its record last changed), and
 * /req/core/fc-time-response C says such features match any datetime.
 */
export const datetimeParam = z
  .string()
  .trim()
  .superRefine((text, ctx) => {
    const bad = (message: string) => ctx.addIssue({ code: 'custom', message, input: text });
    const ends = text.split('/');
    if (ends.length > 2) return bad('datetime is an RFC 3339 date-time or an interval start/end');
    if (ends.length === 1) {
      if (instant(text) === null) bad('datetime is an RFC 3339 date-time, for example 2025-07-01T00:00:00Z, or an interval start/end');
      return;
    }
    const [start, end] = ends.map((e) => (e === '' || e === '..' ? null : e)) as [string | null, string | null];
    if (start === null && end === null) return bad('datetime: an interval needs at least one end');
    const s = start === null ? -Infinity : instant(start);
    const e = end === null ? Infinity : instant(end);
    if (s === null || e === null) return bad('datetime: each end of the interval is an RFC 3339 date-time or ".."');
    if (s > e) bad('datetime: the interval starts after it ends');
  })
  .optional()
  .meta({
    type: 'string',
    description:
      'An RFC 3339 date-time or interval (start/end, ../end, start/..). Accepted as the standard requires; these features have no ' +
      'temporal geometry, so every feature matches.',
    examples: ['2025-07-01T00:00:00Z/..'],
  });

/** `f`: the only encoding is JSON (GeoJSON for features). */
export const formatParam = (values: [string, ...string[]]) =>
  z
    .enum(values, { error: `f=${values.join(' or f=')} is the only format: this API serves JSON (GeoJSON for features)` })
    .optional()
    .describe('Encoding; only JSON (GeoJSON for features) is served');
