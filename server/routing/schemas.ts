/**
 * The shapes of directions and delivery rounds, declared once: the routes publish them; steps.ts
 * and the service take their types from them with z.infer (type-only imports, so the pure core
 * holds no zod at run time), and a change here the code does not follow fails tsc.
 */
import { z } from 'zod';
import { latLngObject } from '../http/route.js';
import { PROFILES } from './profiles.js';
import { MODIFIERS } from './steps.js';

export const PointText = z
  .string()
  .trim()
  .min(1, 'a point is an address code or "lat,lng"')
  .max(40, 'a point is an address code or "lat,lng"')
  .describe('an address code (e.g. 25M-SN9-S32) or "lat,lng"');
export const PointBody = z.union([PointText, latLngObject]);
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
