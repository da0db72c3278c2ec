/**
 * What a database error means, apart from how it is answered: the read router (replicas.ts) marks a
 * replica down on these, and http/problem.ts answers them 503 with Retry-After.
 */

/** Errors that mean "the database is not there" rather than "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08006',
]);
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; name?: string };
  if (e?.code && UNAVAILABLE_CODES.has(e.code)) return true;
  return e?.name === 'KnexTimeoutError' || /Connection terminated|connect ECONNREFUSED|not queryable/.test(e?.message ?? '');
}
