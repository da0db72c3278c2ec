import { z } from 'zod';
import { viewerOf } from '../accounts/viewer.js';
import { CodeLookup } from '../codes/schemas.js';
import { problem } from '../http/problem.js';
import { queryNumber, route } from '../http/route.js';
import { ChangeInput, parseAddressRef, type ManageService } from './manage.js';

const CodeParam = z.object({ code: z.string().describe('the address code; a unit follows an encoded slash: 25M-SN9-S32%2FP302') });
const Version = z.number({ error: 'version is required: send the version you read' }).int().min(1);

const HISTORY_PAGE = 100;
const HISTORY_MAX = 500;
const History = z.object({
  code: z.string(),
  next: z.string().optional().describe('the older versions: present while there are more'),
  versions: z.array(
    z.object({
      version: z.number().int(),
      at: z.string(),
      kind: z.enum(['created', 'edited', 'proposal', 'restored', 'imported']),
      change: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
      reason: z.string().optional(),
      by: z.string().nullable().optional().describe('who made the change: shown to the owner and the ward’s staff only'),
    }),
  ),
});

export function manageRoutes(service: ManageService) {
  return [
    route({
      method: 'patch', path: '/v1/addresses/:code', tags: ['addresses'],
      summary: 'Edit an address directly (its owner or its ward’s staff)',
      description: 'Carries the version read; a stale one gets 409 with the current address. Staff may also set the status (verify).',
      params: CodeParam,
      body: ChangeInput.extend({
        version: Version,
        private: z.boolean().optional(),
        status: z.enum(['draft', 'verified', 'needs_review']).optional(),
        reason: z.string().trim().max(500).optional(),
      }).strict(),
      responses: {
        200: { description: 'The address after the edit', schema: CodeLookup },
        401: problem('Not signed in'), 403: problem('Not the owner or the ward’s staff'), 404: problem('No such address'),
        409: problem('Stale version; `current` holds the address as it is'), 422: problem('Entrance point too far from the cell'),
      },
      handler: ({ params, body }, req) => service.patch(parseAddressRef(params.code), viewerOf(req), body),
    }),
    route({
      method: 'get', path: '/v1/addresses/:code/history', tags: ['addresses'],
      summary: 'The version history of an address: when, what and why (who: owner and staff only)',
      description: `Newest first, ${HISTORY_PAGE} versions at a time (\`limit\`, at most ${HISTORY_MAX}); \`next\` links the older ones.`,
      params: CodeParam,
      query: z.object({
        before: queryNumber('before').pipe(z.number().int('before is a version number').min(1)).optional().describe('only versions older than this one (set by `next`)'),
        limit: queryNumber('limit').pipe(z.number().int('limit is a whole number').min(1).max(HISTORY_MAX, `limit is at most ${HISTORY_MAX}`)).optional(),
      }),
      responses: { 200: { description: 'Newest first', schema: History }, 400: problem('Invalid before or limit'), 404: problem('No such address (or private)') },
      handler: async ({ params, query }, req) => {
        const limit = query.limit ?? HISTORY_PAGE;
        const { more, ...history } = await service.history(parseAddressRef(params.code), viewerOf(req), { before: query.before, limit });
        const oldest = history.versions.at(-1)?.version;
        return more && oldest !== undefined
          ? { ...history, next: `/v1/addresses/${encodeURIComponent(history.code)}/history?before=${oldest}&limit=${limit}` }
          : history;
      },
    }),
    route({
      method: 'post', path: '/v1/addresses/:code/restore', tags: ['addresses'],
      summary: 'Restore an older version (owner or staff); written as a new version',
      params: CodeParam,
      body: z.object({ version: Version, expectedVersion: Version.optional().describe('the current version you read; stale → 409'), reason: z.string().trim().max(500).optional() }).strict(),
      responses: {
        200: { description: 'The address after the restore', schema: CodeLookup }, 401: problem('Not signed in'), 403: problem('Not the owner or staff'),
        404: problem('No such address or version'), 409: problem('Stale version'),
      },
      handler: ({ params, body }, req) => service.restore(parseAddressRef(params.code), viewerOf(req), body),
    }),
  ];
}
