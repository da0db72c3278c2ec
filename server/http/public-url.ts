/**
 * Where this site is, for every absolute URL it writes (share links, QR codes, Open Graph tags,
 * OGC links) and for the CSRF check's own origin: one place, so that no handler builds a link from
 * the request's Host header on its own.
 *
 * The Host header is whatever the client sends. A link built from it can be made to point anywhere,
 * and QR images are cached for a day by browsers and proxies, so one forged request could poison
 * them. Hence:
 *   - PUBLIC_URL set: every link uses it; the Host header is never read for links.
 *   - ALLOWED_HOSTS set (names, optionally with a port: `ma.example.vn,ma.example.vn:8443`): a request
 *     whose Host is not one of them is refused at the door with 400 problem+json (Django and Rails
 *     do the same), except the health probes, which load balancers send with an IP for a host.
 *     Links then use the request's own (allowed) host and scheme.
 *   - neither: development only (config.ts refuses to start in production): the request's host.
 * The scheme and host follow X-Forwarded-Proto/-Host only behind a trusted proxy (TRUST_PROXY),
 * as Express decides for req.protocol and req.host.
 */
import type { Request, RequestHandler } from 'express';
import { badRequest } from './problem.js';

export type PublicUrlOptions = {
  /** PUBLIC_URL: the base of every link. */
  publicUrl?: string | undefined;
  /** ALLOWED_HOSTS: the Host header values accepted, lower case, each a name or name:port. */
  allowedHosts?: readonly string[];
};

/** "https://x.vn//" → "https://x.vn", as a loop: `/\/+$/` is quadratic on many slashes not at the end (tests/security/regex-lint). */
function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}

/** Paths answered whatever the Host: probes by IP address from load balancers and orchestrators. */
const PROBES = new Set(['/healthz', '/readyz']);

export function publicUrls({ publicUrl, allowedHosts = [] }: PublicUrlOptions = {}) {
  const configured = publicUrl === undefined ? undefined : withoutTrailingSlashes(publicUrl);
  const configuredOrigin = configured ? new URL(configured).origin : null;
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));

  /** The Host as sent (with its port), when ALLOWED_HOSTS lets it through. */
  function allowedHost(req: Request): string | null {
    const host = req.host?.toLowerCase();
    if (!host) return null;
    // host and port exactly as listed: "ma.example.vn" allows no ":1" (links and QR codes, cached a day, would carry it)
    if (allowed.size === 0 || allowed.has(host)) return host;
    return null;
  }

  /** The request's own origin; with ALLOWED_HOSTS a foreign host never gets here (checkHost), but falls back to the first allowed one anyway. */
  function requestOrigin(req: Request): string {
    const host = allowedHost(req) ?? allowedHosts[0] ?? 'localhost';
    return `${req.protocol}://${host}`;
  }

  return {
    /** The base of absolute links, without a trailing slash: PUBLIC_URL, else the request's allowed scheme and host. */
    base: (req: Request): string => configured ?? requestOrigin(req),
    /** The origin a state-changing request from our own pages carries. */
    origin: (req: Request): string => configuredOrigin ?? requestOrigin(req),
    /** 400 problem+json for a Host outside ALLOWED_HOSTS; nothing to check without the list. */
    checkHost: ((req, _res, next) => {
      if (allowed.size === 0 || PROBES.has(req.path) || allowedHost(req)) return next();
      next(badRequest('This server does not answer for that host name (Host header); see ALLOWED_HOSTS.'));
    }) as RequestHandler,
  };
}
export type PublicUrls = ReturnType<typeof publicUrls>;
