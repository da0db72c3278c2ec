/**
 * Importing addresses from a file: which media type to send it as, and what the server's
 * report of a dry run or of a refused commit says. Pure: the upload itself is in upload.ts.
 */
import type { ImportReport, ImportRow } from '../../common/types.js';

export type ImportMediaType = 'text/csv' | 'application/geo+json';

/** Largest file sent (the API reads at most a few MB per import). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/**
 * CSV or GeoJSON, by the file's name first (.csv, .geojson, .json), else by its first
 * character: a GeoJSON file is a JSON object. Null when it is neither.
 */
export function importMediaType(fileName: string, firstText: string): ImportMediaType | null {
  const name = fileName.toLowerCase();
  if (name.endsWith('.csv') || name.endsWith('.tsv') || name.endsWith('.txt')) return 'text/csv';
  if (name.endsWith('.geojson') || name.endsWith('.json')) return 'application/geo+json';
  const start = firstText.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{')) return 'application/geo+json';
  if (/^[\w" ]+[,;\t]/.test(start)) return 'text/csv';
  return null;
}

/** Rows with errors first, then the rest, each group in file order. */
export function sortRows(rows: readonly ImportRow[]): ImportRow[] {
  return [...rows].sort((a, b) => Number(a.ok) - Number(b.ok) || a.row - b.row);
}

/** A report as the table shows it, whether it came as a dry run or as a refused commit (422). */
export function normalizeReport(body: Partial<ImportReport> & { rows?: ImportRow[] }, dryRun: boolean): ImportReport {
  const rows = Array.isArray(body.rows) ? body.rows : [];
  const invalid = typeof body.invalid === 'number' ? body.invalid : rows.filter((r) => !r.ok).length;
  const total = typeof body.total === 'number' ? body.total : rows.length;
  const valid = typeof body.valid === 'number' ? body.valid : total - invalid;
  return { dryRun, total, valid, invalid, rows };
}

export type ImportPhase =
  | { name: 'idle' }
  | { name: 'checking'; progress: number }
  | { name: 'checked'; report: ImportReport }
  | { name: 'committing'; progress: number; report: ImportReport }
  | { name: 'refused'; report: ImportReport }
  | { name: 'imported'; imported: number; report: ImportReport }
  | { name: 'failed' };

/** The commit button is offered only for a file whose dry run found every row valid. */
export function canCommit(phase: ImportPhase): boolean {
  return phase.name === 'checked' && phase.report.invalid === 0 && phase.report.valid > 0;
}

/** Upload progress as a whole percentage; unknown totals count as half way. */
export function percent(loaded: number, total: number | null): number {
  if (!total || total <= 0) return 50;
  return Math.max(0, Math.min(100, Math.round((loaded / total) * 100)));
}
