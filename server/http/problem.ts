/**
 * One error type and one error handler: every failure leaves as RFC 9457 problem+json.
 * Handlers throw `Problem`s; anything else is an internal error, logged in full and answered
 * with a generic 500 (or 503 when the database is unreachable) that reveals nothing inside.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { isDatabaseUnavailable, isQueryTimeout, isTransactionConflict, isUnstorableText } from '../db/errors.js';

export const PROBLEM_TYPES = {
  'invalid-request': 'The request does not have the form this endpoint expects; `errors` says which field and why.',
  'invalid-code': 'The address code is malformed or its check character does not match; `suggestions` lists valid codes one edit away.',
  'outside-coverage': 'The point lies outside the area where address codes are assigned (Vietnam with its islands and a sea margin).',
  'not-found': 'Nothing is at this URL.',
  'invalid-api-key': 'The API key is malformed, unknown or revoked. Keys are sent as the X-API-Key header (or the key query parameter).',
  unauthorized: 'Sign in first: this needs an account (session cookie).',
  forbidden: 'Your account may not do this (wrong role, another ward, not the owner, blocked, or a cross-site request).',
  conflict: 'The resource changed since you read it (stale version) or already exists; `current` holds what is there now.',
  'too-many-requests': 'Too many requests of this kind; retry after the number of seconds in Retry-After.',
  'off-network':
    'A point lies farther from the loaded road network than a route may start or end; `straightLine` gives the distance as the crow flies.',
  'no-route': 'The points are on the road network but no route connects them for this profile (one-way streets, access, or a network cut).',
  'invalid-import': 'The import has rows that cannot be imported; `rows` says which and why. Nothing was written.',
  'payload-too-large': 'The request body is larger than this endpoint accepts.',
  'uri-too-long':
    'The URL (path and query string) or the request headers are longer than this service accepts (8 KB URL, 16 KB headers); send long inputs in a POST body.',
  'unsupported-media-type': 'Send the request body as application/json.',
  'service-unavailable': 'The database cannot be reached right now; retry after the number of seconds in Retry-After.',
  'query-timeout':
    'The request needed more database time than one request may take (STATEMENT_TIMEOUT_MS) or waited too long for a lock, and was cancelled; retry after the number of seconds in Retry-After, or send a smaller request.',
  'internal-error': 'Something failed inside the service. It has been logged; the request can be retried.',
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly type: ProblemType,
    readonly title: string,
    readonly detail?: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }

  toJSON(instance?: string) {
    return { type: `/problems/${this.type}`, title: this.title, status: this.status, detail: this.detail, instance, ...this.extra };
  }
}

export const badRequest = (detail: string, extra?: Record<string, unknown>) =>
  new Problem(400, 'invalid-request', 'Invalid request', detail, extra);
export const unauthorized = (detail = 'Sign in to do this.') => new Problem(401, 'unauthorized', 'Not signed in', detail);
export const forbidden = (detail: string) => new Problem(403, 'forbidden', 'Forbidden', detail);
export const notFound = (detail: string) => new Problem(404, 'not-found', 'Not found', detail);
export const conflict = (detail: string, extra?: Record<string, unknown>) => new Problem(409, 'conflict', 'Conflict', detail, extra);

/** 503 with Retry-After: the database cannot be reached. `extra` may say what became of a write (`outcome`). */
export const serviceUnavailable = (detail = 'The database is not reachable; try again shortly.', extra: Record<string, unknown> = {}) =>
  new Problem(503, 'service-unavailable', 'Service unavailable', detail, extra, { 'Retry-After': '5' });

/**
 * A statement cancelled by statement_timeout or lock_timeout (db/errors.ts, isQueryTimeout): 503 with
 * Retry-After, not 504: this server is the origin, not a gateway, and the request may succeed later.
 */
export const queryTimeout = () =>
  new Problem(
    503,
    'query-timeout',
    'Query timed out',
    'The database took too long to answer this request and it was cancelled; try again shortly, or send a smaller request.',
    {},
    { 'Retry-After': '5' },
  );

/** Body-parser errors carry `type` and `status`; map the ones a client can cause. */
function fromBodyParser(err: { type?: string; status?: number; message?: string }): Problem | null {
  if (err.type === 'entity.parse.failed') return badRequest('The body is not valid JSON.');
  if (err.type === 'entity.too.large')
    return new Problem(
      413,
      'payload-too-large',
      'Payload too large',
      `The request body is larger than this endpoint accepts (${(err as { limit?: number }).limit ?? 'its limit'} bytes).`,
    );
  if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
    return new Problem(415, 'unsupported-media-type', 'Unsupported media type', err.message);
  }
  if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return badRequest(err.message ?? 'Bad request');
  return null;
}

export function sendProblem(res: Parameters<RequestHandler>[1], problem: Problem, instance?: string) {
  res
    .status(problem.status)
    .set(problem.headers)
    .type('application/problem+json')
    .send(JSON.stringify(problem.toJSON(instance)));
}

export const notFoundHandler: RequestHandler = (req, res) => {
  sendProblem(res, new Problem(404, 'not-found', 'Not found', `No endpoint at ${req.method} ${req.path}.`), req.originalUrl);
};

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    let problem: Problem;
    if (err instanceof Problem) problem = err;
    else if (isQueryTimeout(err)) {
      logger.warn({ err, method: req.method, url: req.originalUrl }, 'query timed out');
      problem = queryTimeout();
    } else if (isTransactionConflict(err)) {
      // the database chose this transaction as a deadlock's victim and rolled it back (40P01), or a
      // serializable one could not commit (40001): nothing was written, and the same request succeeds again
      logger.warn({ err, method: req.method, url: req.originalUrl }, 'transaction conflict');
      problem = serviceUnavailable('The request conflicted with a concurrent change and nothing was written; send it again.');
    } else if (isUnstorableText(err)) {
      // requests are checked for NUL at the edge (route.ts); this is the backstop for a path that
      // missed it: still the client's text, so 400, logged as a gap in validation
      logger.warn({ err, method: req.method, url: req.originalUrl }, 'text the database cannot store reached a query');
      problem = badRequest('The request holds a character that cannot be stored (such as U+0000).');
    } else if (isDatabaseUnavailable(err)) {
      logger.warn({ err, url: req.originalUrl }, 'database unavailable');
      problem = serviceUnavailable();
    } else {
      problem = fromBodyParser(err) ?? new Problem(500, 'internal-error', 'Internal error', 'An unexpected error occurred.');
      if (problem.status >= 500) logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    }
    if (res.headersSent) return;
    sendProblem(res, problem, req.originalUrl);
  };
}

/** A route's declared problem+json response (for `responses` in route declarations): its description. */
export const problem = (description: string) => ({ description, contentType: 'application/problem+json' });
