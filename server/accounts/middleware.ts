/**
 * Session and CSRF middleware. Requests without a session cookie (every API client, anonymous
 * visitors) pass straight through; a cookie costs one indexed query.
 */
import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { parse } from 'cookie';
import { Problem } from '../http/problem.js';
import type { AccountsRepository } from './repository.js';
import type { Viewer } from './viewer.js';

export const SESSION_COOKIE = 'sid';
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  return parse(cookieHeader)[SESSION_COOKIE] ?? null;
}

export function attachViewer(repo: AccountsRepository): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionToken(req.headers.cookie);
    if (token) {
      const user = await repo.sessionUser(hashToken(token));
      if (user) {
        (req as typeof req & { viewer: Viewer }).viewer = {
          userId: String(user.id),
          role: user.role,
          wards: new Set(user.wards),
          blocked: user.blocked,
        };
      }
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin a Referer names; one that is not a URL names no origin of ours ('null', as browsers write an opaque one). */
function refererOrigin(referer: string): string {
  return URL.canParse(referer) ? new URL(referer).origin : 'null';
}

/**
 * A state-changing request that carries the session cookie must come from our own origin
 * (`ownOrigin`: server/http/public-url.ts). Browsers send Origin (and Sec-Fetch-Site) on such
 * requests; clients without a cookie (API callers, curl) are not exposed to CSRF and pass. A
 * malformed Origin or Referer is foreign: 403, never a 500.
 */
export function rejectCrossSite(ownOrigin: (req: Request) => string): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || !sessionToken(req.headers.cookie)) return next();
    const own = ownOrigin(req);
    const referer = req.get('referer');
    const origin = req.get('origin') ?? (referer ? refererOrigin(referer) : null);
    const site = req.get('sec-fetch-site');
    if ((origin && origin !== own) || site === 'cross-site') {
      throw new Problem(
        403,
        'forbidden',
        'Cross-site request refused',
        'A request that changes data must come from this site’s own pages.',
      );
    }
    next();
  };
}
