/**
 * The commune digitisation console's data: a ward's addresses (export), its statistics and
 * coverage, and imports with a dry run and an all-or-nothing commit. Staff of the ward only.
 */
import type { Knex } from 'knex';
import { cellToBoundary, latLngToCell, polygonToCells } from 'h3-js';
import { isStaffOf, type Viewer } from '../accounts/viewer.js';
import type { AdminDirectory } from '../admin/directory.js';
import { CODE_RESOLUTION, formatCode } from '../codes/codec.js';
import { writeCsv } from '../lib/csv-out.js';
import { badRequest, forbidden, notFound, Problem, unauthorized, conflict } from '../http/problem.js';
import { checkRows, MAX_IMPORT_ROWS, readRows, type CheckedRow } from './import-rows.js';
import type { WardAddressRow, WardsRepository } from './repository.js';

export const COVERAGE_RESOLUTION = 9;

const CSV_COLUMNS = [
  'code',
  'unit',
  'lat',
  'lng',
  'house_number',
  'street',
  'hamlet',
  'building',
  'landmark',
  'note',
  'place_name',
  'category',
  'status',
  'private',
  'version',
  'updated_at',
] as const;

function toFeature(r: WardAddressRow): GeoJSON.Feature<GeoJSON.Point> {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
    properties: {
      code: formatCode(r.code, r.unit || null),
      unit: r.unit || null,
      status: r.status,
      private: r.private,
      version: r.version,
      houseNumber: r.house_number,
      street: r.street,
      hamlet: r.hamlet,
      building: r.building,
      landmark: r.landmark,
      note: r.note,
      placeName: r.place_name,
      category: r.category,
      updatedAt: r.updated_at,
    },
  };
}

export function createWardsService({ knex, repo, admin }: { knex: Knex; repo: WardsRepository; admin: AdminDirectory }) {
  async function mustBeStaff(viewer: Viewer | null, wardCode: string) {
    if (!viewer) throw unauthorized();
    if (!isStaffOf(viewer, wardCode)) throw forbidden(`Only staff of ward ${wardCode} may do this.`);
    if (!(await admin.resolver()).admin(wardCode).ward) throw notFound(`No ward ${wardCode}.`);
  }

  async function check(wardCode: string, body: string, contentType: string): Promise<CheckedRow[]> {
    let raw;
    try {
      raw = await readRows(body, contentType);
    } catch (err) {
      throw badRequest((err as Error).message);
    }
    if (raw.length === 0) throw badRequest('The file has no rows.');
    if (raw.length > MAX_IMPORT_ROWS)
      throw new Problem(413, 'payload-too-large', 'Too many rows', `At most ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows per import.`);
    const resolver = await admin.resolver();
    const firstPass = await checkRows(raw, wardCode, resolver.wardAt, () => false);
    const existing = await repo.registeredAmong([...new Set(firstPass.flatMap((r) => (r.ok ? [r.code] : [])))]);
    return await checkRows(raw, wardCode, resolver.wardAt, (code, unit) => existing.has(`${code}/${unit}`));
  }

  return {
    async addresses(viewer: Viewer | null, wardCode: string, format: 'json' | 'geojson' | 'csv', status?: string) {
      await mustBeStaff(viewer, wardCode);
      const rows = await repo.addresses(wardCode, status);
      if (format === 'csv') {
        // address text is anyone's: formula-like cells are neutralised (csv-out.ts); lat, lng and version stay numbers
        return writeCsv(
          rows.map((r) => ({ ...r, code: formatCode(r.code, null), unit: r.unit })),
          { header: true, columns: [...CSV_COLUMNS] },
        );
      }
      const fc: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: rows.map(toFeature) };
      return format === 'geojson'
        ? fc
        : {
            wardCode,
            count: rows.length,
            addresses: fc.features.map((f) => ({
              ...f.properties,
              lat: (f.geometry as GeoJSON.Point).coordinates[1],
              lng: (f.geometry as GeoJSON.Point).coordinates[0],
            })),
          };
    },

    async stats(viewer: Viewer | null, wardCode: string) {
      await mustBeStaff(viewer, wardCode);
      const s = await repo.stats(wardCode);
      return {
        wardCode,
        addresses: s.addresses,
        verified: s.verified,
        draft: s.draft,
        needsReview: s.needs_review,
        private: s.private,
        verifiedShare: s.addresses ? Math.round((s.verified / s.addresses) * 1000) / 1000 : 0,
        pendingProposals: s.pending_proposals,
      };
    },

    /** H3 resolution-9 cells (~0.1 km²) over the ward with their address counts: 0 shows a gap. */
    async coverage(viewer: Viewer | null, wardCode: string) {
      await mustBeStaff(viewer, wardCode);
      const [geometry, counts] = await Promise.all([repo.geometry(wardCode), repo.cellCounts(wardCode)]);
      const count = new Map(counts.map((c) => [c.cell, c.n]));
      const cells = new Set<string>();
      for (const polygon of geometry?.coordinates ?? []) for (const c of polygonToCells(polygon, COVERAGE_RESOLUTION, true)) cells.add(c);
      for (const c of count.keys()) cells.add(c);
      const features = [...cells].map((h3) => ({
        type: 'Feature' as const,
        geometry: { type: 'Polygon' as const, coordinates: [cellToBoundary(h3, true)] },
        properties: { h3, count: count.get(h3) ?? 0 },
      }));
      const empty = features.filter((f) => f.properties.count === 0).length;
      return { type: 'FeatureCollection' as const, resolution: COVERAGE_RESOLUTION, cells: features.length, emptyCells: empty, features };
    },

    async importFile(viewer: Viewer | null, wardCode: string, body: string, contentType: string, dryRun: boolean) {
      await mustBeStaff(viewer, wardCode);
      const rows = await check(wardCode, body, contentType);
      const invalid = rows.filter((r) => !r.ok).length;
      const report = {
        dryRun,
        total: rows.length,
        valid: rows.length - invalid,
        invalid,
        rows: rows.map((r) => (r.ok ? { row: r.row, ok: true, code: formatCode(r.code, r.unit || null) } : r)),
      };
      if (dryRun) return { status: 200, report };
      if (invalid > 0) {
        throw new Problem(
          422,
          'invalid-import',
          'Import refused',
          `${invalid} of ${rows.length} rows cannot be imported; nothing was written. Fix them and try again.`,
          { rows: report.rows.filter((r) => !r.ok) },
        );
      }
      const resolver = await admin.resolver();
      const records = rows.flatMap((r) =>
        r.ok
          ? [
              {
                code: r.code,
                unit: r.unit,
                h3: BigInt(`0x${latLngToCell(r.lat, r.lng, CODE_RESOLUTION)}`).toString(),
                lat: r.lat,
                lng: r.lng,
                ward_code: resolver.wardAt(r.lat, r.lng),
                house_number: r.details.houseNumber ?? null,
                street: r.details.street ?? null,
                hamlet: r.details.hamlet ?? null,
                building: r.details.building ?? null,
                landmark: r.details.landmark ?? null,
                note: r.details.note ?? null,
              },
            ]
          : [],
      );
      await knex.transaction(async (trx) => {
        const inserted = await repo.insertMany(trx, records, viewer!.userId);
        if (inserted !== records.length) {
          throw conflict('Some of these addresses were registered while the import ran; nothing was written. Run the dry run again.');
        }
      });
      return { status: 201, report: { ...report, imported: records.length } };
    },
  };
}
export type WardsService = ReturnType<typeof createWardsService>;
