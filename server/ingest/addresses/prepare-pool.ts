/**
 * Worker threads that prepare the bulk loader's rows (server/ingest/addresses/prepare-worker.ts), answers in
 * the order the batches were sent. Used by `npm run load` on PostgreSQL: the main thread reads,
 * decompresses and splits the CSV, the workers compute codes, cells, wards and search columns, and
 * PostgreSQL parses the COPY, on as many cores as there are.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { WardPiece } from '../../admin/ward-index.js';
import type { PrepareReply, PrepareRequest } from './prepare-worker.js';

export type PreparePool = {
  /** queues a batch; the answer comes from `next()` in the same order */
  send: (names: string[], records: PrepareRequest['records']) => void;
  /** batches sent and not yet taken */
  pending: () => number;
  next: () => Promise<PrepareReply>;
  close: () => Promise<void>;
};

export function createPreparePool(pieces: WardPiece[], size: number): PreparePool {
  // Run from source (tsx, vitest) the worker is TypeScript: it registers tsx's loader in its own
  // thread first (loader hooks of the main thread do not reach workers).
  const ts = import.meta.url.endsWith('.ts');
  const url = new URL(ts ? './prepare-worker.ts' : './prepare-worker.js', import.meta.url);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const start = () =>
    ts
      ? new Worker(`import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`, {
          eval: true,
          workerData: { pieces },
        })
      : new Worker(url, { workerData: { pieces } });
  const workers = Array.from({ length: Math.max(1, size) }, start);
  const waiting = new Map<number, { resolve: (r: PrepareReply) => void; reject: (e: unknown) => void }>();
  const answers = new Map<number, Promise<PrepareReply>>();
  let failure: unknown = null;
  for (const w of workers) {
    w.on('message', (reply: PrepareReply) => {
      waiting.get(reply.id)?.resolve(reply);
      waiting.delete(reply.id);
    });
    w.on('error', (error) => {
      failure = error;
      for (const { reject } of waiting.values()) reject(error);
      waiting.clear();
    });
  }
  let sent = 0;
  let taken = 0;
  return {
    send(names, records) {
      const id = sent++;
      answers.set(id, failure ? Promise.reject(failure) : new Promise((resolve, reject) => waiting.set(id, { resolve, reject })));
      answers.get(id)!.catch(() => {}); // observed by next(); not an unhandled rejection meanwhile
      workers[id % workers.length]!.postMessage({ id, names, records } satisfies PrepareRequest);
    },
    pending: () => sent - taken,
    async next() {
      const id = taken++;
      const answer = answers.get(id);
      if (!answer) throw new Error('prepare pool: nothing was sent');
      answers.delete(id);
      return answer;
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
