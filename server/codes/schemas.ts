import { z } from 'zod';
import { Admin } from '../admin/schemas.js';
import { Address } from '../addresses/schemas.js';

export const CodeInfo = z.object({
  code: z.string().describe('canonical grouped form, XXX-XXX-XXX, with /UNIT when a unit was asked for'),
  formatVersion: z.literal(1),
  h3: z.string().describe('the H3 resolution-14 cell (hex index) the code names'),
  lat: z.number().describe('latitude of the cell centre'),
  lng: z.number().describe('longitude of the cell centre'),
  cell: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }).describe('the cell outline (GeoJSON)'),
  geohash: z.string().describe('geohash of the cell centre, 9 characters (~4.8 m)'),
});

export const CodeLookup = CodeInfo.extend({
  admin: Admin,
  registered: z.boolean().describe('whether an address is registered at this code (and unit)'),
  address: Address.optional().describe('present when registered'),
});

export const CodeError = z.object({
  status: z.number().int(),
  type: z.string(),
  title: z.string(),
  detail: z.string(),
  suggestions: z.array(z.string()).optional(),
});

export const BatchLookupBody = z
  .object({
    codes: z
      .array(z.string().max(64, 'a code has at most 64 characters'), { error: 'codes must be an array of strings' })
      .min(1, 'codes must hold at least one code')
      .max(1000, 'at most 1,000 codes per request'),
    cell: z
      .boolean({ error: 'cell must be true or false' })
      .optional()
      .describe("false leaves out each code's cell outline, most of the answer's size (default true)"),
  })
  .strict();

export const BatchLookupResult = z.object({
  results: z.array(
    z.object({
      query: z.string(),
      result: CodeLookup.extend({
        cell: CodeInfo.shape.cell.optional().describe('the cell outline (GeoJSON); left out when the request says cell: false'),
      }).nullable(),
      error: CodeError.optional(),
    }),
  ),
});
