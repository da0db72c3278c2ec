/**
 * Direct edits by those who may make them (the owner, the ward's staff), the version history,
 * and restoring an old version. Every write goes through applyEdit (edits.ts).
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { canManage, isStaffOf, type Viewer } from '../accounts/viewer.js';
import type { AdminDirectory } from '../admin/directory.js';
import { parseCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';
import { badRequest, forbidden, notFound, unauthorized } from '../http/problem.js';
import { applyEdit, lockAddress, readAddress, staleAsConflict } from './edits.js';
import { DetailsInput, placeName } from './schemas.js';
import { DETAIL_FIELDS, publicChange, type AddressState, type EditableRow } from './state.js';

export const CategoryInput = z.string().trim().toLowerCase().regex(/^[a-z_]{2,40}$/, 'category is a word like shop, clinic, school');
export const PlaceNameInput = placeName(200);

/** The fields of an address anyone may propose to change. */
export const ChangeInput = z
  .object({
    details: DetailsInput.optional(),
    placeName: PlaceNameInput.nullable().optional(),
    category: CategoryInput.nullable().optional(),
    point: z.object({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) }).strict().optional().describe('a better entrance point, within 30 m of the cell'),
  })
  .strict();
export type ChangeInput = z.infer<typeof ChangeInput>;

/** The state fields a change input sets (absent fields stay as they are; null clears). */
export function patchOf(change: ChangeInput): Partial<AddressState> {
  const patch: Partial<AddressState> = {};
  for (const f of DETAIL_FIELDS) {
    if (change.details && f in change.details) patch[f] = (change.details as Record<string, string | null | undefined>)[f] ?? null;
  }
  if (change.placeName !== undefined) patch.placeName = change.placeName;
  if (change.category !== undefined) patch.category = change.category;
  if (change.point) Object.assign(patch, { lat: change.point.lat, lng: change.point.lng });
  return patch;
}

export function parseAddressRef(input: string): { code: string; unit: string } {
  const parsed = parseCode(input);
  if (!parsed.ok) throw badRequest(`"${input}" is not a valid address code: ${parsed.message}`);
  return { code: parsed.code, unit: parsed.unit ?? '' };
}

export function createManageService({ knex, codes, admin }: { knex: Knex; codes: CodesService; admin: AdminDirectory }) {
  const current = (row: EditableRow, viewer: Viewer | null) => codes.lookup(row.code, row.unit || null, viewer);

  /** The address as this viewer may see it; private ones are "not registered" to others. */
  async function visible(knex: Knex, ref: { code: string; unit: string }, viewer: Viewer | null) {
    const row = await readAddress(knex, ref.code, ref.unit);
    if (!row || (row.private && !canManage(viewer, row))) throw notFound('No address is registered at this code.');
    return row;
  }

  return {
    visible: (ref: { code: string; unit: string }, viewer: Viewer | null) => visible(knex, ref, viewer),
    current,

    /** PATCH: the owner or the ward's staff; applies at once. Staff may also set the status. */
    async patch(
      ref: { code: string; unit: string },
      viewer: Viewer | null,
      body: ChangeInput & { version: number; private?: boolean; status?: AddressState['status']; reason?: string },
    ) {
      if (!viewer) throw unauthorized('Sign in to edit an address directly, or send a proposal.');
      const resolver = await admin.resolver();
      const row = await staleAsConflict(() => knex.transaction(async (trx) => {
        const row = await lockAddress(trx, ref.code, ref.unit);
        if (!row || (row.private && !canManage(viewer, row))) throw notFound('No address is registered at this code.');
        if (!canManage(viewer, row)) throw forbidden('Only the owner or the ward’s staff edit an address directly; send a proposal instead.');
        if (body.status !== undefined && !isStaffOf(viewer, row.ward_code)) throw forbidden('Only the ward’s staff set the status.');
        const patch = patchOf(body);
        if (body.private !== undefined) patch.private = body.private;
        if (body.status !== undefined) patch.status = body.status;
        await applyEdit(trx, row, body.version, patch, { kind: 'edited', actorId: viewer.userId, reason: body.reason, wardAt: resolver.wardAt });
        return row;
      }), (r) => current(r, viewer));
      return current(row, viewer);
    },

    /**
     * A page of the history, newest first: `limit` versions older than `before` (the primary key
     * read backwards), so an address edited a hundred thousand times costs no more to show.
     */
    async history(ref: { code: string; unit: string }, viewer: Viewer | null, { before, limit }: { before?: number; limit: number }) {
      const row = await visible(knex, ref, viewer);
      const insider = canManage(viewer, row);
      const query = knex('address_versions').where({ address_id: row.id });
      if (before !== undefined) query.andWhere('version', '<', before);
      const read = await query.orderBy('version', 'desc').limit(limit + 1);
      const versions = read.slice(0, limit);
      return {
        code: (await current(row, viewer)).code,
        more: read.length > limit,
        versions: versions.map((v) => ({
          version: v.version,
          at: new Date(v.at).toISOString(),
          kind: v.kind,
          change: publicChange(v.change, insider),
          ...(v.reason ? { reason: v.reason } : {}),
          ...(insider ? { by: v.actor_id === null ? null : String(v.actor_id) } : {}),
        })),
      };
    },

    /** Restore the details, place and entrance point of an older version, as a new version. */
    async restore(ref: { code: string; unit: string }, viewer: Viewer | null, body: { version: number; expectedVersion?: number; reason?: string }) {
      if (!viewer) throw unauthorized();
      const resolver = await admin.resolver();
      const row = await staleAsConflict(() => knex.transaction(async (trx) => {
        const row = await lockAddress(trx, ref.code, ref.unit);
        if (!row || (row.private && !canManage(viewer, row))) throw notFound('No address is registered at this code.');
        if (!canManage(viewer, row)) throw forbidden('Only the owner or the ward’s staff restore versions.');
        const old = await trx('address_versions').where({ address_id: row.id, version: body.version }).first();
        if (!old) throw notFound(`Version ${body.version} does not exist.`);
        const s = old.state as AddressState;
        const patch: Partial<AddressState> = { placeName: s.placeName, category: s.category, lat: s.lat, lng: s.lng };
        for (const f of DETAIL_FIELDS) patch[f] = s[f];
        await applyEdit(trx, row, body.expectedVersion ?? null, patch, {
          kind: 'restored', actorId: viewer.userId, reason: body.reason ?? `restored version ${body.version}`, wardAt: resolver.wardAt,
        });
        return row;
      }), (r) => current(r, viewer));
      return current(row, viewer);
    },
  };
}
export type ManageService = ReturnType<typeof createManageService>;
