/**
 * The feature collections served by OGC API - Features: what each publishes and how it is read.
 * Each collection names its table, its public filter, its columns, its stable order (by feature
 * id, so paging neither repeats nor skips) and how a feature id maps to a row.
 *
 * Addresses publish places, never people: a private address never appears, and no column about
 * its owner, its note or any account is selected at all.
 */
import { formatCode, parseCode } from '../codes/codec.js';

export type CollectionId = 'addresses' | 'wards' | 'provinces';

export type Row = Record<string, unknown> & { geometry: string };

export type CollectionSpec = {
  id: CollectionId;
  title: string;
  description: string;
  /** Cache lifetime of its features: live data briefly, reference data for an hour. */
  maxAgeSeconds: number;
  /** The table with its alias, and what the features join to it (after paging, so only for the rows of a page). */
  table: string;
  alias: string;
  join: string;
  /** The geometry column, in EPSG:4326 (= CRS84 axis order lon/lat in GeoJSON). */
  geom: string;
  /** Decimal places of coordinates in GeoJSON. */
  precision: number;
  /** Always applied: what the collection may publish at all. */
  where: string;
  columns: string;
  orderBy: string;
  /**
   * The same order as a key for paging (server/ogc/cursor.ts): its columns (a unique index), each
   * part's allowed form in a cursor, and a row's key.
   */
  keyColumns: string[];
  keyParts: RegExp[];
  keyOf: (row: Row) => string[];
  /** Condition selecting one feature; its parameters come from parseId. */
  idWhere: string;
  parseId: (featureId: string) => unknown[] | null;
  present: (row: Row) => { id: string; properties: Record<string, unknown> };
  /** Number of features without a bbox, read cheaply. */
  countAll: string;
  /** With a bbox, count at most this many matches (numberMatched is left out above); null = always exact. */
  countCap: number | null;
};

/** The extent of Vietnam's 34 provinces with Hoàng Sa and Trường Sa, rounded outwards (CRS84). */
export const VIETNAM_BBOX = [102.14, 7.18, 117.83, 23.4] as const;
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

export const COLLECTIONS: Record<CollectionId, CollectionSpec> = {
  addresses: {
    id: 'addresses',
    title: 'Registered addresses',
    description:
      'Public registered addresses: the exact point chosen, its code (XXX-XXX-XXX, with /UNIT for a flat or room), house number, street, ' +
      'place and status, with the 2025 ward and province. Private addresses are never published. Feature id: the code with its unit.',
    maxAgeSeconds: 60,
    table: 'addresses a',
    alias: 'a',
    join: 'LEFT JOIN wards w ON w.code = a.ward_code',
    geom: 'a.geom',
    precision: 7,
    where: 'NOT a.private',
    columns:
      'a.code, a.unit, a.house_number, a.street, a.hamlet, a.building, a.place_name, a.category, a.status, a.ward_code, w.province_code, a.updated_at',
    orderBy: 'a.code, a.unit', // the unique (code, unit) index; the same order as the formatted ids
    keyColumns: ['a.code', 'a.unit'],
    keyParts: [/^[0-9A-Z]{9}$/, /^[0-9A-Z]{0,6}$/], // as stored: the code without hyphens, '' for no unit
    keyOf: (r) => [r.code as string, r.unit as string],
    idWhere: 'a.code = ? AND a.unit = ?',
    parseId: (featureId) => {
      const parsed = parseCode(featureId);
      return parsed.ok ? [parsed.code, parsed.unit ?? ''] : null;
    },
    present: (r) => {
      const code = formatCode(r.code as string, (r.unit as string) || null);
      return {
        id: code,
        properties: {
          code,
          unit: (r.unit as string) || null,
          house_number: r.house_number,
          street: r.street,
          hamlet: r.hamlet,
          building: r.building,
          place_name: r.place_name,
          category: r.category,
          status: r.status,
          ward_code: r.ward_code,
          province_code: r.province_code ?? null,
          updated_at: iso(r.updated_at),
        },
      };
    },
    // address_density counts public addresses per H3 cell, kept exact by triggers: ~10k rows, not millions
    countAll: 'SELECT coalesce(sum(d.n), 0)::bigint AS n FROM address_density d WHERE d.res = 6',
    countCap: 10_000,
  },
  wards: {
    id: 'wards',
    title: 'Wards and communes (2025)',
    description:
      'The 3,321 communes, wards and special zones after the 2025 reform, with their boundary as stored (MultiPolygon) and postal code. ' +
      'Feature id: the 5-digit ward code.',
    maxAgeSeconds: 3600,
    table: 'wards w',
    alias: 'w',
    join: '',
    geom: 'w.geom',
    precision: 6,
    where: 'true',
    columns: 'w.code, w.name, w.full_name, w.unit_type, w.province_code, w.postal_code',
    orderBy: 'w.code',
    keyColumns: ['w.code'],
    keyParts: [/^\d{5}$/],
    keyOf: (r) => [r.code as string],
    idWhere: 'w.code = ?',
    parseId: (featureId) => (/^\d{5}$/.test(featureId) ? [featureId] : null),
    present: (r) => ({
      id: r.code as string,
      properties: {
        code: r.code,
        name: r.name,
        full_name: r.full_name,
        unit_type: r.unit_type,
        province_code: r.province_code,
        postal_code: r.postal_code,
      },
    }),
    countAll: 'SELECT count(*) AS n FROM wards',
    countCap: null,
  },
  provinces: {
    id: 'provinces',
    title: 'Provinces (2025)',
    description:
      'The 34 provinces and centrally-governed cities after the 2025 reform, with their boundary (MultiPolygon). Feature id: the 2-digit province code.',
    maxAgeSeconds: 3600,
    table: 'provinces p',
    alias: 'p',
    join: '',
    geom: 'p.geom',
    precision: 6,
    where: 'true',
    columns: 'p.code, p.name, p.full_name, p.unit_type',
    orderBy: 'p.code',
    keyColumns: ['p.code'],
    keyParts: [/^\d{2}$/],
    keyOf: (r) => [r.code as string],
    idWhere: 'p.code = ?',
    parseId: (featureId) => (/^\d{2}$/.test(featureId) ? [featureId] : null),
    present: (r) => ({
      id: r.code as string,
      properties: { code: r.code, name: r.name, full_name: r.full_name, unit_type: r.unit_type },
    }),
    countAll: 'SELECT count(*) AS n FROM provinces',
    countCap: null,
  },
};

export function collectionOf(id: string): CollectionSpec | null {
  return Object.hasOwn(COLLECTIONS, id) ? COLLECTIONS[id as CollectionId] : null;
}
