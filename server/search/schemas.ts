/**
 * The shapes search answers, declared once: the routes publish them, and the pure cores
 * (parse-address.ts, search-steps.ts) and the service take their types from them with z.infer,
 * through type-only imports, so a change here that the code does not follow fails tsc.
 */
import { z } from 'zod';
import { UnitRef } from '../admin/schemas.js';

/** An address line as a user sends it: text, at most 500 characters, no control characters. */
export const Line = z
  .string({ error: 'an address line is text' })
  .max(500, { error: 'an address line has at most 500 characters', abort: true })
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((s) => !/[\u0000-\u0008\u000e-\u001f]/.test(s), 'an address line has no control characters');

/** A parsed address line (parse-address.ts). */
export const ParsedAddress = z.object({
  input: z.string(),
  normalized: z.string(),
  houseNumber: z.string().nullable(),
  alley: z.string().nullable(),
  street: z.string().nullable(),
  hamlet: z.string().nullable(),
  oldWard: z.string().nullable(),
  oldDistrict: z.string().nullable(),
  oldProvince: z.string().nullable(),
  ward: UnitRef.nullable(),
  province: UnitRef.nullable(),
  postalCode: z.string().nullable().describe('A postal code written in the line, as written (5 digits, or a pre-2025 6-digit one)'),
  // 2025 wards the text may mean when it does not settle on one (split old ward, repeated name)
  candidates: z.array(UnitRef),
  // 0–1: how firmly the ward (or failing that, the province) follows from the text
  confidence: z.number(),
  unparsed: z.array(z.string()),
});

/** A parsed line as POST /v1/addresses/parse answers it: with the postal code of the ward it settled on (service.ts). */
export const ParsedLine = ParsedAddress.extend({
  wardPostalCode: z
    .string()
    .nullable()
    .describe('The 5-digit postal code (QĐ 2334/QĐ-BKHCN) of `ward`, whatever the line wrote; null when no ward is settled'),
});

/** One result of GET /v1/search (search-steps.ts). */
export const SearchResult = z.object({
  type: z.enum(['code', 'address', 'street', 'ward', 'province']),
  label: z.string(),
  code: z.string().optional(),
  lat: z.number(),
  lng: z.number(),
  ward: UnitRef.optional(),
  province: UnitRef.optional(),
  formerly: z.string().optional().describe('For a unit found by its pre-2025 name: the old units the query named'),
});

/** Pre-2025 units converted to 2025 ones (service.ts, convert). */
export const Converted = z.object({ ward: UnitRef.nullable(), province: UnitRef.nullable(), candidates: z.array(UnitRef).optional() });
