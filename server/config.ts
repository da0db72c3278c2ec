/** Configuration from the environment, read once by main.ts and passed down; nothing reads env elsewhere. */
import path from 'node:path';
import { z } from 'zod';

const projectRoot = path.resolve(import.meta.dirname, '..');

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
  /** Public base URL of share links and QR codes when behind a proxy, e.g. https://ma.example.vn */
  PUBLIC_URL: z.string().url().optional(),
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
  /** Requests a minute per API key. */
  RATE_LIMIT_KEY_PER_MIN: z.coerce.number().int().min(1).default(6000),
  /** Requests a day (Vietnam time) per API key. */
  KEY_DAILY_QUOTA: z.coerce.number().int().min(1).default(1_000_000),
  /** Seed the administrative units on start when the database has none. */
  AUTO_SEED: z.enum(['0', '1']).default('1'),
});

export type Config = {
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
  mapStyleUrl: string | undefined;
  proposalsPerDay: number;
  limits: { enabled: boolean; anonymousPerMinute: number; keyPerMinute: number; keyPerDay: number };
  trustProxy: string | number | boolean;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = EnvSchema.parse(env);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    pgliteDir: path.resolve(e.PGLITE_DIR),
    dataDir: path.resolve(e.DATA_DIR),
    logLevel: e.LOG_LEVEL,
    logRequests: e.LOG_REQUESTS === '1',
    dbPoolMax: e.DB_POOL_MAX,
    autoSeed: e.AUTO_SEED === '1',
    publicUrl: e.PUBLIC_URL,
    mapStyleUrl: e.MAP_STYLE_URL,
    proposalsPerDay: e.PROPOSALS_PER_DAY,
    trustProxy: e.TRUST_PROXY === undefined ? false : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY,
    limits: { enabled: e.RATE_LIMIT === 'on', anonymousPerMinute: e.RATE_LIMIT_ANON_PER_MIN, keyPerMinute: e.RATE_LIMIT_KEY_PER_MIN, keyPerDay: e.KEY_DAILY_QUOTA },
  };
}
