/**
 * Search, parsing free-text addresses and converting pre-2025 units to 2025 ones. The service
 * (service.ts) holds the rules; the gazetteer (2025 units + the old→new crosswalk) is built once,
 * on first use, by the loader passed to it.
 */
import { chargeRows, ROWS_PER_REQUEST } from '../keys/gate.js';
import { z } from 'zod';
import { problem } from '../http/problem.js';
import { latLngPair, route } from '../http/route.js';
import { Converted, Line, ParsedLine, SearchResult } from './schemas.js';
import type { SearchService } from './service.js';

export function searchRoutes({ service }: { service: SearchService }) {
  return [
    route({
      method: 'get',
      path: '/v1/search',
      tags: ['search'],
      summary:
        'One box for everything: a code (whole, partial or mistyped), a house number and street, a place, a ward or province, old or new',
      description:
        'With or without diacritics, either tone-mark placement, decomposed Unicode. The last word is read as a prefix (autocomplete). ' +
        'A mistyped code answers the valid codes one edit away, nearest to `near` first. Pre-2025 units ("phường 6 quận 3") answer their 2025 ward with `formerly`. ' +
        'Private addresses are never returned.',
      query: z.object({
        q: Line.refine((s) => s.trim().length > 0, 'q is empty').describe('What the user typed (at most 500 characters)'),
        near: latLngPair.optional().describe('"lat,lng": rank nearer results first'),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
      responses: {
        200: { description: 'Results, best first', schema: z.object({ results: z.array(SearchResult) }) },
        400: problem('q missing, empty, over 500 characters or with control characters; bad near or limit'),
      },
      handler: async ({ query }) => ({ results: await service.search({ q: query.q, near: query.near ?? null, limit: query.limit }) }),
    }),
    route({
      method: 'post',
      path: '/v1/addresses/parse',
      access: 'read',
      tags: ['search'],
      summary: 'Split Vietnamese address lines into their parts and resolve them to the 2025 ward, its postal code and province',
      description: `Send {text} for one line, or {texts: [...]} (up to 1,000) for many, answered in input order; against the rate limits ${ROWS_PER_REQUEST} lines count as one request. Pre-2025 units are converted with the old→new crosswalk.`,
      body: z.union([
        z.object({ text: Line }).strict(),
        z.object({ texts: z.array(Line).min(1, 'texts holds at least one line').max(1000, 'at most 1,000 lines per request') }).strict(),
      ]),
      responses: {
        200: {
          description: '{result} or {results}',
          schema: z.union([z.object({ result: ParsedLine }), z.object({ results: z.array(ParsedLine) })]),
        },
        400: problem('Not {text} or {texts}, a line over 500 characters, or more than 1,000 lines'),
      },
      handler: async ({ body }, _req, res) => {
        if ('text' in body) return { result: (await service.parseMany([body.text]))[0]! };
        chargeRows(res, body.texts.length);
        return { results: await service.parseMany(body.texts) };
      },
    }),
    route({
      method: 'get',
      path: '/v1/admin/convert',
      tags: ['admin units'],
      summary: 'Convert a pre-2025 address (old ward, district, province, in any spelling) to its 2025 ward and province',
      description:
        'Where the old ward went to several new wards, `candidates` lists them; with `point=lat,lng` the ward containing the point is chosen.',
      query: z.object({
        ward: Line.optional(),
        district: Line.optional(),
        province: Line.optional(),
        point: latLngPair.optional().describe('"lat,lng" of the address, to choose between candidates'),
      }),
      responses: {
        200: { description: 'The 2025 units', schema: Converted },
        404: problem('Nothing matches'),
      },
      handler: ({ query }) => service.convert(query),
    }),
  ];
}
