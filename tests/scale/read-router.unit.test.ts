import type { Knex } from 'knex';
import { describe, expect, it } from 'vitest';
import { mustReadPrimary } from '../../server/http/read-your-writes.js';
import { createReadRouter, pickReplica, type ReplicaState } from '../../server/db/replicas.js';

const up = (name: string, lagMs: number | null = 0): ReplicaState => ({ name, downUntil: 0, lagMs, reachable: true });

/** A stand-in database answering every query with its own name, or failing like a stopped server. */
function fakeDb(name: string, state: { fail?: string | null; lagMs?: number } = {}) {
  const failure = () => Object.assign(new Error(`connect ${state.fail} 127.0.0.1`), { code: state.fail });
  return {
    client: {
      acquireConnection: async () => {
        if (state.fail) throw failure();
        return { query: async () => ({ rows: [{ db: name }] }) };
      },
      releaseConnection: async () => {},
    },
    raw: async () => {
      if (state.fail) throw failure();
      return { rows: [{ lag_ms: state.lagMs ?? 0 }] };
    },
    destroy: async () => {},
  } as unknown as Knex;
}

describe('pickReplica', () => {
  it('goes round robin over the replicas that are up, reachable and not lagging; -1 is the primary', () => {
    const rs = [up('a'), up('b'), up('c')];
    expect([0, 1, 2, 3].map((start) => pickReplica(rs, start % 3, 1000, 100))).toEqual([0, 1, 2, 0]);
    rs[1]!.downUntil = 2000; // failed recently
    expect(pickReplica(rs, 1, 1000, 100)).toBe(2);
    expect(pickReplica(rs, 1, 2500, 100)).toBe(1); // and is tried again after downMs
    rs[2]!.lagMs = 500; // lagging
    rs[0]!.reachable = false; // the probe could not reach it
    expect(pickReplica(rs, 0, 1000, 100)).toBe(-1);
    expect(pickReplica([], 0, 1000, 100)).toBe(-1);
    expect(pickReplica([up('new', null)], 0, 1000, 100)).toBe(0); // not probed yet: usable
  });
});

describe('mustReadPrimary', () => {
  const read = (over: Partial<Parameters<typeof mustReadPrimary>[0]>) =>
    mustReadPrimary({ isRead: true, cookieHeader: undefined, keySinceWriteMs: null, ...over }, 5000);
  it('pins writes, recent writers by cookie or by key, and nothing else', () => {
    expect(read({})).toBe(false);
    expect(read({ cookieHeader: 'sid=abc' })).toBe(false);
    expect(read({ isRead: false })).toBe(true);
    expect(read({ cookieHeader: 'sid=abc; vnac_rw=1' })).toBe(true);
    expect(read({ cookieHeader: 'not_vnac_rw_really=1' })).toBe(false);
    expect(read({ keySinceWriteMs: 1200 })).toBe(true);
    expect(read({ keySinceWriteMs: 5001 })).toBe(false);
  });
});

describe('createReadRouter', () => {
  it('reads from replicas only inside an unpinned request, and falls back to the primary when a replica fails', async () => {
    let clock = 10_000;
    const r1 = { fail: null as string | null };
    const router = createReadRouter({
      primary: fakeDb('primary'),
      replicas: [
        { name: 'r1', knex: fakeDb('r1', r1) },
        { name: 'r2', knex: fakeDb('r2') },
      ],
      prepared: true,
      probeMs: 0,
      downMs: 5000,
      now: () => clock,
    });
    const which = async () => (await router.sql<{ db: string }>('q', 'SELECT 1', []))[0]!.db;
    expect(await which()).toBe('primary'); // outside a request (startup, tools)
    expect(await router.within(true, which)).toBe('primary');
    expect(await router.within(false, async () => [await which(), await which(), await which()])).toEqual(['r1', 'r2', 'r1']);

    r1.fail = 'ECONNREFUSED'; // r1 stops: its read is retried on the primary, then r1 is left alone
    expect(await router.within(false, async () => [await which(), await which(), await which()])).toEqual(['r2', 'primary', 'r2']);
    expect(router.stats().replicas[0]).toMatchObject({ name: 'r1', reads: 2 });
    expect(router.stats().replicas[0]!.downUntil).toBe(15_000);

    // a query error that is not about the connection is the caller's
    const broken = createReadRouter({
      primary: fakeDb('primary'),
      replicas: [
        {
          name: 'x',
          knex: {
            client: {
              acquireConnection: async () => ({
                query: async () => {
                  throw Object.assign(new Error('syntax'), { code: '42601' });
                },
              }),
              releaseConnection: async () => {},
            },
          } as unknown as Knex,
        },
      ],
      prepared: true,
      probeMs: 0,
    });
    await expect(broken.within(false, () => broken.sql('q', 'SELEC', []))).rejects.toThrow('syntax');

    await router.probe(); // the probe sees r1 unreachable: skipped even after downMs
    clock += 6000;
    expect(await router.within(false, async () => [await which(), await which()])).toEqual(['r2', 'r2']);
    r1.fail = null;
    await router.probe(); // back: in use again
    expect(await router.within(false, async () => [await which(), await which()]).then((dbs) => dbs.sort())).toEqual(['r1', 'r2']);
    expect(router.stats().primary).toBe(3);
  });

  it('skips a replica the probe finds lagging', async () => {
    const lag = { lagMs: 60_000 };
    const router = createReadRouter({
      primary: fakeDb('primary'),
      replicas: [{ name: 'r', knex: fakeDb('r', lag) }],
      prepared: false,
      probeMs: 0,
      maxLagMs: 10_000,
    });
    await router.probe();
    expect((await router.within(false, () => router.sql<{ db: string }>('q', 'SELECT 1', [])))[0]!.db).toBe('primary');
    lag.lagMs = 20;
    await router.probe();
    expect((await router.within(false, () => router.sql<{ db: string }>('q', 'SELECT 1', [])))[0]!.db).toBe('r');
  });
});
