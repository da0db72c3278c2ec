/**
 * createKnex's timeouts are real server settings: the server cancels a statement that runs too
 * long and ends a session left idle inside a transaction; without them (CLIs, migrations) nothing
 * is limited. On the embedded database (PGlite) they are not enforced, which the last test records
 * (README: "Security and limits"); main.ts does not set them there.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createKnex } from '../../server/db/knex.js';

const url = inject('databaseUrl');
const embedded = inject('embedded');
const timeouts = { statementMs: 300, lockMs: 200, idleInTransactionMs: 400, acquireMs: 2000 };
const timed = createKnex(url, 2, { timeouts });
const plain = createKnex(url, 1);
afterAll(async () => {
  await timed.destroy();
  await plain.destroy();
});

describe.skipIf(embedded)('query timeouts (PostgreSQL)', () => {
  it('each pooled connection has them set; a knex without them has none', async () => {
    const { rows } = await timed.raw(
      "SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l, current_setting('idle_in_transaction_session_timeout') AS i, current_setting('jit') AS jit",
    );
    expect(rows[0]).toEqual({ s: '300ms', l: '200ms', i: '400ms', jit: 'off' });
    const none = await plain.raw("SELECT current_setting('statement_timeout') AS s, current_setting('lock_timeout') AS l");
    expect(none.rows[0]).toEqual({ s: '0', l: '0' });
  });

  it('SELECT pg_sleep(2) is cancelled after the statement timeout with SQLSTATE 57014', async () => {
    const started = Date.now();
    const error = await timed.raw('SELECT pg_sleep(2)').then(
      () => null,
      (e: { code?: string }) => e,
    );
    expect(error?.code).toBe('57014');
    expect(Date.now() - started).toBeLessThan(1500);
    expect((await timed.raw('SELECT 1 AS one')).rows[0].one).toBe(1); // the connection is usable again
  });

  it('without timeouts the same statement runs to the end', async () => {
    const { rows } = await plain.raw("SELECT pg_sleep(0.5), 'done' AS d");
    expect(rows[0].d).toBe('done');
  });

  it('a session left idle in a transaction is ended by the server', async () => {
    const error = await timed
      .transaction(async (trx) => {
        await trx.raw('SELECT 1');
        await new Promise((r) => setTimeout(r, 900));
        await trx.raw('SELECT 1');
      })
      .then(
        () => null,
        (e: Error) => e,
      );
    expect(error).not.toBeNull();
    expect((await timed.raw('SELECT 2 AS two')).rows[0].two).toBe(2); // the pool replaces the dead connection
  });
});

describe.runIf(embedded)('query timeouts (embedded PGlite)', () => {
  // every socket shares one backend, so a later connection's start-up settings may not even apply; and a
  // timeout set explicitly is not enforced (no timer signals in the WebAssembly build)
  it('are not enforced: pg_sleep outlasts a statement_timeout set in its own transaction', async () => {
    const started = Date.now();
    await timed.transaction(async (trx) => {
      await trx.raw("SET LOCAL statement_timeout = '300ms'");
      expect((await trx.raw("SELECT current_setting('statement_timeout') AS s")).rows[0].s).toBe('300ms');
      await trx.raw('SELECT pg_sleep(0.6)');
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });
});
