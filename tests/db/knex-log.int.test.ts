/**
 * knex's own warnings ("Connection Error: Connection ended unexpectedly" when the database drops a
 * connection, as in an outage) go to the logger the server passes (pino, JSON lines), not to the
 * console as loose text. Real PostgreSQL only: the embedded database cannot end a backend.
 */
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { createKnex } from '../../server/db/knex.js';

const skip = inject('embedded');
const warnings: string[] = [];
const knex = createKnex(inject('databaseUrl'), 1, { log: { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } });
const admin = createKnex(inject('databaseUrl'), 1);

afterAll(async () => {
  await knex.destroy();
  await admin.destroy();
});

describe.skipIf(skip)('createKnex({ log })', () => {
  it("hands a dropped connection's warning to the logger and prints nothing on the console", async () => {
    const printed = [vi.spyOn(console, 'log'), vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    try {
      const pid = (await knex.raw('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await admin.raw('SELECT pg_terminate_backend(?)', [pid]);
      // the pool notices the dead connection when it next hands it out, and replaces it
      await vi.waitFor(async () => expect((await knex.raw('SELECT 1 AS one')).rows[0].one).toBe(1), { timeout: 5000 });
      expect(warnings.join('\n')).toMatch(/^knex: Connection Error/m);
      for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of printed) spy.mockRestore();
    }
  });
});
