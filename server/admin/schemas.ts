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

export type AdminRow = {
  ward_code: string | null;
  ward_name: string | null;
  ward_full_name: string | null;
  ward_type: string | null;
  postal_code: string | null;
  province_code: string | null;
  province_name: string | null;
  province_full_name: string | null;
  postal_prefixes: string[] | null;
};

/** The SQL select list matching AdminRow, given aliases w (wards) and p (provinces). */
export const ADMIN_COLUMNS = `w.code AS ward_code, w.name AS ward_name, w.full_name AS ward_full_name, w.unit_type AS ward_type,
  w.postal_code, p.code AS province_code, p.name AS province_name, p.full_name AS province_full_name, p.postal_prefixes`;

export function presentAdmin(row: AdminRow): z.infer<typeof Admin> {
  return {
    province: row.province_code
      ? { code: row.province_code, name: row.province_name!, fullName: row.province_full_name!, postalPrefixes: row.postal_prefixes ?? [] }
      : null,
    ward: row.ward_code ? { code: row.ward_code, name: row.ward_name!, fullName: row.ward_full_name!, type: row.ward_type! } : null,
    postalCode: row.postal_code,
  };
}
