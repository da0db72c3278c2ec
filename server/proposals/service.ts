/**
 * Community enrichment: proposals go to their ward's review queue; staff approve (possibly after
 * editing), or reject with a reason. An owner's or staff member's own change applies at once, and
 * so does a trusted contributor's change of details (trust.ts). Approval and the change it makes
 * happen in one transaction that locks both the proposal and the address, so parallel approvals
 * and edits can never lose an update.
 */
import type { Knex } from 'knex';
import { latLngToCell } from 'h3-js';
import { presentContributor } from '../accounts/contributor.js';
import { canManage, isStaffOf, type Viewer } from '../accounts/viewer.js';
import type { AdminDirectory } from '../admin/directory.js';
import { CODE_RESOLUTION, encode, formatCode } from '../codes/codec.js';
import { outsideCoverage, type CodesService } from '../codes/service.js';
import { applyEdit, insertAddress, staleAsConflict, StaleVersion } from '../addresses/edits.js';
import { addressKeyOf, lockAddress, readAddress, type EditableRow } from '../addresses/repository.js';
import type { ChangeInput } from '../addresses/schemas.js';
import { patchOf } from '../addresses/state.js';
import { badRequest, conflict, forbidden, notFound, Problem, unauthorized } from '../http/problem.js';
import type { ProposalRow, ProposalsRepository } from './repository.js';
import { isTrusted, trustCovers } from './trust.js';

export type AddressProposalInput = ChangeInput & { version: number; claim?: boolean; reason?: string };
export type PlaceProposalInput = {
  lat: number;
  lng: number;
  unit?: string;
  name: string;
  category: string;
  details?: ChangeInput['details'];
  reason?: string;
};

export function createProposalsService(deps: {
  knex: Knex;
  repo: ProposalsRepository;
  codes: CodesService;
  admin: AdminDirectory;
  perDay: number;
}) {
  const { knex, repo, codes, admin } = deps;

  function mustContribute(viewer: Viewer | null): Viewer {
    if (!viewer) throw unauthorized('Sign in to propose changes.');
    if (viewer.blocked) throw forbidden('This account is blocked from proposing changes.');
    return viewer;
  }

  async function rateLimit(viewer: Viewer) {
    if (viewer.role !== 'household') return; // staff work through their queues without limits
    const { count, oldest } = await repo.countSince(viewer.userId, 24);
    if (count >= deps.perDay) {
      const retry = oldest ? Math.max(1, Math.ceil((new Date(oldest).getTime() + 86_400_000 - Date.now()) / 1000)) : 3600;
      throw new Problem(
        429,
        'too-many-requests',
        'Too many proposals',
        `At most ${deps.perDay} proposals a day.`,
        {},
        { 'Retry-After': String(retry) },
      );
    }
  }

  const present = (p: ProposalRow, extra: Record<string, unknown> = {}) => ({
    id: String(p.id),
    kind: p.kind,
    status: p.status,
    wardCode: p.ward_code,
    payload: p.payload,
    reason: p.reason,
    createdAt: new Date(p.created_at).toISOString(),
    decidedAt: p.decided_at ? new Date(p.decided_at).toISOString() : null,
    ...extra,
  });

  type Resolver = Awaited<ReturnType<AdminDirectory['resolver']>>;
  /** Applies an edit or claim to its (locked) address. */
  async function applyToAddress(
    trx: Knex.Transaction,
    row: EditableRow,
    kind: 'edit' | 'claim',
    payload: AddressProposalInput,
    expectedVersion: number,
    actorId: string,
    reason: string | null,
    resolver: Resolver,
  ) {
    if (kind === 'claim') {
      if (row.owner_id !== null) throw conflict('This address has an owner already.');
      return applyEdit(trx, row, expectedVersion, { ownerId: actorId }, { kind: 'proposal', actorId, reason });
    }
    return applyEdit(trx, row, expectedVersion, patchOf(payload), { kind: 'proposal', actorId, reason, wardAt: resolver.wardAt });
  }
  const currentFor = (viewer: Viewer | null) => (r: EditableRow) => codes.lookup(r.code, r.unit || null, viewer);

  return {
    async proposeChange(ref: { code: string; unit: string }, viewerIn: Viewer | null, input: AddressProposalInput) {
      const viewer = mustContribute(viewerIn);
      const payload: AddressProposalInput = { ...input };
      const isClaim = input.claim === true;
      if (!isClaim && Object.keys(patchOf(input)).length === 0)
        throw badRequest('A proposal changes something: details, placeName, category or point (or claims the address).');
      await rateLimit(viewer);
      const direct = await readAddress(knex, ref.code, ref.unit);
      if (!direct || (direct.private && !canManage(viewer, direct))) throw notFound('No address is registered at this code.');
      if (isClaim && direct.owner_id !== null) throw conflict('This address has an owner already.');
      const trusted = !isClaim && trustCovers(input) && isTrusted(await repo.record(viewer.userId));
      const applyNow = (!isClaim && canManage(viewer, direct)) || trusted;
      const resolver = await admin.resolver();

      return staleAsConflict(
        () =>
          knex.transaction(async (trx) => {
            const row = await lockAddress(trx, ref.code, ref.unit);
            if (!row) throw notFound('No address is registered at this code.');
            if (row.version !== input.version) throw new StaleVersion(row, input.version);
            const proposal = await repo.insert(
              {
                kind: isClaim ? 'claim' : 'edit',
                address_id: row.id,
                ward_code: row.ward_code,
                proposer_id: viewer.userId,
                base_version: row.version,
                payload: payload as Record<string, unknown>,
                reason: input.reason ?? null,
                status: applyNow ? 'approved' : 'pending',
                decided_by: applyNow ? viewer.userId : null,
              },
              trx,
            );
            if (applyNow)
              await applyToAddress(
                trx,
                row,
                'edit',
                payload,
                row.version,
                viewer.userId,
                input.reason ?? (trusted ? 'trusted contributor' : null),
                resolver,
              );
            return present(proposal, { applied: applyNow, code: formatCode(row.code, row.unit || null) });
          }),
        currentFor(viewer),
      );
    },

    async proposePlace(viewerIn: Viewer | null, input: PlaceProposalInput) {
      const viewer = mustContribute(viewerIn);
      const code = encode(input.lat, input.lng);
      if (!code) throw outsideCoverage(input.lat, input.lng);
      const wardCode = (await admin.resolver()).wardAt(input.lat, input.lng);
      if (!wardCode)
        throw new Problem(422, 'outside-coverage', 'Not in a ward', 'A new place must lie inside a ward, whose staff review it.');
      await rateLimit(viewer);
      const staff = isStaffOf(viewer, wardCode);
      return knex.transaction(async (trx) => {
        const proposal = await repo.insert(
          {
            kind: 'new_place',
            address_id: null,
            ward_code: wardCode,
            proposer_id: viewer.userId,
            base_version: null,
            payload: { ...input, code },
            reason: input.reason ?? null,
            status: staff ? 'approved' : 'pending',
            decided_by: staff ? viewer.userId : null,
          },
          trx,
        );
        if (staff) await createPlace(trx, proposal, viewer.userId, wardCode);
        return present(proposal, { applied: staff, code: formatCode(code, input.unit ?? null) });
      });
    },

    async approve(id: string, viewer: Viewer | null, body: { version?: number; edits?: ChangeInput; reason?: string }) {
      if (!viewer) throw unauthorized();
      const resolver = await admin.resolver();
      return staleAsConflict(
        () =>
          knex.transaction(async (trx) => {
            const p = await repo.lock(trx, id);
            if (!p) throw notFound(`No proposal ${id}.`);
            if (!isStaffOf(viewer, p.ward_code)) throw forbidden('Only the staff of the proposal’s ward review it.');
            if (p.status !== 'pending') throw conflict(`Proposal ${id} was already ${p.status}.`, { current: present(p) });
            const payload = body.edits ? { ...(p.payload as object), ...body.edits } : (p.payload as Record<string, unknown>);
            if (p.kind === 'new_place') {
              await createPlace(trx, { ...p, payload }, viewer.userId, p.ward_code!);
            } else {
              const row = await addressKeyOf(trx, p.address_id!);
              const locked = row && (await lockAddress(trx, row.code, row.unit));
              if (!locked) throw notFound('The address of this proposal no longer exists.');
              await applyToAddress(
                trx,
                locked,
                p.kind as 'edit' | 'claim',
                payload as AddressProposalInput,
                body.version ?? p.base_version!,
                p.proposer_id,
                p.reason,
                resolver,
              );
            }
            await repo.decide(trx, id, 'approved', viewer.userId, body.reason ?? null, body.edits ? payload : undefined);
            return present({ ...p, payload, status: 'approved', decided_at: new Date(), decided_by: viewer.userId });
          }),
        currentFor(viewer),
      );
    },

    async reject(id: string, viewer: Viewer | null, reason: string) {
      if (!viewer) throw unauthorized();
      return knex.transaction(async (trx) => {
        const p = await repo.lock(trx, id);
        if (!p) throw notFound(`No proposal ${id}.`);
        if (!isStaffOf(viewer, p.ward_code)) throw forbidden('Only the staff of the proposal’s ward review it.');
        if (p.status !== 'pending') throw conflict(`Proposal ${id} was already ${p.status}.`, { current: present(p) });
        await repo.decide(trx, id, 'rejected', viewer.userId, reason);
        return present({ ...p, status: 'rejected', reason, decided_at: new Date(), decided_by: viewer.userId });
      });
    },

    async get(id: string, viewer: Viewer | null) {
      if (!viewer) throw unauthorized();
      const p = await repo.find(id);
      if (!p || (p.proposer_id !== viewer.userId && !isStaffOf(viewer, p.ward_code))) throw notFound(`No proposal ${id}.`);
      return present(p);
    },

    async listForWard(wardCode: string, viewer: Viewer | null, status: string | undefined, limit: number) {
      if (!viewer) throw unauthorized();
      if (!isStaffOf(viewer, wardCode)) throw forbidden(`Only staff of ward ${wardCode} see its queue.`);
      const rows = await repo.list({ wardCode, status, limit });
      return {
        proposals: rows.map((r) =>
          present(r, {
            code: r.code ? formatCode(r.code, r.unit || null) : formatCode(String((r.payload as { code?: string }).code ?? ''), null),
            baseVersion: r.base_version,
            currentVersion: r.current_version,
            proposer: presentContributor({
              id: r.proposer_id,
              created_at: r.proposer_since,
              approved: r.approved,
              rejected: r.rejected,
              pending: r.pending,
              blocked: r.proposer_blocked,
            }),
          }),
        ),
      };
    },

    async listMine(viewer: Viewer | null, limit: number) {
      if (!viewer) throw unauthorized();
      const rows = await repo.list({ proposerId: viewer.userId, limit });
      return { proposals: rows.map((r) => present(r, { code: r.code ? formatCode(r.code, r.unit || null) : null })) };
    },
  };

  async function createPlace(trx: Knex.Transaction, p: Pick<ProposalRow, 'payload' | 'proposer_id'>, actorId: string, wardCode: string) {
    const input = p.payload as PlaceProposalInput & { code: string };
    const id = await insertAddress(trx, {
      code: input.code,
      unit: input.unit ?? '',
      h3: latLngToCell(input.lat, input.lng, CODE_RESOLUTION),
      wardCode,
      lat: input.lat,
      lng: input.lng,
      details: input.details ?? {},
      placeName: input.name,
      category: input.category,
      status: 'verified',
      actorId: p.proposer_id ?? actorId,
    });
    if (id === null)
      throw conflict('An address is already registered at this spot and unit; propose an edit of it instead, or give a unit.');
    return id;
  }
}
export type ProposalsService = ReturnType<typeof createProposalsService>;
