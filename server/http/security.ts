/**
 * Security headers: a small fixed set on every response (the API's JSON included), and helmet's
 * full set with a strict Content Security Policy on the web app's files and pages: scripts, styles
 * and requests from this server only. The built pages have no inline script, style or event
 * handler (tests/http/limits.int.test.ts checks them, tests/http/security.unit.test.ts the policy;
 * tests/web/csp.int.test.ts runs the app in Chromium and fails on any violation). The map's worker
 * script gets the same policy, which matters: a worker runs under the policy delivered with its own
 * script.
 *
 * MapLibre needs: its worker (a file of ours, or a blob: URL), canvas images made from data:/blob:
 * URLs, and styles set through the DOM (element.style), which style-src does not restrict.
 * With MAP_STYLE_URL, the style's origin is allowed to connect; the tiles, glyphs and sprites an
 * external style names may live on other origins: list them in MAP_CONNECT_SRC.
 *
 * /docs (an API route) sets its own, equally strict policy (server/docs/routes.ts).
 */
import helmet from 'helmet';
import type { RequestHandler } from 'express';
import { Problem } from './problem.js';

export type SecurityOptions = {
  /** An external MapLibre style (MAP_STYLE_URL): its origin may be fetched. */
  mapStyleUrl?: string | undefined;
  /** More origins the map may fetch from (an external style's tiles, glyphs, sprites). */
  mapConnectSrc?: readonly string[];
  /** The public base URL: over https, HSTS and upgrade-insecure-requests are sent. */
  publicUrl?: string | undefined;
};

const origin = (url: string) => new URL(url).origin;

/** The web app's policy, as directives (helmet's form). */
export function appCspDirectives({ mapStyleUrl, mapConnectSrc = [], publicUrl }: SecurityOptions = {}): Record<string, string[]> {
  const external = [...new Set([...(mapStyleUrl ? [origin(mapStyleUrl)] : []), ...mapConnectSrc.map(origin)])];
  const https = publicUrl?.startsWith('https:') ?? false;
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:', ...external],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", ...external],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
    // only where the site is served over https: on a plain-http LAN install it would break every request
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** The policy as helmet writes it in the header. */
export function appCsp(options: SecurityOptions = {}): string {
  return Object.entries(appCspDirectives(options))
    .map(([name, values]) => [name, ...values].join(' '))
    .join(';');
}

/**
 * What every response gets (the API's JSON, files, pages), built once and set with four or five
 * setHeader calls: on the single-lookup path the full helmet set (twelve headers, 0.6 kB a response)
 * cost a measurable share of throughput, and most of it (CSP, COOP, Origin-Agent-Cluster) means
 * nothing for JSON. nosniff keeps a browser from reading JSON or CSV as HTML or script.
 */
export function baseSecurityHeaders(options: SecurityOptions = {}): RequestHandler {
  const https = options.publicUrl?.startsWith('https:') ?? false;
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['X-Frame-Options', 'DENY'],
    ['Referrer-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'cross-origin'],
    ...(https ? [['Strict-Transport-Security', `max-age=${HSTS_SECONDS}`] as [string, string]] : []),
  ];
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

const HSTS_SECONDS = 180 * 24 * 3600;

/**
 * The web app's pages and files (HTML, scripts, the map's worker, styles): helmet's full set, built once.
 * Referrer-Policy is same-origin, not no-referrer: with no-referrer a browser sends `Origin: null` on
 * the app's own POSTs, which the CSRF check refuses. HSTS only
 * when PUBLIC_URL is https (the proxy in front terminates TLS; over http browsers ignore it, and a
 * LAN install on plain http must not be pinned). Cross-Origin-Resource-Policy is cross-origin:
 * the API, tiles and QR images are public and meant to be used by other sites (CORS decides
 * what scripts may read); the session-bound answers are JSON that no-cors loads cannot read.
 */
export function pageSecurityHeaders(options: SecurityOptions = {}): RequestHandler {
  const https = options.publicUrl?.startsWith('https:') ?? false;
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: appCspDirectives(options) },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: https ? { maxAge: HSTS_SECONDS, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
  });
}

/** The longest URL (path and query string) taken: far beyond any real request, well under Node's 16 KB header cap. */
export const MAX_URL_LENGTH = 8192;

/** 414 problem+json for an absurdly long URL (one comparison per request). Longer still, Node answers 431 (server-limits.ts). */
export const limitUrlLength: RequestHandler = (req, _res, next) => {
  if (req.url.length <= MAX_URL_LENGTH) return next();
  next(
    new Problem(
      414,
      'uri-too-long',
      'URI too long',
      `The URL is ${req.url.length} characters long; at most ${MAX_URL_LENGTH} are accepted. Send long inputs in a POST body.`,
    ),
  );
};
