import { z } from 'zod';
import { viewerOf } from '../accounts/viewer.js';
import { AddressStatus, Details } from '../addresses/schemas.js';
import { problem } from '../http/problem.js';
import { route } from '../http/route.js';
import type { WardsService } from './service.js';

const WardParam = z.object({ wardCode: z.string().regex(/^\d{5}$/, 'a ward code has 5 digits') });
const staffOnly = { 401: problem('Not signed in'), 403: problem('Not staff of this ward') };

/** A registered address as the ward's export lists it: the same details as everywhere (addresses/schemas.ts). */
const AddressProperties = z
  .object({ code: z.string(), unit: z.string().nullable(), status: AddressStatus, private: z.boolean(), version: z.number().int() })
  .extend(Details.shape)
  .extend({ updatedAt: z.string() });
const WardAddresses = z.object({
  wardCode: z.string(),
  count: z.number().int(),
  addresses: z.array(AddressProperties.extend({ lat: z.number(), lng: z.number() })),
});
const AddressFeatures = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Point'), coordinates: z.array(z.number()) }),
      properties: AddressProperties,
    }),
  ),
});
const Coverage = z.object({
  type: z.literal('FeatureCollection'),
  resolution: z.number().int().describe('H3 resolution of the cells (9, ~0.1 km²)'),
  cells: z.number().int(),
  emptyCells: z.number().int(),
  features: z.array(
    z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
      properties: z.object({ h3: z.string(), count: z.number().int().describe('addresses in the cell; 0 = a gap') }),
    }),
  ),
});
const ImportReport = z.object({
  dryRun: z.boolean(),
  total: z.number().int(),
  valid: z.number().int(),
  invalid: z.number().int(),
  rows: z.array(
    z.object({
      row: z.number().int().describe('1 = the first data row'),
      ok: z.boolean(),
      code: z.string().optional(),
      error: z.string().optional(),
    }),
  ),
});

export function wardsRoutes(service: WardsService) {
  return [
    route({
      method: 'get',
      path: '/v1/wards/:wardCode/addresses',
      tags: ['console'],
      summary: 'A ward’s registered addresses, as JSON, GeoJSON or CSV (its staff)',
      params: WardParam,
      query: z.object({
        format: z.enum(['json', 'geojson', 'csv']).optional(),
        status: AddressStatus.optional(),
      }),
      responses: {
        200: {
          description: 'The addresses: JSON, or GeoJSON and CSV as downloads',
          schema: WardAddresses,
          alternatives: [{ contentType: 'application/geo+json', schema: AddressFeatures }, { contentType: 'text/csv' }],
        },
        ...staffOnly,
      },
      handler: async ({ params, query }, req, res) => {
        const format = query.format ?? 'json';
        const out = await service.addresses(viewerOf(req), params.wardCode, format, query.status);
        res.set('Cache-Control', 'private, no-store');
        if (format === 'csv') return void res.type('text/csv; charset=utf-8').attachment(`addresses-${params.wardCode}.csv`).send(out);
        if (format === 'geojson')
          return void res.type('application/geo+json').attachment(`addresses-${params.wardCode}.geojson`).send(JSON.stringify(out));
        return out;
      },
    }),
    route({
      method: 'get',
      path: '/v1/wards/:wardCode/stats',
      tags: ['console'],
      summary: 'Coverage statistics of a ward (its staff)',
      params: WardParam,
      responses: {
        200: {
          description: 'Counts',
          schema: z.object({
            wardCode: z.string(),
            addresses: z.number(),
            verified: z.number(),
            draft: z.number(),
            needsReview: z.number(),
            private: z.number(),
            verifiedShare: z.number(),
            pendingProposals: z.number(),
          }),
        },
        ...staffOnly,
      },
      handler: ({ params }, req) => service.stats(viewerOf(req), params.wardCode),
    }),
    route({
      method: 'get',
      path: '/v1/wards/:wardCode/coverage',
      tags: ['console'],
      summary: 'Coverage map: H3 resolution-9 cells over the ward with address counts (0 = a gap)',
      params: WardParam,
      responses: { 200: { description: 'GeoJSON FeatureCollection of the cells', schema: Coverage }, ...staffOnly },
      handler: ({ params }, req) => service.coverage(viewerOf(req), params.wardCode),
    }),
    route({
      method: 'post',
      path: '/v1/wards/:wardCode/imports',
      tags: ['console'],
      summary: 'Import addresses from CSV or GeoJSON: a dry run reports row by row; a commit is all or nothing',
      description:
        'Columns/properties: lat, lng, house_number (or houseNumber), street, unit, note (hamlet, building, landmark too). Up to 100,000 rows. Imported addresses are verified.',
      params: WardParam,
      query: z.object({ dryRun: z.enum(['true', 'false']).optional().describe('default true: only check') }),
      textBody: { types: ['text/csv', 'text/plain', 'application/geo+json', 'application/json'], limit: '30mb' },
      body: z.string(),
      responses: {
        200: { description: 'Dry run report, row by row', schema: ImportReport },
        201: { description: 'Imported: the report plus `imported`', schema: ImportReport.extend({ imported: z.number().int() }) },
        400: problem('Not a readable CSV/GeoJSON file'),
        422: problem('Some rows are invalid: `rows` lists them; nothing was written'),
        409: problem('Some addresses were registered meanwhile; nothing was written'),
        ...staffOnly,
      },
      handler: async ({ params, query, body }, req, res) => {
        const { status, report } = await service.importFile(
          viewerOf(req),
          params.wardCode,
          body,
          req.get('content-type') ?? '',
          query.dryRun !== 'false',
        );
        res.status(status);
        return report;
      },
    }),
  ];
}
