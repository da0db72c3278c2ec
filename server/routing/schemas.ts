/**
 * The shapes of directions and delivery rounds, declared once: the routes publish them; steps.ts
 * and the service take their types from them with z.infer (type-only imports, so the pure core
 * holds no zod at run time), and a change here the code does not follow fails tsc.
 */
import { z } from 'zod';
import { latLngObject } from '../http/route.js';
import { PROFILES } from './profiles.js';
import { MODIFIERS } from './steps.js';

/** "lat,lng" as a point's text; anything else is read as an address code. */
export const LAT_LNG_TEXT = /^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$/;
const inRange = (text: string) => {
  const m = LAT_LNG_TEXT.exec(text);
  return !m || (Math.abs(Number(m[1])) <= 90 && Math.abs(Number(m[2])) <= 180);
};
export const PointText = z
  .string()
  .trim()
  .min(1, 'a point is an address code or "lat,lng"')
  .max(40, 'a point is an address code or "lat,lng"')
  .refine(inRange, 'latitude is between -90 and 90, longitude between -180 and 180')
  .describe('an address code (e.g. 25M-SN9-S32) or "lat,lng"');
/** What a point that is neither text nor {lat, lng} got wrong (zod's own word for a failed union is "Invalid input"). */
function pointShape(input: unknown): string {
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    for (const key of ['lat', 'lng'] as const) {
      const v = (input as Record<string, unknown>)[key];
      if (typeof v !== 'number') return `${key} must be a number, not ${v === undefined ? 'missing' : JSON.stringify(v)}`;
    }
  }
  return 'a point is an address code, "lat,lng", or {"lat": number, "lng": number}';
}
export const PointBody = z.union([PointText, latLngObject], { error: (issue) => pointShape(issue.input) });
export const Profile = z.enum(PROFILES).default('motorbike').describe('motorbike (default: alleys yes, motorways no), car, or foot');
export const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) });

export const Step = z.object({
  type: z.enum(['depart', 'turn', 'continue', 'arrive']),
  modifier: z.enum(MODIFIERS).optional(),
  name: z.string().nullable().describe('street name as OpenStreetMap writes it'),
  distance: z.number().describe('metres'),
  duration: z.number().describe('seconds'),
  location: z.array(z.number()).describe('[lng, lat] of the manoeuvre'),
  instruction: z.string().describe('Vietnamese'),
  instructionEn: z.string(),
});
const End = z.object({
  lat: z.number(),
  lng: z.number(),
  code: z.string().nullable(),
  snapped: z.object({ lat: z.number(), lng: z.number(), distance: z.number() }),
});

/** GET /v1/route. */
export const Directions = z.object({
  profile: z.enum(PROFILES),
  distance: z.number().describe('metres'),
  duration: z.number().describe('seconds'),
  geometry: LineString,
  steps: z.array(Step),
  from: End,
  to: End,
  straightLine: z.number(),
});

/** POST /v1/routes/optimize. */
export const Round = z.object({
  profile: z.enum(PROFILES),
  order: z.array(z.number().int()),
  legs: z.array(
    z.object({
      from: z.string().describe('start, stops[i] or end'),
      to: z.string(),
      distance: z.number().describe('metres'),
      duration: z.number().describe('seconds'),
      straightLine: z
        .boolean()
        .describe(
          'true: no loaded road carries this leg, so it is the straight line, its time at a slow pace (motorbike 15, car 12, foot 5 km/h)',
        ),
      reason: z
        .enum(['off-road', 'no-route'])
        .optional()
        .describe('why a leg is a straight line: an end is off the loaded roads (see offRoad), or the roads under both ends do not meet'),
      geometry: LineString.optional().describe(
        "a straight-line leg's two ends, to draw it apart (e.g. dashed); the round's geometry holds it too",
      ),
    }),
  ),
  offRoad: z
    .array(z.string())
    .describe(
      'points (start, stops[i], end) more than 250 m from any road this profile may use: every leg to or from them is a straight line',
    ),
  distance: z.number(),
  duration: z.number(),
  geometry: LineString,
  method: z.enum(['exact', 'heuristic']),
  timings: z.object({ matrixMs: z.number(), solveMs: z.number() }),
});
