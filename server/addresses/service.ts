/**
 * The rules of addresses: registering one at a point (who owns it, in which status), reverse
 * geocoding, direct edits by those who may make them (the owner, the ward's staff), the version
 * history, and restoring an old version. Every write goes through edits.ts; SQL is in repository.ts.
 */
import type { Knex } from 'knex';
import { latLngToCell } from 'h3-js';
import { canManage, isStaffOf, type Viewer } from '../accounts/viewer.js';
import type { AdminDirectory } from '../admin/directory.js';
import { CODE_RESOLUTION, encode, parseCode } from '../codes/codec.js';
import { outsideCoverage, type CodesService } from '../codes/service.js';
import { badRequest, conflict, forbidden, notFound, serviceUnavailable, unauthorized } from '../http/problem.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { applyEdit, insertAddress, staleAsConflict } from './edits.js';
import { presentAddress } from './present.js';
import { lockAddress, readAddress, readVersion, versionsPage, type AddressesRepository, type EditableRow } from './repository.js';
import type { ChangeInput } from './schemas.js';
import { DETAIL_FIELDS, patchOf, publicChange, type AddressState } from './state.js';

type AddressRef = { code: string; unit: string };
export type NewAddressInput = { lat: number; lng: number; unit?: string; details?: Parameters<typeof insertAddress>[1]['details'] };
export type PatchInput = ChangeInput & { version: number; private?: boolean; status?: AddressState['status']; reason?: string };

export function parseAddressRef(input: string): AddressRef {
  const parsed = parseCode(input);
  if (!parsed.ok) throw badRequest(`"${input}" is not a valid address code: ${parsed.message}`);
  return { code: parsed.code, unit: parsed.unit ?? '' };
}

export function createAddressesService({
  knex,
  repo,
  codes,
  admin,
}: {
  knex: Knex;
  repo: AddressesRepository;
  codes: CodesService;
  admin: AdminDirectory;
}) {
  const current = (row: EditableRow, viewer: Viewer | null) => codes.lookup(row.code, row.unit || null, viewer);

  /** The address as this viewer may see it; private ones are "not registered" to others. */
  async function visible(ref: AddressRef, viewer: Viewer | null) {
    const row = await readAddress(knex, ref.code, ref.unit);
    if (!row || (row.private && !canManage(viewer, row))) throw notFound('No address is registered at this code.');
    return row;
  }

  return {
    /**
     * Registers an address at a point: `created` is false when the cell and unit were already
     * registered (the answer is then the address there, and the details sent are ignored).
     */
    async register(body: NewAddressInput, viewer: Viewer | null) {
      const code = encode(body.lat, body.lng);
      if (!code) throw outsideCoverage(body.lat, body.lng);
      if (viewer?.blocked) throw forbidden('This account is blocked from registering and editing addresses.');
      const unit = body.unit ?? null;
      const resolver = await admin.resolver();
      const wardCode = resolver.wardAt(body.lat, body.lng);
      // Staff digitising their own ward register verified, unowned addresses; a signed-in
      // household owns what it registers; anonymous registrations are unowned drafts.
      const staff = isStaffOf(viewer, wardCode);
      const created = await insertAddress(knex, {
        ownerId: viewer && !staff ? viewer.userId : null,
        status: staff ? 'verified' : 'draft',
        actorId: viewer?.userId ?? null,
        wardCode,
        code,
        unit: unit ?? '',
        h3: latLngToCell(body.lat, body.lng, CODE_RESOLUTION),
        lat: body.lat,
        lng: body.lng,
        details: body.details ?? {},
      });
      const result = await codes.lookup(code, unit, viewer).catch((err) => {
        // committed, but the answer cannot be read back: the client must not take it for a failure
        if (created !== null && isDatabaseUnavailable(err)) {
          throw serviceUnavailable(
            'The address was registered, but the database went away before the answer could be read. Send the same request again for it (200).',
            { outcome: 'written' },
          );
        }
        throw err;
      });
      if (created === null && !result.registered) {
        // a private address is there: say no more than that the spot is taken
        throw conflict('This spot is already registered. If it is yours, sign in; otherwise add a unit (flat, room).');
      }
      return { created: created !== null, address: result };
    },

    /** The code of a point, its admin units, and the visible registered addresses nearest to it. */
    async reverse(q: { lat: number; lng: number; radius?: number; limit?: number }, viewer: Viewer | null) {
      const code = encode(q.lat, q.lng);
      if (!code) throw outsideCoverage(q.lat, q.lng);
      const [here, rows, resolver] = await Promise.all([
        codes.lookup(code, null, viewer),
        repo.nearest(q.lat, q.lng, q.radius ?? 100, q.limit ?? 10, viewer),
        admin.resolver(),
      ]);
      return {
        code: here.code,
        admin: here.admin,
        addresses: rows.map((r) => ({
          ...presentAddress(r),
          distance: Math.round(r.distance * 100) / 100,
          admin: resolver.admin(r.ward_code),
        })),
      };
    },

    /** PATCH: the owner or the ward's staff; applies at once. Staff may also set the status. */
    async patch(ref: AddressRef, viewer: Viewer | null, body: PatchInput) {
      if (!viewer) throw unauthorized('Sign in to edit an address directly, or send a proposal.');
      const resolver = await admin.resolver();
      const row = await staleAsConflict(
        () =>
          knex.transaction(async (trx) => {
            const row = await lockAddress(trx, ref.code, ref.unit);
            if (!row || (row.private && !canManage(viewer, row))) throw notFound('No address is registered at this code.');
            if (!canManage(viewer, row))
              throw forbidden('Only the owner or the ward’s staff edit an address directly; send a proposal instead.');
            if (body.status !== undefined && !isStaffOf(viewer, row.ward_code)) throw forbidden('Only the ward’s staff set the status.');
            const patch = patchOf(body);
            if (body.private !== undefined) patch.private = body.private;
            if (body.status !== undefined) patch.status = body.status;
            await applyEdit(trx, row, body.version, patch, {
              kind: 'edited',
              actorId: viewer.userId,
              reason: body.reason,
              wardAt: resolver.wardAt,
            });
            return row;
          }),
        (r) => current(r, viewer),
      );
      return current(row, viewer);
    },

    /**
     * A page of the history, newest first: `limit` versions older than `before` (the primary key
     * read backwards), so an address edited a hundred thousand times costs no more to show.
     */
    async history(ref: AddressRef, viewer: Viewer | null, { before, limit }: { before?: number; limit: number }) {
      const row = await visible(ref, viewer);
      const insider = canManage(viewer, row);
      const read = await versionsPage(knex, row.id, { before, limit: limit + 1 });
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
    async restore(ref: AddressRef, viewer: Viewer | null, body: { version: number; expectedVersion?: number; reason?: string }) {
      if (!viewer) throw unauthorized();
      const resolver = await admin.resolver();
      const row = await staleAsConflict(
        () =>
          knex.transaction(async (trx) => {
            const row = await lockAddress(trx, ref.code, ref.unit);
            if (!row || (row.private && !canManage(viewer, row))) throw notFound('No address is registered at this code.');
            if (!canManage(viewer, row)) throw forbidden('Only the owner or the ward’s staff restore versions.');
            const old = await readVersion(trx, row.id, body.version);
            if (!old) throw notFound(`Version ${body.version} does not exist.`);
            const s = old.state;
            const patch: Partial<AddressState> = { placeName: s.placeName, category: s.category, lat: s.lat, lng: s.lng };
            for (const f of DETAIL_FIELDS) patch[f] = s[f];
            await applyEdit(trx, row, body.expectedVersion ?? null, patch, {
              kind: 'restored',
              actorId: viewer.userId,
              reason: body.reason ?? `restored version ${body.version}`,
              wardAt: resolver.wardAt,
            });
            return row;
          }),
        (r) => current(r, viewer),
      );
      return current(row, viewer);
    },
  };
}
export type AddressesService = ReturnType<typeof createAddressesService>;
