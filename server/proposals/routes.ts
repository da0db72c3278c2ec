import { z } from 'zod';
import { Contributor } from '../accounts/contributor.js';
import { viewerOf } from '../accounts/viewer.js';
import { parseAddressRef } from '../addresses/service.js';
import { CategoryInput, ChangeInput, DetailsInput, PlaceNameInput, UnitInput } from '../addresses/schemas.js';
import { problem } from '../http/problem.js';
import { queryNumber, route } from '../http/route.js';
import type { ProposalsService } from './service.js';

const Proposal = z.object({
  id: z.string(),
  kind: z.enum(['edit', 'claim', 'new_place']),
  status: z.enum(['pending', 'approved', 'rejected']),
  wardCode: z.string().nullable(),
  payload: z.record(z.string(), z.unknown()),
  reason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  applied: z.boolean().optional().describe('true when the change was published at once (owner, staff, trusted contributor)'),
  code: z.string().nullable().optional(),
});
/** A proposal in a ward's review queue: what staff need to decide (docs/moderation.md, the trust rule). */
const QueuedProposal = Proposal.extend({
  code: z.string().describe('the address (edits, claims) or the place’s code (new places)'),
  baseVersion: z.number().int().nullable().describe('the address version the proposal was made on'),
  currentVersion: z.number().int().nullable().describe('the address version now; differs from baseVersion when it changed since'),
  proposer: Contributor.describe('who proposed it, pseudonymously: their record, never their contact data'),
});
const Reason = z.string().trim().max(500);
const IdParam = z.object({ id: z.string().regex(/^\d{1,18}$/, 'a proposal id is a number') });

export function proposalsRoutes(service: ProposalsService) {
  return [
    route({
      method: 'post',
      path: '/v1/addresses/:code/proposals',
      tags: ['proposals'],
      summary: 'Propose a change to an address, or claim an unowned one',
      description:
        'Goes to the ward’s review queue. The owner’s and staff’s own changes, and trusted contributors’ detail changes, apply at once (docs/moderation.md).',
      params: z.object({ code: z.string() }),
      body: ChangeInput.extend({ version: z.number().int().min(1), claim: z.literal(true).optional(), reason: Reason.optional() }).strict(),
      responses: {
        201: { description: 'The proposal, with its id', schema: Proposal },
        401: problem('Not signed in'),
        403: problem('Blocked'),
        404: problem('No such address'),
        409: problem('Stale version or already owned'),
        429: problem('Too many proposals today'),
      },
      handler: async ({ params, body }, req, res) => {
        res.status(201);
        return service.proposeChange(parseAddressRef(params.code), viewerOf(req), body);
      },
    }),
    route({
      method: 'post',
      path: '/v1/places/proposals',
      tags: ['proposals'],
      summary: 'Propose a new place (a shop, a clinic, a school…)',
      body: z
        .object({
          lat: z.number().min(-90).max(90),
          lng: z.number().min(-180).max(180),
          unit: UnitInput.optional(),
          name: PlaceNameInput,
          category: CategoryInput,
          details: DetailsInput.optional(),
          reason: Reason.optional(),
        })
        .strict(),
      responses: {
        201: { description: 'The proposal, with its id', schema: Proposal },
        401: problem('Not signed in'),
        422: problem('Outside any ward'),
        429: problem('Too many proposals today'),
      },
      handler: async ({ body }, req, res) => {
        res.status(201);
        return service.proposePlace(viewerOf(req), body);
      },
    }),
    route({
      method: 'get',
      path: '/v1/wards/:wardCode/proposals',
      tags: ['proposals'],
      summary: 'A ward’s review queue (its staff)',
      params: z.object({ wardCode: z.string().regex(/^\d{5}$/, 'a ward code has 5 digits') }),
      query: z.object({
        status: z.enum(['pending', 'approved', 'rejected']).optional(),
        limit: queryNumber('limit').pipe(z.number().int().min(1).max(500)).optional(),
      }),
      responses: {
        200: { description: 'Oldest first', schema: z.object({ proposals: z.array(QueuedProposal) }) },
        401: problem('Not signed in'),
        403: problem('Not staff of this ward'),
      },
      handler: ({ params, query }, req) => service.listForWard(params.wardCode, viewerOf(req), query.status, query.limit ?? 100),
    }),
    route({
      method: 'get',
      path: '/v1/me/proposals',
      tags: ['proposals'],
      summary: 'My proposals and what became of them',
      responses: {
        200: { description: 'Oldest first', schema: z.object({ proposals: z.array(Proposal) }) },
        401: problem('Not signed in'),
      },
      handler: (_input, req) => service.listMine(viewerOf(req), 200),
    }),
    route({
      method: 'get',
      path: '/v1/proposals/:id',
      tags: ['proposals'],
      summary: 'One proposal (its proposer or the ward’s staff)',
      params: IdParam,
      responses: {
        200: { description: 'The proposal', schema: Proposal },
        401: problem('Not signed in'),
        404: problem('No such proposal'),
      },
      handler: ({ params }, req) => service.get(params.id, viewerOf(req)),
    }),
    route({
      method: 'post',
      path: '/v1/proposals/:id/approve',
      tags: ['proposals'],
      summary: 'Approve (optionally after editing) a proposal (the ward’s staff)',
      params: IdParam,
      body: z
        .object({
          version: z
            .number()
            .int()
            .min(1)
            .optional()
            .describe('the address version you reviewed (default: the one the proposal was made on)'),
          edits: ChangeInput.optional(),
          reason: Reason.optional(),
        })
        .strict(),
      responses: {
        200: { description: 'Approved and applied', schema: Proposal },
        401: problem('Not signed in'),
        403: problem('Not staff of the ward'),
        404: problem('No such proposal, or its address is gone'),
        409: problem('Already decided, or the address changed since'),
      },
      handler: ({ params, body }, req) => service.approve(params.id, viewerOf(req), body),
    }),
    route({
      method: 'post',
      path: '/v1/proposals/:id/reject',
      tags: ['proposals'],
      summary: 'Reject a proposal with a reason (the ward’s staff)',
      params: IdParam,
      body: z.object({ reason: Reason.pipe(z.string().min(1, 'say why')) }).strict(),
      responses: {
        200: { description: 'Rejected', schema: Proposal },
        401: problem('Not signed in'),
        403: problem('Not staff of the ward'),
        404: problem('No such proposal'),
        409: problem('Already decided'),
      },
      handler: ({ params, body }, req) => service.reject(params.id, viewerOf(req), body.reason),
    }),
  ];
}
