import { z } from 'zod';
import { viewerOf } from '../accounts/viewer.js';
import { problem } from '../http/problem.js';
import { route } from '../http/route.js';
import { Directions, PointBody, PointText, Profile, Round } from './schemas.js';
import type { RoutingService } from './service.js';

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
        200: { description: 'The route', schema: Directions },
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
        'more by cheapest/farthest insertion improved with 2-opt, Or-opt and iterated local search. `order` indexes into `stops`. ' +
        'A point outside the area codes cover (Vietnam, its islands and a sea margin) is a 422 naming it. ' +
        'A point more than 250 m from any road (beyond the loaded extracts) does not fail the round: it is listed in `offRoad`, and every leg to or from it, ' +
        'like a leg between roads that do not meet, is the straight line (`straightLine: true`, with its `reason` and `geometry`), timed at a slow pace for the profile. ' +
        'With no point on the roads the whole round is straight lines.',
      body: z
        .object({
          start: PointBody,
          stops: z.array(PointBody).min(1, 'at least one stop').max(100, 'at most 100 stops'),
          end: PointBody.optional().describe('where the round ends; omitted = back to the start'),
          profile: Profile,
        })
        .strict(),
      responses: {
        200: { description: 'The round', schema: Round },
        400: problem(
          'Malformed body, more than 100 stops, a stop out of range or of the wrong shape (`errors[].field` names it, e.g. stops.7.lat), a mistyped code (`point` names it)',
        ),
        422: problem('A point outside the area codes cover (`point` names it, e.g. stops[7])'),
      },
      handler: async ({ body }, req) => service.optimize(body, viewerOf(req)),
    }),
  ];
}
