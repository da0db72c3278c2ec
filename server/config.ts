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
  };
}
