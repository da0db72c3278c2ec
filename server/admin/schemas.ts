import { z } from 'zod';

export const ProvinceRef = z.object({
  code: z.string().describe('2-digit national province code (2025), e.g. "01"'),
  name: z.string(),
  fullName: z.string(),
  postalPrefixes: z.array(z.string()).describe('2-digit national postal-code prefixes of the province (QĐ 2334/QĐ-BKHCN)'),
});
export const WardRef = z.object({
  code: z.string().describe('5-digit national ward/commune code (2025), e.g. "00070"'),
  name: z.string(),
  fullName: z.string(),
  type: z.enum(['phuong', 'xa', 'dac_khu']).or(z.string()).describe('phuong (ward), xa (commune) or dac_khu (special zone)'),
});
export const Admin = z
  .object({
    province: ProvinceRef.nullable(),
    ward: WardRef.nullable(),
    postalCode: z.string().nullable().describe("the ward's 5-digit postal code where published, else null"),
  })
  .describe('Current (post-2025) administrative units of the point, by point-in-polygon; null at sea.');

/** A unit named by its code and full name: in search results, parsed addresses, and a ward's province. */
export const UnitRef = z.object({ code: z.string(), name: z.string() });

/** /v1/admin: the 2025 provinces and wards as reference data. */
export const Province = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  type: z.string(),
  postalPrefixes: z.array(z.string()),
});
export const Ward = z.object({
  code: z.string(),
  name: z.string(),
  fullName: z.string(),
  type: z.string(),
  postalCode: z.string().nullable(),
  province: UnitRef,
  geometry: z.unknown().optional().describe('GeoJSON MultiPolygon, when geometry=true'),
});
