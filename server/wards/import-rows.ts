/**
 * Reading an import file (CSV or GeoJSON) into rows and checking each one. Pure: the ward test
 * and the set of already registered codes are passed in. Columns: lat, lng, house_number (or
 * houseNumber), street, unit, note (also hamlet, building, landmark where present).
 */
import { parse as parseStream, type Options } from 'csv-parse';
import { z } from 'zod';
import { DetailsInput, UnitInput } from '../addresses/schemas.js';
import { encode, formatCode } from '../codes/codec.js';
import { cooperative } from '../lib/cooperative.js';
import { fromSpreadsheet } from '../lib/csv-out.js';

export const MAX_IMPORT_ROWS = 100_000;

export type RawRow = Record<string, unknown>;
export type CheckedRow =
  | { row: number; ok: true; code: string; unit: string; lat: number; lng: number; details: z.infer<typeof DetailsInput> }
  | { row: number; ok: false; error: string };

export async function readRows(body: string, contentType: string): Promise<RawRow[]> {
  if (/json/.test(contentType)) {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      throw new Error('The file is not valid JSON.');
    }
    const fc = doc as {
      type?: string;
      features?: { geometry?: { type?: string; coordinates?: unknown[] }; properties?: Record<string, unknown> }[];
    };
    if (fc?.type !== 'FeatureCollection' || !Array.isArray(fc.features))
      throw new Error('A GeoJSON import is a FeatureCollection of Points.');
    return fc.features.map((f) => {
      const [lng, lat] =
        f.geometry?.type === 'Point' && Array.isArray(f.geometry.coordinates) ? f.geometry.coordinates : [undefined, undefined];
      return { ...(f.properties ?? {}), lat: f.properties?.lat ?? lat, lng: f.properties?.lng ?? lng };
    });
  }
  try {
    // cast: a ward export opened in a spreadsheet and imported again loses the quote that kept its formula-like cells inert (csv-out.ts)
    return await parseInSlices(body, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      relax_column_count: true,
      cast: (value: string) => fromSpreadsheet(value),
    });
  } catch (err) {
    throw new Error(`The file is not valid CSV: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * csv-parse fed 64 KB at a time, with a turn of the event loop between pieces (cooperative.ts): a
 * 30 MB file parsed in one call held the process for seconds. A piece never ends between the two
 * halves of a UTF-16 surrogate pair.
 */
async function parseInSlices(body: string, options: Options): Promise<RawRow[]> {
  const parser = parseStream(options);
  const rows: RawRow[] = [];
  parser.on('readable', () => {
    for (let row = parser.read(); row !== null; row = parser.read()) rows.push(row as RawRow);
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('end', resolve);
    parser.on('error', reject);
  });
  done.catch(() => {}); // observed below; a failure mid-way must not be an unhandled rejection meanwhile
  const turn = cooperative();
  for (let start = 0; start < body.length;) {
    let end = Math.min(body.length, start + 65_536);
    const next = body.charCodeAt(end);
    if (next >= 0xdc00 && next <= 0xdfff) end++; // the low half of a pair stays with its high half
    parser.write(body.slice(start, end));
    start = end;
    await turn();
    if (parser.destroyed) break;
  }
  parser.end();
  await done;
  return rows;
}

const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : NaN);
const text = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : String(v));

/**
 * Checks every row; `wardAt` and `registered` come from the service. In slices (cooperative.ts): a
 * file of 100,000 rows is seconds of work that would otherwise hold every other request back.
 */
export async function checkRows(
  rows: RawRow[],
  wardCode: string,
  wardAt: (lat: number, lng: number) => string | null,
  registered: (code: string, unit: string) => boolean,
): Promise<CheckedRow[]> {
  const seen = new Set<string>();
  const turn = cooperative();
  const out: CheckedRow[] = [];
  for (const [i, r] of rows.entries()) {
    out.push(checkRow(r, i));
    await turn();
  }
  return out;

  function checkRow(r: RawRow, i: number): CheckedRow {
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
      street: text(r.street),
      hamlet: text(r.hamlet),
      building: text(r.building),
      landmark: text(r.landmark),
      note: text(r.note),
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
  }
}
