import type { Knex } from 'knex';
import { z } from 'zod';
import { insertAddress } from './edits.js';
import { latLngToCell } from 'h3-js';
import type { AdminDirectory } from '../admin/directory.js';
import { isStaffOf, viewerOf } from '../accounts/viewer.js';
import { conflict, forbidden, isDatabaseUnavailable, serviceUnavailable, problem } from '../http/problem.js';
import { CODE_RESOLUTION, encode } from '../codes/codec.js';
import { outsideCoverage } from '../codes/routes.js';
import { CodeLookup } from '../codes/schemas.js';
import type { CodesService } from '../codes/service.js';
import { latitude, longitude, queryNumber, route } from '../http/route.js';
import { presentAddress } from './present.js';
import type { AddressesRepository } from './repository.js';
import { CreateAddressBody, ReverseResult } from './schemas.js';


export function addressesRoutes({ knex, repo, codes, admin }: { knex: Knex; repo: AddressesRepository; codes: CodesService; admin: AdminDirectory }) {
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
        const code = encode(body.lat, body.lng);
        if (!code) throw outsideCoverage(body.lat, body.lng);
        const viewer = viewerOf(req);
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
            throw serviceUnavailable('The address was registered, but the database went away before the answer could be read. Send the same request again for it (200).', { outcome: 'written' });
          }
          throw err;
        });
        if (created === null && !result.registered) {
          // a private address is there: say no more than that the spot is taken
          throw conflict('This spot is already registered. If it is yours, sign in; otherwise add a unit (flat, room).');
        }
        res.status(created !== null ? 201 : 200).location(`/v1/codes/${result.code}`);
        return result;
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
        radius: queryNumber('radius').pipe(z.number().min(0).max(2000, 'radius is at most 2000 metres')).optional().describe('metres, default 100, max 2000'),
        limit: queryNumber('limit').pipe(z.number().int('limit is a whole number').min(1).max(100, 'limit is at most 100')).optional().describe('default 10, max 100'),
      }),
      responses: {
        200: { description: 'The code of the point, its admin units and nearby addresses, nearest first', schema: ReverseResult },
        400: problem('Invalid parameters'),
        422: problem('The point is outside coverage'),
      },
      handler: async ({ query }, req) => {
        const code = encode(query.lat, query.lng);
        if (!code) throw outsideCoverage(query.lat, query.lng);
        const [here, rows, resolver] = await Promise.all([
          codes.lookup(code, null, viewerOf(req)),
          repo.nearest(query.lat, query.lng, query.radius ?? 100, query.limit ?? 10, viewerOf(req)),
          admin.resolver(),
        ]);
        return {
          code: here.code,
          admin: here.admin,
          addresses: rows.map((r) => ({ ...presentAddress(r), distance: Math.round(r.distance * 100) / 100, admin: resolver.admin(r.ward_code) })),
        };
      },
    }),
  ];
}
