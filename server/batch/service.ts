/**
 * Batch jobs over CSV files: a file of address codes or of free-text addresses in, the same file
 * out with columns added (code, point, 2025 ward and province, postal code; for codes the error
 * and a suggestion, for addresses the parsed parts and how sure the parse is). Rows keep their
 * order. Work goes in slices of 1,000 rows through the same services as the JSON API: codes
 * through `lookupMany` with the requester's viewer (so a private address is a bare location to
 * anyone but its owner and its ward's staff), addresses through `parseMany`.
 */
import type { Viewer } from '../accounts/viewer.js';
import type { AdminDirectory } from '../admin/directory.js';
import { formatCode } from '../codes/codec.js';
import type { CodesService } from '../codes/service.js';
import { badRequest, Problem } from '../http/problem.js';
import type { SearchService } from '../search/service.js';
import { ADDRESS_COLUMNS, addedNames, CODE_COLUMNS, findColumn, looksLikeCode, type BatchKind } from './columns.js';
import type { CsvCell } from '../lib/csv-out.js';
import { CsvError, readTable, TooManyRows, writeTable, type Table } from './csv.js';
import type { AddressKey, BatchRepository } from './repository.js';
import { round7 } from '../lib/geo.js';

/** Data rows per request: the web client sends larger files in chunks of this size or less. */
export const MAX_BATCH_ROWS = 20_000;
/** Rows per call of lookupMany / parseMany (their own limit as JSON endpoints). */
export const SLICE_ROWS = 1_000;
/** Longest address line read, as for POST /v1/addresses/parse; longer lines are not parsed. */
const MAX_LINE = 500;
/** Longest cell looked at: a line's worth of text with room for the blanks and breaks cleaning removes. */
const MAX_CELL = MAX_LINE * 4;

export type BatchResult = { csv: string; rows: number; failed: number };

/** Coordinates as numbers, not text: the CSV writer neutralises formula-like text but writes numbers as they are. */

function read(body: string): Table {
  try {
    return readTable(body, { maxRows: MAX_BATCH_ROWS });
  } catch (err) {
    if (err instanceof TooManyRows) throw new Problem(413, 'payload-too-large', 'Too many rows', err.message, { maxRows: err.max });
    if (err instanceof CsvError) throw badRequest(err.message);
    throw err;
  }
}

/** The column to read, or a 400 that says which columns the file has. */
function column(table: Table, kind: BatchKind, requested: string | undefined): number {
  const index = findColumn(table.header, kind, requested);
  const columns = table.header.map((h) => `"${h}"`).join(', ');
  if (index < 0) {
    throw badRequest(
      requested !== undefined
        ? `No column named "${requested}": the header row has ${columns}.`
        : `No address column: name it "address" (or "địa chỉ"), or choose one with ?column=. The header row has ${columns}.`,
    );
  }
  if (kind === 'codes' && looksLikeCode(table.header[index]!)) {
    throw badRequest('The first line holds a code, not a header: add a header row naming the columns, e.g. "code".');
  }
  return index;
}

/** Every row as wide as the widest (short rows padded); extra cells of long rows get unnamed columns. */
function rectangular(table: Table): { header: string[]; rows: string[][] } {
  const width = Math.max(table.header.length, ...table.rows.map((r) => r.length));
  const pad = (r: string[]) => (r.length === width ? r : [...r, ...Array<string>(width - r.length).fill('')]);
  return { header: pad(table.header), rows: table.rows.map(pad) };
}

/**
 * An address cell as one line: line breaks inside the cell (and the blanks around them) become
 * commas, other control characters spaces. A cell far longer than a line is not read at all, and
 * the rest is plain splitting: `\s*[\r\n]+\s*` retried along a long run of blanks is quadratic.
 */
function addressLine(cell: string | undefined): string {
  if (!cell || cell.length > MAX_CELL) return '';
  const lines = cell.split(/[\r\n]+/);
  const last = lines.length - 1;
  const kept = lines
    .map((l, i) => (i === 0 ? l.trimEnd() : i === last ? l.trimStart() : l.trim()))
    .filter((l, i) => l !== '' || i === 0 || i === last);
  return (
    kept
      .join(', ')
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .trim()
  );
}

export function createBatchService({
  codes,
  search,
  admin,
  repo,
}: {
  codes: CodesService;
  search: SearchService | null;
  admin: AdminDirectory;
  repo: BatchRepository;
}) {
  return {
    async codes(body: string, viewer: Viewer | null, requested?: string): Promise<BatchResult> {
      const table = read(body);
      const index = column(table, 'codes', requested);
      const { header, rows } = rectangular(table);
      const out: CsvCell[][] = [];
      let failed = 0;
      for (let start = 0; start < rows.length; start += SLICE_ROWS) {
        const slice = rows.slice(start, start + SLICE_ROWS);
        const looked = await codes.lookupMany(
          slice.map((r) => r[index]!.trim()),
          viewer,
          { cell: false },
        );
        looked.forEach(({ result, error }, i) => {
          const row = slice[i]!;
          if (!result) {
            failed++;
            out.push([...row, '', '', '', '', '', '', '', '', '', error?.title ?? 'Invalid code', error?.suggestions?.[0] ?? '']);
            return;
          }
          const { ward, province, postalCode } = result.admin;
          const point = result.address?.point ?? { lat: result.lat, lng: result.lng };
          out.push([
            ...row,
            result.code,
            round7(point.lat),
            round7(point.lng),
            ward?.code ?? '',
            ward?.fullName ?? '',
            province?.code ?? '',
            province?.fullName ?? '',
            postalCode ?? '',
            String(result.registered),
            '',
            '',
          ]);
        });
      }
      return { csv: writeTable([...header, ...addedNames(header, CODE_COLUMNS)], out, table.delimiter), rows: out.length, failed };
    },

    async addresses(body: string, requested?: string): Promise<BatchResult> {
      if (!search)
        throw new Problem(
          503,
          'service-unavailable',
          'Service unavailable',
          'Address parsing is not configured on this server.',
          {},
          { 'Retry-After': '60' },
        );
      const table = read(body);
      const index = column(table, 'addresses', requested);
      const { header, rows } = rectangular(table);
      const resolver = await admin.resolver();
      const out: CsvCell[][] = [];
      let failed = 0;
      for (let start = 0; start < rows.length; start += SLICE_ROWS) {
        const slice = rows.slice(start, start + SLICE_ROWS);
        const lines = slice.map((r) => addressLine(r[index]));
        const readable = lines.flatMap((line, i) => (line && line.length <= MAX_LINE ? [i] : []));
        const parsed = await search.parseMany(readable.map((i) => lines[i]!));
        const byRow = new Map(readable.map((rowIndex, k) => [rowIndex, parsed[k]!]));
        // a registered (public) address with this house number on this street in this ward: its code and entrance
        const keyed = parsed.flatMap((p, k): (AddressKey & { row: number })[] =>
          p.ward && p.street && p.houseNumber && !p.alley
            ? [{ row: readable[k]!, wardCode: p.ward.code, street: p.street, houseNumber: p.houseNumber }]
            : [],
        );
        const matches = await repo.matchAddresses(keyed);
        const matchOf = new Map([...matches].map(([k, m]) => [keyed[k]!.row, m]));
        slice.forEach((row, i) => {
          const p = byRow.get(i);
          const m = matchOf.get(i);
          const units = p?.ward ? resolver.admin(p.ward.code) : null;
          const province = units?.province ? { code: units.province.code, name: units.province.fullName } : (p?.province ?? null);
          const match = m ? 'address' : p?.ward ? 'ward' : province ? 'province' : 'none';
          if (!p?.ward) failed++;
          out.push([
            ...row,
            m ? formatCode(m.code, m.unit || null) : '',
            m ? round7(m.lat) : '',
            m ? round7(m.lng) : '',
            p?.ward?.code ?? '',
            units?.ward?.fullName ?? p?.ward?.name ?? '',
            province?.code ?? '',
            province?.name ?? '',
            units?.postalCode ?? '',
            p?.houseNumber ?? '',
            p?.alley ?? '',
            p?.street ?? '',
            p?.hamlet ?? '',
            p ? p.confidence : 0,
            match,
          ]);
        });
      }
      return { csv: writeTable([...header, ...addedNames(header, ADDRESS_COLUMNS)], out, table.delimiter), rows: out.length, failed };
    },
  };
}
export type BatchService = ReturnType<typeof createBatchService>;
