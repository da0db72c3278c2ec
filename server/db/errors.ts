/**
 * What a database error means, apart from how it is answered: the read router (replicas.ts) marks a
 * replica down when the database is away and retries a read a replica cancelled on the primary;
 * http/problem.ts answers each kind (503 with Retry-After, or 400 for text that cannot be stored).
 */

const sqlState = (err: unknown): string | undefined => (err as { code?: string } | null)?.code;

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

/**
 * A statement cancelled by statement_timeout (57014 query_canceled) or lock_timeout (55P03
 * lock_not_available): the database is there but busy or the request too big.
 */
const TIMEOUT_CODES = new Set(['57014', '55P03']);
export function isQueryTimeout(err: unknown): boolean {
  const code = sqlState(err);
  return code !== undefined && TIMEOUT_CODES.has(code);
}

/**
 * 40001 serialization_failure: a serializable transaction could not commit, or a replica cancelled
 * a query that conflicted with recovery. Nothing was written; the same work can run again.
 */
export const isSerializationFailure = (err: unknown): boolean => sqlState(err) === '40001';

/** A deadlock's victim (40P01) or a serialization failure: rolled back, nothing written, safe to send again. */
export function isTransactionConflict(err: unknown): boolean {
  return sqlState(err) === '40P01' || isSerializationFailure(err);
}

/** Text PostgreSQL cannot store: 22021 character_not_in_repertoire (a NUL), 22P05 untranslatable character. */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);
export const isUnstorableText = (err: unknown): boolean => UNSTORABLE_TEXT_CODES.has(sqlState(err) ?? '');
