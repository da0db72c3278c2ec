/** Configuration from the environment, read once by main.ts and passed down; nothing reads env elsewhere. */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

const projectRoot = path.resolve(import.meta.dirname, '..');

/** The API's rate limits, as keys/gate.ts applies them (defined here: config.ts sits below every domain). */
export type Limits = {
  enabled: boolean;
  anonymousPerMinute: number;
  keyPerMinute: number;
  keyPerDay: number;
  /** Requests a minute to /v1/auth/* from one client address (default AUTH_PER_MINUTE). */
  authPerMinute?: number;
  /** Tiles a minute from one client address (default TILES_PER_MINUTE). */
  tilesPerMinute?: number;
};

/** Sign-in and sign-up attempts a minute from one address: plenty for people behind one NAT, few for guessing. */
export const AUTH_PER_MINUTE = 30;
/** A map view at a large screen loads up to ~170 tiles (7 layers); panning and zooming for a minute stays well below. */
export const TILES_PER_MINUTE = 3000;

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Real PostgreSQL/PostGIS. When unset, an embedded PGlite database is started in-process. */
  DATABASE_URL: z.string().url().optional(),
  /** Where the embedded database keeps its files (a restart keeps everything). */
  PGLITE_DIR: z.string().default(path.join(projectRoot, 'data', 'pglite')),
  /** Where the seed data lies (the shared data folder; never copied into the project). */
  DATA_DIR: z.string().default(path.resolve(projectRoot, '..', 'shared', 'data')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Log one line per request (off by default: it costs ~10% of lookup throughput). */
  LOG_REQUESTS: z.enum(['0', '1']).default('0'),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  /** Public base URL of every absolute link (share links, QR codes, Open Graph, OGC), e.g. https://ma.example.vn */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'PUBLIC_URL is an http:// or https:// URL')
    .optional(),
  /** Host names the server answers for (comma separated, optionally name:port); other Host headers get 400. */
  ALLOWED_HOSTS: z.string().optional(),
  /** `production` requires PUBLIC_URL or ALLOWED_HOSTS (links must not come from a client's Host header). */
  NODE_ENV: z.string().optional(),
  /** An external MapLibre style URL for the web app (default: the built-in offline style). */
  MAP_STYLE_URL: z.string().url().optional(),
  /** Proposals a household may send per 24 hours. */
  PROPOSALS_PER_DAY: z.coerce.number().int().min(1).max(100000).default(30),
  /** Express "trust proxy": behind a reverse proxy, e.g. 1 (one hop) or loopback, so req.ip (per-IP limits) is the client's. */
  TRUST_PROXY: z.string().optional(),
  /** API rate limits and quotas (counted in the database, shared by all processes); off for benchmarks and local use. */
  RATE_LIMIT: z.enum(['on', 'off']).default('on'),
  /** Requests a minute from one IP address without an API key (the web app's own calls count here). */
  RATE_LIMIT_ANON_PER_MIN: z.coerce.number().int().min(1).default(300),
  /** Requests a minute per account (all its keys), for keys an administrator made; self-issued keys get RATE_LIMIT_ANON_PER_MIN. */
  RATE_LIMIT_KEY_PER_MIN: z.coerce.number().int().min(1).default(6000),
  /** Requests a day (Vietnam time) per account (all its keys). */
  KEY_DAILY_QUOTA: z.coerce.number().int().min(1).default(1_000_000),
  /** Requests a minute to /v1/auth/* from one IP address, with or without a key. */
  RATE_LIMIT_AUTH_PER_MIN: z.coerce.number().int().min(1).default(AUTH_PER_MINUTE),
  /** Map tiles a minute from one IP address (a map view loads dozens at once). */
  RATE_LIMIT_TILES_PER_MIN: z.coerce.number().int().min(1).default(TILES_PER_MINUTE),
  /** Seed the administrative units on start when the database has none. */
  AUTO_SEED: z.enum(['0', '1']).default('1'),
  // --- limits (issue 8): every API query, and the HTTP server ---
  /** A statement of the API running longer is cancelled (503 query-timeout); 0 = none. Not enforced by the embedded database. */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /** Waiting longer for a row or table lock gives up; 0 = none. */
  LOCK_TIMEOUT_MS: z.coerce.number().int().min(0).default(5_000),
  /** A session idle inside a transaction longer is ended; 0 = none. */
  IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  /** Waiting longer for a free pooled connection fails with 503. */
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** The whole HTTP request, body included, must arrive within this. */
  HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(120_000),
  /** Idle keep-alive connections are kept this long: longer than the reverse proxy's own idle timeout. */
  HTTP_KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1000).default(65_000),
  /** Origins an external MAP_STYLE_URL's tiles, glyphs and sprites come from (space or comma separated): added to the web app's CSP. */
  MAP_CONNECT_SRC: z.string().optional(),
  // --- scaling out (issue 8) ---
  /** Streaming replicas for reads, comma separated PostgreSQL URLs (writes always go to DATABASE_URL). */
  DATABASE_READ_URLS: z.string().optional(),
  /** After a write, the writer's reads go to the primary for this long (ms). */
  READ_YOUR_WRITES_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** Replicas replaying more than this far behind (ms) are skipped. */
  REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).default(10_000),
  /** API processes (node:cluster workers); default: one per core with DATABASE_URL, 1 on the embedded database. */
  API_WORKERS: z.coerce.number().int().min(1).max(256).optional(),
  // --- accounts (issue 15) ---
  /** Sign-in throttling with backoff per account, per client address and per both (docs/moderation.md); off only for benchmarks. */
  AUTH_THROTTLE: z.enum(['on', 'off']).default('on'),
  /** SMTP server of account mail (password reset links), e.g. smtp://user:pass@mail.example.vn:587; unset: no mail, no self-service reset. */
  SMTP_URL: z.string().url().optional(),
  /** The sender of account mail. */
  MAIL_FROM: z.string().min(3).default('Mã địa chỉ số <no-reply@localhost>'),
  /** How long a password reset link works. */
  PASSWORD_RESET_MINUTES: z.coerce
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(30),
});

export type Config = {
  /** NODE_ENV=production: the server requires PUBLIC_URL or ALLOWED_HOSTS (requirePublicHost). */
  production: boolean;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  pgliteDir: string;
  dataDir: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  logRequests: boolean;
  dbPoolMax: number;
  autoSeed: boolean;
  publicUrl: string | undefined;
  /** Host headers answered (lower case); empty: any (development, or PUBLIC_URL set). */
  allowedHosts: string[];
  mapStyleUrl: string | undefined;
  proposalsPerDay: number;
  limits: Limits;
  trustProxy: string | number | boolean;
  /** Read replicas (empty: everything on the primary), read-your-writes window, lag bound, API processes. */
  databaseReadUrls: string[];
  readYourWritesMs: number;
  replicaMaxLagMs: number;
  apiWorkers: number;
  /** The API's limits on database work (not for migrations, seeds and CLIs) and the HTTP server's timeouts. */
  dbTimeouts: { statementMs: number; lockMs: number; idleInTransactionMs: number; acquireMs: number };
  httpTimeouts: { requestMs: number; keepAliveMs: number };
  mapConnectSrc: string[];
  authThrottle: boolean;
  /** Account mail, when SMTP_URL is set. */
  mail: { smtpUrl: string; from: string } | null;
  passwordResetMinutes: number;
  /** The base of links in account mail and the CLI's reset links: PUBLIC_URL, else http://localhost:PORT. */
  appUrl: string;
};

/** A configuration the server must not start with; the message says what to set. */
export class ConfigError extends Error {}

/** A Host header value (a name or address, optionally with a port), nothing more: read by the URL parser. */
function isHostValue(h: string): boolean {
  const u = URL.canParse(`http://${h}`) ? new URL(`http://${h}`) : null;
  return !!u && !!u.hostname && u.pathname === '/' && !u.search && !u.hash && !u.username && !u.password && !/[/?#@]/.test(h);
}

/** ALLOWED_HOSTS as a list; a scheme or path in it is a mistake worth stopping for. */
export function parseAllowedHosts(value: string | undefined): string[] {
  const hosts = (value ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const bad = hosts.filter((h) => h.length > 260 || !isHostValue(h));
  if (bad.length)
    throw new ConfigError(
      `ALLOWED_HOSTS holds host names (and optional ports) separated by commas, e.g. ma.example.vn,ma.example.vn:8443; not ${bad.join(', ')}`,
    );
  return hosts;
}

/**
 * In production, links may not be built from whatever Host header a client sends (share links,
 * QR codes cached for a day, OGC links): PUBLIC_URL or ALLOWED_HOSTS must say where the site is.
 * Checked by the server's start (main.ts), not by loadConfig: the CLIs (migrate, load, backup…)
 * answer no requests and run in the same production environment.
 */
export function requirePublicHost({
  production,
  publicUrl,
  allowedHosts,
}: Pick<Config, 'production' | 'publicUrl' | 'allowedHosts'>): void {
  if (production && !publicUrl && allowedHosts.length === 0) {
    throw new ConfigError(
      'NODE_ENV=production needs PUBLIC_URL (e.g. https://ma.example.vn) or ALLOWED_HOSTS (e.g. ma.example.vn): ' +
        'otherwise share links, QR codes and OGC links would use whatever Host header a client sends.',
    );
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = EnvSchema.parse(env);
  const allowedHosts = parseAllowedHosts(e.ALLOWED_HOSTS);
  return {
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: path.resolve(e.PGLITE_DIR),
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    logRequests: e.LOG_REQUESTS === '1',
    dbPoolMax: e.DB_POOL_MAX,
    autoSeed: e.AUTO_SEED === '1',
    dbTimeouts: {
      statementMs: e.STATEMENT_TIMEOUT_MS,
      lockMs: e.LOCK_TIMEOUT_MS,
      idleInTransactionMs: e.IDLE_IN_TRANSACTION_TIMEOUT_MS,
      acquireMs: e.DB_ACQUIRE_TIMEOUT_MS,
    },
    httpTimeouts: { requestMs: e.HTTP_REQUEST_TIMEOUT_MS, keepAliveMs: e.HTTP_KEEP_ALIVE_TIMEOUT_MS },
    mapConnectSrc: z.array(z.string().url()).parse((e.MAP_CONNECT_SRC ?? '').split(/[\s,]+/).filter(Boolean)),
    publicUrl: e.PUBLIC_URL,
    allowedHosts,
    mapStyleUrl: e.MAP_STYLE_URL,
    proposalsPerDay: e.PROPOSALS_PER_DAY,
    trustProxy:
      e.TRUST_PROXY === undefined
        ? false
        : /^\d+$/.test(e.TRUST_PROXY)
          ? Number(e.TRUST_PROXY)
          : e.TRUST_PROXY === 'true'
            ? true
            : e.TRUST_PROXY,
    databaseReadUrls: e.DATABASE_URL
      ? z.array(z.string().url()).parse(
          (e.DATABASE_READ_URLS ?? '')
            .split(',')
            .map((u) => u.trim())
            .filter(Boolean),
        )
      : [],
    readYourWritesMs: e.READ_YOUR_WRITES_MS,
    replicaMaxLagMs: e.REPLICA_MAX_LAG_MS,
    // the embedded database lives inside one process: it cannot be shared by workers
    apiWorkers: e.DATABASE_URL ? (e.API_WORKERS ?? os.availableParallelism()) : 1,
    authThrottle: e.AUTH_THROTTLE === 'on',
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    passwordResetMinutes: e.PASSWORD_RESET_MINUTES,
    appUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    limits: {
      enabled: e.RATE_LIMIT === 'on',
      anonymousPerMinute: e.RATE_LIMIT_ANON_PER_MIN,
      keyPerMinute: e.RATE_LIMIT_KEY_PER_MIN,
      keyPerDay: e.KEY_DAILY_QUOTA,
      authPerMinute: e.RATE_LIMIT_AUTH_PER_MIN,
      tilesPerMinute: e.RATE_LIMIT_TILES_PER_MIN,
    },
  };
}
