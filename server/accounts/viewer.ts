/**
 * Who is asking, and what may they do. One place for the rules, so that every domain asks the
 * same questions: a later API-key principal will answer them too.
 */
import type { Request } from 'express';
import type { Role } from './repository.js';

export type Viewer = { userId: string; role: Role; wards: ReadonlySet<string>; blocked: boolean };

export const viewerOf = (req: Request): Viewer | null => (req as Request & { viewer?: Viewer | null }).viewer ?? null;

export const isAdmin = (v: Viewer | null) => v?.role === 'admin';

/** Staff of this ward (or an administrator). */
export function isStaffOf(v: Viewer | null, wardCode: string | null | undefined): boolean {
  if (!v || v.blocked) return false;
  if (v.role === 'admin') return true;
  return v.role === 'staff' && !!wardCode && v.wards.has(wardCode);
}

/** May see and directly edit this address: its owner or its ward's staff. */
export function canManage(v: Viewer | null, a: { owner_id?: string | null; ward_code?: string | null }): boolean {
  if (!v || v.blocked) return false;
  return (a.owner_id != null && a.owner_id === v.userId) || isStaffOf(v, a.ward_code);
}
