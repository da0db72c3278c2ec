import { z } from 'zod';
import { latLngToCell } from 'h3-js';
import type { AdminDirectory } from '../admin/directory.js';
import { CODE_RESOLUTION, encode } from '../codes/codec.js';
import { outsideCoverage } from '../codes/routes.js';
import { CodeLookup } from '../codes/schemas.js';
import type { CodesService } from '../codes/service.js';
import { latitude, longitude, queryNumber, route } from '../http/route.js';
import { presentAddress } from './present.js';
import type { AddressesRepository } from './repository.js';
import { CreateAddressBody, ReverseResult } from './schemas.js';

const problem = (description: string) => ({ description, contentType: 'application/problem+json' });

export function addressesRoutes({ repo, codes, admin }: { repo: AddressesRepository; codes: CodesService; admin: AdminDirectory }) {
  return [
    route({
      method: 'post',
      path: '/v1/addresses',
      tags: ['addresses'],
      summary: 'Register an address at a point',
      description:
        'No account needed. Returns 201 with the new address, or 200 with the address already registered at the same cell and unit ' +
        '(the details sent are then ignored). Details describe the place; phone numbers and e-mail addresses are refused.',
      body: CreateAddressBody,
      responses: {
        201: { description: 'Registered; Location names its code', schema: CodeLookup },
        200: { description: 'Already registered at this cell and unit', schema: CodeLookup },
        400: problem('Invalid body'),
        422: problem('The point is outside coverage'),
      },
      handler: async ({ body }, _req, res) => {
        const code = encode(body.lat, body.lng);
        if (!code) throw outsideCoverage(body.lat, body.lng);
        const unit = body.unit ?? null;
        const resolver = await admin.resolver();
        const created = await repo.insert({
          wardCode: resolver.wardAt(body.lat, body.lng),
          code,
          unit: unit ?? '',
          h3: latLngToCell(body.lat, body.lng, CODE_RESOLUTION),
          lat: body.lat,
          lng: body.lng,
          details: body.details ?? {},
        });
        const result = await codes.lookup(code, unit);
        res.status(created ? 201 : 200).location(`/v1/codes/${result.code}`);
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
      handler: async ({ query }) => {
        const code = encode(query.lat, query.lng);
        if (!code) throw outsideCoverage(query.lat, query.lng);
        const [here, rows, resolver] = await Promise.all([
          codes.lookup(code, null),
          repo.nearest(query.lat, query.lng, query.radius ?? 100, query.limit ?? 10),
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
