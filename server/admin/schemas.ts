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

