/** Addresses: registering one at a point, reverse geocoding, direct edits, the version history, restoring a version. */
import { z } from 'zod';
import { viewerOf } from '../accounts/viewer.js';
import { CodeLookup } from '../codes/schemas.js';
import { problem } from '../http/problem.js';
import { latitude, longitude, queryNumber, route } from '../http/route.js';
import { parseAddressRef, type AddressesService } from './service.js';
import { AddressStatus, ChangeInput, CreateAddressBody, History, ReverseResult } from './schemas.js';

const CodeParam = z.object({ code: z.string().describe('the address code; a unit follows an encoded slash: 25M-SN9-S32%2FP302') });
const Version = z.number({ error: 'version is required: send the version you read' }).int().min(1);

const HISTORY_PAGE = 100;
const HISTORY_MAX = 500;

export function addressesRoutes(service: AddressesService) {
  return [
    route({
      method: 'post',
      path: '/v1/addresses',
      tags: ['addresses'],
      summary: 'Register an address at a point',
      description:
        'No account needed. Returns 201 with the new address, or 200 with the address already registered at the same cell and unit ' +
        '(the details sent are then ignored). Details describe the place; phone numbers and e-mail addresses are refused. ' +
        'Sending the same request again is safe. A 503 (database unavailable) wrote nothing, unless its `outcome` says ' +
        '`unknown` (the database went away while saving: it may have been registered) or `written`; either way, send it again.',
      body: CreateAddressBody,
      responses: {
        201: { description: 'Registered; Location names its code', schema: CodeLookup },
        200: { description: 'Already registered at this cell and unit', schema: CodeLookup },
        400: problem('Invalid body'),
        403: problem('The account is blocked'),
        409: problem('A private address already holds this cell and unit'),
        422: problem('The point is outside coverage'),
      },
      handler: async ({ body }, req, res) => {
        const { created, address } = await service.register(body, viewerOf(req));
        res.status(created ? 201 : 200).location(`/v1/codes/${address.code}`);
        return address;
      },
    }),
    route({
      method: 'get',
      path: '/v1/reverse',
      tags: ['addresses'],
      summary: 'The code of a point and the registered addresses nearest to it',
      query: z.object({
        lat: latitude(queryNumber('lat')),
        lng: longitude(queryNumber('lng')),
        radius: queryNumber('radius')
          .pipe(z.number().min(0).max(2000, 'radius is at most 2000 metres'))
          .optional()
          .describe('metres, default 100, max 2000'),
        limit: queryNumber('limit')
          .pipe(z.number().int('limit is a whole number').min(1).max(100, 'limit is at most 100'))
          .optional()
          .describe('default 10, max 100'),
      }),
      responses: {
        200: { description: 'The code of the point, its admin units and nearby addresses, nearest first', schema: ReverseResult },
        400: problem('Invalid parameters'),
        422: problem('The point is outside coverage'),
      },
      handler: ({ query }, req) => service.reverse(query, viewerOf(req)),
    }),
    route({
      method: 'patch',
      path: '/v1/addresses/:code',
      tags: ['addresses'],
      summary: 'Edit an address directly (its owner or its ward’s staff)',
      description: 'Carries the version read; a stale one gets 409 with the current address. Staff may also set the status (verify).',
      params: CodeParam,
      body: ChangeInput.extend({
        version: Version,
        private: z.boolean().optional(),
        status: AddressStatus.optional(),
        reason: z.string().trim().max(500).optional(),
      }).strict(),
      responses: {
        200: { description: 'The address after the edit', schema: CodeLookup },
        401: problem('Not signed in'),
        403: problem('Not the owner or the ward’s staff'),
        404: problem('No such address'),
        409: problem('Stale version; `current` holds the address as it is'),
        422: problem('Entrance point too far from the cell'),
      },
      handler: ({ params, body }, req) => service.patch(parseAddressRef(params.code), viewerOf(req), body),
    }),
    route({
      method: 'get',
      path: '/v1/addresses/:code/history',
      tags: ['addresses'],
      summary: 'The version history of an address: when, what and why (who: owner and staff only)',
      description: `Newest first, ${HISTORY_PAGE} versions at a time (\`limit\`, at most ${HISTORY_MAX}); \`next\` links the older ones.`,
      params: CodeParam,
      query: z.object({
        before: queryNumber('before')
          .pipe(z.number().int('before is a version number').min(1))
          .optional()
          .describe('only versions older than this one (set by `next`)'),
        limit: queryNumber('limit')
          .pipe(z.number().int('limit is a whole number').min(1).max(HISTORY_MAX, `limit is at most ${HISTORY_MAX}`))
          .optional(),
      }),
      responses: {
        200: { description: 'Newest first', schema: History },
        400: problem('Invalid before or limit'),
        404: problem('No such address (or private)'),
      },
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
      method: 'post',
      path: '/v1/addresses/:code/restore',
      tags: ['addresses'],
      summary: 'Restore an older version (owner or staff); written as a new version',
      params: CodeParam,
      body: z
        .object({
          version: Version,
          expectedVersion: Version.optional().describe('the current version you read; stale → 409'),
          reason: z.string().trim().max(500).optional(),
        })
        .strict(),
      responses: {
        200: { description: 'The address after the restore', schema: CodeLookup },
        401: problem('Not signed in'),
        403: problem('Not the owner or staff'),
        404: problem('No such address or version'),
        409: problem('Stale version'),
      },
      handler: ({ params, body }, req) => service.restore(parseAddressRef(params.code), viewerOf(req), body),
    }),
  ];
}
