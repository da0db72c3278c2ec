/**
 * The pure part of the bulk loader: what a CSV header must name, and how one record becomes a row
 * of `addresses` (code, H3 cell, ward, checked and NFC-normalised details) or a rejection with its
 * reason. The same rules as registering through the API (server/addresses/schemas.ts) and the
 * CHECK constraints of the addresses migration, so nothing the database would refuse gets that far.
 */
import { latLngToCell } from 'h3-js';
import { cellToCode, CODE_RESOLUTION } from '../../codes/codec.js';
import { holdsContactData } from '../../addresses/contact-guard.js';
import { AddressStatus, RAW_TEXT_SLACK } from '../../addresses/schemas.js';
import { addressTerms, streetKeyForIndex } from '../../search/address-vectors.js';

export const TEXT_FIELDS = [
  ['house_number', 50],
  ['street', 200],
  ['hamlet', 200],
  ['building', 200],
  ['landmark', 200],
  ['note', 500],
] as const;
export type TextField = (typeof TEXT_FIELDS)[number][0];
export const STATUSES = AddressStatus.options;
export const OPTIONAL_COLUMNS = ['unit', ...TEXT_FIELDS.map(([f]) => f), 'status'] as const;
const UNIT = /^[A-Z0-9]{0,6}$/;

export type LoadRow = {
  line: number;
  code: string;
  unit: string;
  /** H3 index as a decimal string (the bigint column) */
  h3: string;
  lat: number;
  lng: number;
  wardCode: string | null;
  status: string;
  /** search_terms as tsvector text, or null for SQL to compute (server/search/address-vectors.ts) */
  searchTerms: string | null;
  /** street_key, or null for SQL to compute (or when there is no street) */
  streetKey: string | null;
} & Record<TextField, string | null>;

export type Prepared = { ok: true; row: LoadRow } | { ok: false; reason: string };

/** The header's column names (trimmed, lower case) → a problem, or null when the file can be read. */
export function checkHeader(columns: string[]): string | null {
  const names = columns.map((c) => c.trim().toLowerCase());
  const missing = ['lat', 'lng'].filter((c) => !names.includes(c));
  if (missing.length)
    return `the header must name the columns lat and lng (missing: ${missing.join(', ')}; found: ${names.join(', ') || 'nothing'})`;
  const twice = names.filter((n, i) => n && names.indexOf(n) !== i);
  if (twice.length) return `the header names ${twice.join(', ')} more than once`;
  return null;
}

const SPACES = /\s{2,}|[^\S ]/;

/** The API's checks in the API's order (server/addresses/schemas.ts): lengths before the contact-data guard. */
function text(value: string | undefined, max: number, name: string): { value: string | null } | { reason: string } {
  if (value === undefined || value === '') return { value: null };
  if (value.length > max * RAW_TEXT_SLACK) return { reason: `${name} has more than ${max} characters` };
  let s = value.normalize('NFC');
  if (SPACES.test(s)) s = s.replace(/\s+/g, ' ');
  s = s.trim();
  if (s === '') return { value: null };
  if (s.length > max) return { reason: `${name} has more than ${max} characters` };
  if (holdsContactData(s)) return { reason: `${name} holds a phone number or e-mail address` };
  return { value: s };
}

const NUMBER = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

/**
 * One CSV record (column name → raw text) into a row, or why not. `wardAt` answers the ward of
 * a point (null at sea); `line` is the record's line number in the file, for the rejects file.
 */
export function prepareRow(
  record: Record<string, string | undefined>,
  line: number,
  wardAt: (lat: number, lng: number) => string | null,
): Prepared {
  const latText = record.lat ?? '';
  const lngText = record.lng ?? '';
  if (!NUMBER.test(latText) || !NUMBER.test(lngText)) return { ok: false, reason: 'lat and lng must be decimal numbers' };
  const lat = Number(latText);
  const lng = Number(lngText);
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) return { ok: false, reason: 'lat must be within ±90 and lng within ±180' };
  const cell = latLngToCell(lat, lng, CODE_RESOLUTION);
  const code = cellToCode(cell);
  if (!code) return { ok: false, reason: 'the point is outside coverage' };
  const unit = (record.unit ?? '').trim().toUpperCase();
  if (!UNIT.test(unit)) return { ok: false, reason: 'unit must be up to 6 letters or digits' };
  const status = (record.status ?? '').trim().toLowerCase() || 'verified';
  if (!(STATUSES as readonly string[]).includes(status)) return { ok: false, reason: `status must be one of ${STATUSES.join(', ')}` };
  const row = { line, code, unit, h3: BigInt(`0x${cell}`).toString(), lat, lng, wardCode: wardAt(lat, lng), status } as LoadRow;
  for (const [field, max] of TEXT_FIELDS) {
    const t = text(record[field], max, field);
    if ('reason' in t) return { ok: false, reason: t.reason };
    row[field] = t.value;
  }
  row.searchTerms = addressTerms(row);
  row.streetKey = streetKeyForIndex(row.street);
  return { ok: true, row };
}

/**
 * One CSV record as read (fields in header order) into a row or why not: prepareRow after the
 * record's field count is checked against the header's.
 */
export function prepareRecord(
  names: string[],
  fields: string[],
  line: number,
  wardAt: (lat: number, lng: number) => string | null,
): Prepared {
  if (fields.length !== names.length) return { ok: false, reason: `the row has ${fields.length} fields, the header ${names.length}` };
  const record: Record<string, string | undefined> = {};
  for (let i = 0; i < names.length; i++) record[names[i]!] = fields[i];
  return prepareRow(record, line, wardAt);
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
// Nearly no value holds a backslash, tab or line break: one test instead of four replaces (8 fields × 24 M rows)
const copyText = (v: string | null) => (v === null ? '\\N' : COPY_SPECIAL.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v);

/** Did JavaScript leave this row's search columns to SQL (text only SQL folds exactly)? */
export const needsSqlText = (r: LoadRow) => r.searchTerms === null || (r.street !== null && r.streetKey === null);

/** The staging table's columns, in the order copyLine writes them. */
export const STAGING_COLUMNS = [
  'line',
  'code',
  'unit',
  'h3',
  'lng',
  'lat',
  'ward_code',
  'status',
  ...TEXT_FIELDS.map(([f]) => f),
  'search_terms',
  'street_key',
] as const;

/** One row as a line of PostgreSQL's COPY text format. */
export function copyLine(r: LoadRow): string {
  return `${r.line}\t${r.code}\t${r.unit}\t${r.h3}\t${r.lng}\t${r.lat}\t${copyText(r.wardCode)}\t${r.status}\t${copyText(r.house_number)}\t${copyText(r.street)}\t${copyText(r.hamlet)}\t${copyText(r.building)}\t${copyText(r.landmark)}\t${copyText(r.note)}\t${copyText(r.searchTerms)}\t${copyText(r.streetKey)}\n`;
}
