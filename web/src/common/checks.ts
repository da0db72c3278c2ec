/**
 * Small runtime checks of the API's answers where the app acts on their shape: a code lookup
 * before a place is shown (and the "current" address of a 409), a batch chunk before rows are
 * written out. The types come from the server's OpenAPI document; these make sure an answer
 * (from a proxy, an older server, a captive portal) really has that shape. No schema library:
 * the web bundle stays small.
 */
import type { CodeLookup } from './types.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isPoint = (value: unknown) => isObject(value) && isNumber(value.lat) && isNumber(value.lng);

/** A decoded code, as GET /v1/codes/{code} answers it: what the place panel and the map read. */
export function isCodeLookup(value: unknown): value is CodeLookup {
  if (!isObject(value) || typeof value.code !== 'string' || typeof value.registered !== 'boolean') return false;
  if (!isPoint(value) || !isObject(value.cell) || !isObject(value.admin)) return false;
  const address = value.address;
  if (address === undefined) return true;
  return isObject(address) && isPoint(address.point) && isNumber(address.version) && isObject(address.details);
}

type Headers = { get(name: string): string | null };
const count = (text: string | null) => (text !== null && /^\d+$/.test(text.trim()) ? Number(text) : null);

/**
 * A batch chunk's answer (POST /v1/batch/*.csv): CSV, with the rows answered and those without a
 * result in Batch-Rows and Batch-Failed. Anything else that came back with a 200 (a proxy's or a
 * captive portal's page) would otherwise be joined into the user's file: null.
 */
export function csvAnswerCounts(headers: Headers): { rows: number; failed: number } | null {
  if (!/^text\/csv\b/i.test(headers.get('content-type') ?? '')) return null;
  const rows = count(headers.get('batch-rows'));
  const failed = headers.get('batch-failed') === null ? 0 : count(headers.get('batch-failed'));
  return rows === null || failed === null || failed > rows ? null : { rows, failed };
}
