import { z } from 'zod';
import { viewerOf } from '../accounts/viewer.js';
import { problem } from '../http/problem.js';
import { latitude, latLngPair, longitude, queryNumber, route } from '../http/route.js';
import { encode } from './codec.js';
import { BatchLookupBody, BatchLookupResult, CodeInfo, CodeLookup } from './schemas.js';
import { describeCode, outsideCoverage, type CodesService } from './service.js';

const NearQuery = z.object({ near: latLngPair.optional().describe('"lat,lng": rank typo suggestions by distance from here') });

export function codesRoutes(service: CodesService) {
  return [
    route({
      method: 'get',
      path: '/v1/codes/:code',
      etag: true,
      tags: ['codes'],
      summary: 'Decode an address code',
      description:
        'Any valid code, registered or not: the cell, its centre, outline and current ward, province and postal code, and the registered address if any. ' +
        'Forgiving input: lower case, spaces and hyphens anywhere, O for 0, I or L for 1. A unit may follow a slash (encoded as %2F).',
      params: z.object({ code: z.string().describe('e.g. 25M-SN9-S32 or 25M-SN9-S32%2FA12') }),
      query: NearQuery,
      responses: {
        200: { description: 'The decoded code', schema: CodeLookup },
        400: problem('Malformed code or failed check character, with up to 5 suggestions one edit away'),
      },
      handler: async ({ params, query }, req, res) => {
        res.locals.codes = 1; // metered per API key
        const { code, unit } = await service.parseOrThrow(params.code, query.near);
        return service.lookup(code, unit, viewerOf(req));
      },
    }),
    route({
      method: 'get',
      path: '/v1/codes/:code/:unit',
      etag: true,
      tags: ['codes'],
      summary: 'Decode an address code with a unit (flat, room, stall)',
      params: z.object({ code: z.string(), unit: z.string().describe('1 to 6 letters or digits') }),
      query: NearQuery,
      responses: {
        200: { description: 'The decoded code and unit', schema: CodeLookup },
        400: problem('Malformed code, failed check character or invalid unit'),
      },
      handler: async ({ params, query }, req, res) => {
        res.locals.codes = 1;
        const { code, unit } = await service.parseOrThrow(`${params.code}/${params.unit}`, query.near);
        return service.lookup(code, unit, viewerOf(req));
      },
    }),
    route({
      method: 'post',
      path: '/v1/codes/lookup',
      access: 'read',
      tags: ['codes'],
      summary: 'Decode up to 1,000 codes in one request',
      description:
        'Answered in input order as {query, result}; an invalid code gets result null and an error with suggestions, and does not fail the others.',
      body: BatchLookupBody,
      responses: {
        200: { description: 'One entry per code, in input order', schema: BatchLookupResult },
        400: problem('The body is not {codes: [...]} with 1 to 1,000 strings'),
      },
      handler: async ({ body }, req, res) => {
        res.locals.codes = body.codes.length;
        return { results: await service.lookupMany(body.codes, viewerOf(req), { cell: body.cell }) };
      },
    }),
    route({
      method: 'get',
      path: '/v1/encode',
      tags: ['codes'],
      summary: 'The code of a point (nothing is stored)',
      query: z.object({ lat: latitude(queryNumber('lat')), lng: longitude(queryNumber('lng')) }),
      responses: {
        200: { description: 'The code of the cell containing the point', schema: CodeInfo },
        400: problem('lat or lng missing or not a number in range'),
        422: problem('The point is outside coverage'),
      },
      handler: ({ query }) => {
        const code = encode(query.lat, query.lng);
        if (!code) throw outsideCoverage(query.lat, query.lng);
        return describeCode(code, null);
      },
    }),
  ];
}
