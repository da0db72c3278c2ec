import { z } from 'zod';
import { viewerOf } from '../accounts/viewer.js';
import { problem } from '../http/problem.js';
import { latLngObject, route } from '../http/route.js';
import { PROFILES } from './profiles.js';
import type { RoutingService } from './service.js';

const PointText = z
  .string()
  .trim()
  .min(1, 'a point is an address code or "lat,lng"')
  .max(40, 'a point is an address code or "lat,lng"')
  .describe('an address code (e.g. 25M-SN9-S32) or "lat,lng"');
const PointBody = z.union([PointText, latLngObject]);
const Profile = z.enum(PROFILES).default('motorbike').describe('motorbike (default: alleys yes, motorways no), car, or foot');
const LineString = z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) });
const Step = z.object({
  type: z.enum(['depart', 'turn', 'continue', 'arrive']),
  modifier: z.enum(['straight', 'slight right', 'right', 'sharp right', 'uturn', 'sharp left', 'left', 'slight left']).optional(),
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

export function routingRoutes(service: RoutingService) {
  return [
    route({
      method: 'get',
      path: '/v1/route',
      tags: ['routing'],
      summary: 'Directions between two codes or points on the loaded road network',
      description:
        'Both ends are snapped to the nearest road the profile may use (within 250 m). One-way streets and access tags are respected for vehicles. ' +
        'A point off the loaded network is a 422 with the straight-line distance, never an invented route.',
      query: z.object({ from: PointText, to: PointText, profile: Profile }),
      responses: {
        200: {
          description: 'The route',
          schema: z.object({
            profile: z.enum(PROFILES),
            distance: z.number().describe('metres'),
            duration: z.number().describe('seconds'),
            geometry: LineString,
            steps: z.array(Step),
            from: End,
            to: End,
            straightLine: z.number(),
          }),
        },
        400: problem('Missing or malformed from/to, a mistyped code (with suggestions), or an unknown profile'),
        422: problem('A point off the loaded road network, or no connection (with the straight-line distance)'),
      },
      handler: async ({ query }, req) => service.route(query.from, query.to, query.profile, viewerOf(req)),
    }),
    route({
      method: 'post',
      path: '/v1/routes/optimize',
      access: 'read',
      tags: ['routing'],
      summary: 'The best order to visit up to 100 stops, from a start to an end (or back to the start)',
      description:
        'Travel times between all points come from the road network (one Dijkstra per point); up to 12 stops are ordered exactly (Held–Karp), ' +
        'more by cheapest/farthest insertion improved with 2-opt, Or-opt and iterated local search. `order` indexes into `stops`.',
      body: z
        .object({
          start: PointBody,
          stops: z.array(PointBody).min(1, 'at least one stop').max(100, 'at most 100 stops'),
          end: PointBody.optional().describe('where the round ends; omitted = back to the start'),
          profile: Profile,
        })
        .strict(),
      responses: {
        200: {
          description: 'The round',
          schema: z.object({
            profile: z.enum(PROFILES),
            order: z.array(z.number().int()),
            legs: z.array(z.object({ from: z.string(), to: z.string(), distance: z.number(), duration: z.number() })),
            distance: z.number(),
            duration: z.number(),
            geometry: LineString,
            method: z.enum(['exact', 'heuristic']),
            timings: z.object({ matrixMs: z.number(), solveMs: z.number() }),
          }),
        },
        400: problem('Malformed body, more than 100 stops, a mistyped code'),
        422: problem('Points off the road network, or stops no route reaches'),
      },
      handler: async ({ body }, req) => service.optimize(body, viewerOf(req)),
    }),
  ];
}
