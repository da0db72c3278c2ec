import type { Knex } from 'knex';
import { CONTRIBUTOR_COUNTS_SQL } from '../accounts/repository.js';

export type ProposalRow = {
  id: string;
  kind: 'edit' | 'claim' | 'new_place';
  address_id: string | null;
  ward_code: string | null;
  proposer_id: string;
  base_version: number | null;
  payload: Record<string, unknown>;
  status: 'pending' | 'approved' | 'rejected';
  reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
};

export function createProposalsRepository(knex: Knex) {
  return {
    async insert(
      p: Omit<ProposalRow, 'id' | 'status' | 'decided_by' | 'decided_at' | 'created_at'> & {
        status?: ProposalRow['status'];
        decided_by?: string | null;
      },
      trx: Knex = knex,
    ): Promise<ProposalRow> {
      const [row] = await trx('proposals')
        .insert({
          ...p,
          payload: JSON.stringify(p.payload),
          status: p.status ?? 'pending',
          decided_by: p.decided_by ?? null,
          decided_at: p.status && p.status !== 'pending' ? trx.fn.now() : null,
        })
        .returning('*');
      return row;
    },
    lock: (trx: Knex.Transaction, id: string): Promise<ProposalRow | undefined> =>
      trx<ProposalRow>('proposals').where({ id }).forUpdate().first(),
    find: (id: string): Promise<ProposalRow | undefined> => knex<ProposalRow>('proposals').where({ id }).first(),
    async decide(
      trx: Knex.Transaction,
      id: string,
      status: 'approved' | 'rejected',
      by: string,
      reason: string | null,
      payload?: Record<string, unknown>,
    ) {
      await trx('proposals')
        .where({ id })
        .update({
          status,
          decided_by: by,
          decided_at: trx.fn.now(),
          reason,
          ...(payload ? { payload: JSON.stringify(payload) } : {}),
        });
    },
    async countSince(proposerId: string, hours: number): Promise<{ count: number; oldest: Date | null }> {
      const { rows } = await knex.raw(
        `SELECT count(*)::int AS count, min(created_at) AS oldest FROM proposals WHERE proposer_id = ? AND created_at > now() - make_interval(hours => ?)`,
        [proposerId, hours],
      );
      return rows[0];
    },
    async record(proposerId: string): Promise<{ approved: number; rejected: number }> {
      const { rows } = await knex.raw(
        `SELECT count(*) FILTER (WHERE status = 'approved' AND decided_by IS DISTINCT FROM proposer_id)::int AS approved,
                count(*) FILTER (WHERE status = 'rejected')::int AS rejected
         FROM proposals WHERE proposer_id = ? AND kind <> 'claim'`,
        [proposerId],
      );
      return rows[0];
    },
    /** A ward's queue with what a reviewer needs: the address, its current version, the proposer's pseudonymous record. */
    async list(filter: { wardCode?: string; proposerId?: string; status?: string; limit: number }) {
      const { rows } = await knex.raw(
        `SELECT p.*, a.code, a.unit, a.version AS current_version,
                r.approved, r.rejected, r.pending, u.created_at AS proposer_since, u.blocked_at IS NOT NULL AS proposer_blocked
         FROM proposals p
         LEFT JOIN addresses a ON a.id = p.address_id
         JOIN users u ON u.id = p.proposer_id
         CROSS JOIN LATERAL (${CONTRIBUTOR_COUNTS_SQL}) r
         WHERE (?::text IS NULL OR p.ward_code = ?) AND (?::bigint IS NULL OR p.proposer_id = ?) AND (?::text IS NULL OR p.status = ?)
         ORDER BY p.created_at ASC, p.id ASC
         LIMIT ?`,
        [
          filter.wardCode ?? null,
          filter.wardCode ?? null,
          filter.proposerId ?? null,
          filter.proposerId ?? null,
          filter.status ?? null,
          filter.status ?? null,
          filter.limit,
        ],
      );
      return rows as (ProposalRow & {
        code: string | null;
        unit: string | null;
        current_version: number | null;
        approved: number;
        rejected: number;
        pending: number;
        proposer_since: Date;
        proposer_blocked: boolean;
      })[];
    },
  };
}
export type ProposalsRepository = ReturnType<typeof createProposalsRepository>;
