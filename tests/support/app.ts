import { inject } from 'vitest';
import { pino } from 'pino';
import { createApp, type AppDeps } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { createKnex } from '../../server/db/knex.js';
import { EMBEDDED_POOL_SIZE } from '../../server/db/open.js';

/** The app wired to the run's test database, as main.ts wires it to the real one (rate limits off unless given). */
export function createTestApp(
  options: Partial<
    Pick<
      AppDeps,
      | 'limits'
      | 'clock'
      | 'meterFlushMs'
      | 'authThrottle'
      | 'mailer'
      | 'appUrl'
      | 'passwordResetMinutes'
      | 'trustProxy'
      | 'publicUrl'
      | 'allowedHosts'
    >
  > = {},
) {
  const knex = createKnex(inject('databaseUrl'), inject('embedded') ? EMBEDDED_POOL_SIZE : 4);
  const app = createApp({
    knex,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'error' }),
    embedded: inject('embedded'),
    dataDir: loadConfig().dataDir,
    ...options,
  });
  return { app, knex, close: () => knex.destroy() };
}
