/**
 * An address written the Vietnamese way, smallest part first:
 * "P302, Toà A, 58 Quốc Tử Giám, Tổ 5, Phường Văn Miếu - Quốc Tử Giám, Thành phố Hà Nội". Pure.
 */
import type { Admin, Details } from './types.js';

export function addressLine(details: Partial<Details> | null | undefined, admin: Admin | null | undefined, unit?: string | null): string {
  const d = details ?? {};
  const street = [d.houseNumber, d.street].filter(Boolean).join(' ');
  const parts = [unit, d.building, street, d.hamlet, admin?.ward?.fullName, admin?.province?.fullName];
  return parts.filter((p): p is string => Boolean(p && p.trim())).join(', ');
}

/** The places of a code: "Phường Hoàn Kiếm, Thành phố Hà Nội", or '' at sea. */
export function adminLine(admin: Admin | null | undefined): string {
  return [admin?.ward?.fullName, admin?.province?.fullName].filter(Boolean).join(', ');
}
