/**
 * Usage metering per key: each process adds up requests, codes looked up (handlers say how many
 * in res.locals.codes) and errors per key and day in memory, and writes the sums every few
 * seconds (and on shutdown). Usage is for the owner's information and billing, not a limit: a
 * crash loses at most the last few seconds of counts; limits are counted in the database.
 */
import type { Response } from 'express';
import { vietnamDay } from './keys.js';
import type { KeysRepository } from './repository.js';

type Sum = { keyId: string; day: string; requests: number; codes: number; errors: number };

export function createMeter(repo: KeysRepository, { flushMs = 5000, onError = (_e: unknown) => {} } = {}) {
  let sums = new Map<string, Sum>();
  let timer: NodeJS.Timeout | null = null;
  let lastPrune = 0;

  async function flush(): Promise<void> {
    const batch = [...sums.values()];
    sums = new Map();
    if (batch.length) await repo.addUsage(batch);
    if (Date.now() - lastPrune > 600_000) {
      lastPrune = Date.now();
      await repo.pruneCounters(Math.floor(Date.now() / 1000) - 2 * 86400);
    }
  }

  return {
    track(keyId: string, res: Response, nowMs: number) {
      res.on('finish', () => {
        const day = vietnamDay(nowMs);
        const id = `${keyId}|${day}`;
        const sum = sums.get(id) ?? { keyId, day, requests: 0, codes: 0, errors: 0 };
        sum.requests++;
        sum.codes += Number(res.locals.codes ?? 0);
        if (res.statusCode >= 400) sum.errors++;
        sums.set(id, sum);
        timer ??= setTimeout(() => {
          timer = null;
          flush().catch(onError);
        }, flushMs).unref();
      });
    },
    flush,
  };
}
export type Meter = ReturnType<typeof createMeter>;
