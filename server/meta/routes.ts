import { z } from 'zod';
import { CODE_RESOLUTION, COVERAGE_CELLS, FORMAT_VERSION } from '../codes/codec.js';
import { PROBLEM_TYPES, Problem, type ProblemType, problem } from '../http/problem.js';
import { route } from '../http/route.js';
import { ATTRIBUTION } from './attribution.js';

export const Meta = z.object({
  name: z.string(),
  formatVersion: z.number().int(),
  code: z.object({ resolution: z.number().int(), coverageCells: z.number().int(), documentation: z.string() }),
  attribution: z.array(z.object({ data: z.string(), text: z.string(), license: z.string() })),
  links: z.record(z.string(), z.string()),
  map: z.object({
    styleUrl: z.string().nullable().describe('external MapLibre style configured by the operator; null = the built-in offline style'),
  }),
});

export function metaRoutes({ mapStyleUrl }: { mapStyleUrl?: string | undefined } = {}) {
  return [
    route({
      method: 'get',
      path: '/v1',
      tags: ['meta'],
      summary: 'About this API: code format, coverage, data attribution',
      responses: { 200: { description: 'Metadata', schema: Meta } },
      handler: () => ({
        name: 'Mã địa chỉ số Việt Nam — Vietnam digital address codes',
        formatVersion: FORMAT_VERSION,
        code: { resolution: CODE_RESOLUTION, coverageCells: COVERAGE_CELLS.length, documentation: 'docs/address-code.md' },
        attribution: ATTRIBUTION,
        links: { openapi: '/openapi.json', health: '/healthz', ready: '/readyz', about: '/about', tiles: '/tiles/{layer}/{z}/{x}/{y}.mvt' },
        map: { styleUrl: mapStyleUrl ?? null },
      }),
    }),
    route({
      method: 'get',
      path: '/problems/:type',
      tags: ['meta'],
      summary: 'What a problem type means',
      params: z.object({ type: z.string() }),
      responses: {
        200: { description: 'The problem type', schema: z.object({ type: z.string(), description: z.string() }) },
        404: problem('No such problem type'),
      },
      handler: ({ params }) => {
        const description = PROBLEM_TYPES[params.type as ProblemType];
        if (!description) throw new Problem(404, 'not-found', 'Not found', `No problem type "${params.type}".`);
        return { type: `/problems/${params.type}`, description };
      },
    }),
  ];
}
