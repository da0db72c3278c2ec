/** The 2025 administrative units as reference data: provinces, their wards, one ward (with geometry on request). */
import { z } from 'zod';
import { notFound, problem } from '../http/problem.js';
import { route } from '../http/route.js';
import type { AdminRepository, WardListRow } from './repository.js';
import { Province, Ward } from './schemas.js';

export function adminRoutes(repo: AdminRepository) {
  const presentWard = (r: WardListRow) => ({
    code: r.code,
    name: r.name,
    fullName: r.full_name,
    type: r.unit_type,
    postalCode: r.postal_code,
    province: { code: r.province_code, name: r.province_name },
    ...(r.geometry ? { geometry: JSON.parse(r.geometry) } : {}),
  });
  return [
    route({
      method: 'get',
      path: '/v1/admin/provinces',
      etag: true,
      tags: ['admin units'],
      summary: 'The 34 provinces (2025)',
      responses: { 200: { description: 'Provinces by code', schema: z.object({ provinces: z.array(Province) }) } },
      handler: async (_i, _req, res) => {
        const rows = await repo.provinces();
        res.set('Cache-Control', 'public, max-age=3600');
        return {
          provinces: rows.map((r) => ({
            code: r.code,
            name: r.name,
            fullName: r.full_name,
            type: r.unit_type,
            postalPrefixes: r.postal_prefixes,
          })),
        };
      },
    }),
    route({
      method: 'get',
      path: '/v1/admin/provinces/:code/wards',
      etag: true,
      tags: ['admin units'],
      summary: 'The wards of a province',
      params: z.object({ code: z.string().regex(/^\d{2}$/, 'a province code has 2 digits') }),
      responses: { 200: { description: 'Wards by code', schema: z.object({ wards: z.array(Ward) }) }, 404: problem('No such province') },
      handler: async ({ params }, _req, res) => {
        const rows = await repo.wardsOf(params.code);
        if (rows.length === 0) throw notFound(`No province ${params.code}.`);
        res.set('Cache-Control', 'public, max-age=3600');
        return { wards: rows.map(presentWard) };
      },
    }),
    route({
      method: 'get',
      path: '/v1/admin/wards/:code',
      etag: true,
      tags: ['admin units'],
      summary: 'One ward, with its geometry on request',
      params: z.object({ code: z.string().regex(/^\d{5}$/, 'a ward code has 5 digits') }),
      query: z.object({ geometry: z.enum(['true', 'false']).optional().describe('include the boundary as GeoJSON') }),
      responses: { 200: { description: 'The ward', schema: Ward }, 404: problem('No such ward') },
      handler: async ({ params, query }, _req, res) => {
        const ward = await repo.ward(params.code, { geometry: query.geometry === 'true' });
        if (!ward) throw notFound(`No ward ${params.code}.`);
        res.set('Cache-Control', 'public, max-age=3600');
        return presentWard(ward);
      },
    }),
  ];
}
