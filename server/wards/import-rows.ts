/**
 * Reading an import file (CSV or GeoJSON) into rows and checking each one. Pure: the ward test
 * and the set of already registered codes are passed in. Columns: lat, lng, house_number (or
 * houseNumber), street, unit, note (also hamlet, building, landmark where present).
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { DetailsInput, UnitInput } from '../addresses/schemas.js';
import { encode, formatCode } from '../codes/codec.js';
import { fromSpreadsheet } from '../csv-out.js';

export const MAX_IMPORT_ROWS = 100_000;

export type RawRow = Record<string, unknown>;
export type CheckedRow =
  | { row: number; ok: true; code: string; unit: string; lat: number; lng: number; details: z.infer<typeof DetailsInput> }
  | { row: number; ok: false; error: string };

export function readRows(body: string, contentType: string): RawRow[] {
  if (/json/.test(contentType)) {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      throw new Error('The file is not valid JSON.');
    }
    const fc = doc as { type?: string; features?: { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> }[] };
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error('A GeoJSON import is a FeatureCollection of Points.');
    return fc.features.map((f) => {
      const [lng, lat] = f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates : [undefined, undefined];
      return { ...(f.properties ?? {}), lat: f.properties?.lat ?? lat, lng: f.properties?.lng ?? lng };
    });
  }
  try {
    // cast: a ward export opened in a spreadsheet and imported again loses the quote that kept its formula-like cells inert (csv-out.ts)
    return parse(body, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true,
      cast: (value: string) => fromSpreadsheet(value),
    }) as RawRow[];
  } catch (err) {
    throw new Error(`The file is not valid CSV: ${(err as Error).message}`);
  }
}

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : NaN);
const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

/** Checks every row; `wardAt` and `registered` come from the service. */
export function checkRows(rows: RawRow[], wardCode: string, wardAt: (lat: number, lng: number) => string | null, registered: (code: string, unit: string) => boolean): CheckedRow[] {
  const seen = new Set<string>();
  return rows.map((r, i): CheckedRow => {
    const row = i + 1;
    const fail = (error: string): CheckedRow => ({ row, ok: false, error });
    const lat = num(r.lat);
    const lng = num(r.lng ?? r.lon);
    if (!Number.isFinite(lat) || lat < -90 || lat > 90) return fail(`lat "${String(r.lat ?? '')}" is not a latitude`);
    if (!Number.isFinite(lng) || lng < -180 || lng > 180) return fail(`lng "${String(r.lng ?? '')}" is not a longitude`);
    const code = encode(lat, lng);
    if (!code) return fail('the point is outside the area that has codes');
    const ward = wardAt(lat, lng);
    if (ward !== wardCode) return fail(ward ? `the point lies in ward ${ward}, not in ${wardCode}` : 'the point lies outside every ward');
    const unitText = text(r.unit);
    const unit = unitText === undefined ? { success: true as const, data: '' } : UnitInput.safeParse(unitText);
    if (!unit.success) return fail(`unit: ${unit.error.issues[0]!.message}`);
    const details = DetailsInput.safeParse({
      houseNumber: text(r.house_number ?? r.housenumber ?? r.houseNumber),
      street: text(r.street), hamlet: text(r.hamlet), building: text(r.building), landmark: text(r.landmark), note: text(r.note),
    });
    if (!details.success) {
      const issue = details.error.issues[0]!;
      return fail(`${issue.path.join('.')}: ${issue.message}`);
    }
    const key = `${code}/${unit.data}`;
    if (seen.has(key)) return fail(`${formatCode(code, unit.data || null)} appears twice in the file`);
    seen.add(key);
    if (registered(code, unit.data)) return fail(`${formatCode(code, unit.data || null)} is already registered`);
    return { row, ok: true, code, unit: unit.data, lat, lng, details: details.data };
  });
}
