/**
 * Session and CSRF middleware. Requests without a session cookie (every API client, anonymous
 * visitors) pass straight through; a cookie costs one indexed query.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
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
        (req as typeof req & { viewer: Viewer }).viewer = { userId: String(user.id), role: user.role, wards: new Set(user.wards), blocked: user.blocked };
      }
    }
    next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request that carries the session cookie must come from our own origin.
 * Browsers send Origin (and Sec-Fetch-Site) on such requests; clients without a cookie (API
 * callers, curl) are not exposed to CSRF and pass.
 */
export function rejectCrossSite(publicUrl: string | undefined): RequestHandler {
  const configured = publicUrl ? new URL(publicUrl).origin : null;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method) || !sessionToken(req.headers.cookie)) return next();
    const own = configured ?? `${req.protocol}://${req.get('host')}`;
    const origin = req.get('origin') ?? (req.get('referer') ? new URL(req.get('referer')!).origin : null);
    const site = req.get('sec-fetch-site');
    if ((origin && origin !== own) || site === 'cross-site') {
      throw new Problem(403, 'forbidden', 'Cross-site request refused', 'A request that changes data must come from this site’s own pages.');
    }
    next();
  };
}
