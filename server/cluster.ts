/**
 * Several API processes on one machine (API_WORKERS > 1), with node:cluster: the primary process
 * has already migrated and seeded the database; it forks the workers, which each open their own
 * pools and listen on the same port (the primary hands connections out round robin). The API is
 * stateless — sessions, rate counters, proposal counts and usage live in PostgreSQL; what a
 * worker holds in memory is read-only reference data — so any worker can answer any request.
 *
 * - SIGTERM/SIGINT to the primary is forwarded to every worker, which stops accepting, finishes
 *   its requests in flight, writes its metered usage and closes its pools; the primary exits when
 *   all have (0 if all exited cleanly).
 * - A worker that dies otherwise is replaced (after a pause when it died young, so a worker that
 *   cannot start does not spin).
 */
import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';

export function superviseWorkers({
  count,
  logger,
  restartDelayMs = 1000,
  stopTimeoutMs = 20_000,
}: {
  count: number;
  logger: Logger;
  restartDelayMs?: number;
  stopTimeoutMs?: number;
}): void {
  const startedAt = new Map<Worker, number>();
  let stopping = false;
  let failed = false;

  const fork = () => startedAt.set(cluster.fork(), Date.now());
  for (let i = 0; i < count; i++) fork();

  cluster.on('exit', (worker, code, signal) => {
    const age = Date.now() - (startedAt.get(worker) ?? 0);
    startedAt.delete(worker);
    if (stopping) {
      if (code !== 0) failed = true;
      logger.info({ worker: worker.process.pid, code, signal }, 'worker stopped');
      if (startedAt.size === 0) {
        logger.info('stopped');
        process.exit(failed ? 1 : 0);
      }
      return;
    }
    const delay = age < 10_000 ? restartDelayMs * 5 : restartDelayMs;
    logger.error({ worker: worker.process.pid, code, signal }, `worker died: starting another in ${delay} ms`);
    setTimeout(() => !stopping && fork(), delay);
  });

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, workers: startedAt.size }, 'shutting down the workers');
    if (startedAt.size === 0) process.exit(0);
    for (const worker of startedAt.keys()) worker.process.kill(signal);
    setTimeout(() => {
      logger.error('workers did not stop in time');
      process.exit(1);
    }, stopTimeoutMs).unref();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
