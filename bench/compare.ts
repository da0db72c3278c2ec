/**
 * `npx tsx bench/compare.ts OTHER_CHECKOUT`: single lookups (`GET /v1/codes/{code}`) of this checkout
 * against another one (e.g. a worktree of the commit before a refactor), both serving the bench
 * database, in interleaved rounds (old, new, new, old, …) so that a shared machine's drift falls on
 * both alike. Prints each round and the ratio of the medians (new ÷ old). Needs `npm run bench`
 * to have built the bench database first; the other checkout needs its node_modules.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import knexFactory from 'knex';
import { load, waitFor } from './http.js';

const other = process.argv[2];
if (!other) throw new Error('usage: npx tsx bench/compare.ts OTHER_CHECKOUT');
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:54329/vnac_bench';
const ROUNDS = Number(process.env.COMPARE_ROUNDS ?? 8);
const SECONDS = Number(process.env.COMPARE_SECONDS ?? 6);

function serve(cwd: string, port: string) {
  const env = { ...process.env, PORT: port, HOST: '127.0.0.1', DATABASE_URL: url, LOG_LEVEL: 'warn', DB_POOL_MAX: '8', RATE_LIMIT: 'off' };
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd,
    env: { ...env, API_WORKERS: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const knex = knexFactory({ client: 'pg', connection: url });
const paths = (await knex.raw('SELECT code FROM addresses ORDER BY random() LIMIT 10000')).rows.map(
  (r: { code: string }) => `/v1/codes/${r.code}`,
);
await knex.destroy();
const servers = { old: serve(path.resolve(other), '3911'), new: serve(path.resolve(import.meta.dirname, '..'), '3912') };
const base = { old: 'http://127.0.0.1:3911', new: 'http://127.0.0.1:3912' };
try {
  await Promise.all([waitFor(`${base.old}/readyz`), waitFor(`${base.new}/readyz`)]);
  for (const side of ['old', 'new'] as const) await load(base[side], paths, 3); // warm up
  const rps = { old: [] as number[], new: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const side of i % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
      const r = await load(base[side], paths, SECONDS);
      rps[side].push(r.rps);
      console.log(`${side} ${Math.round(r.rps)} req/s, p99 ${r.p99} ms, ${r.errors} errors`);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  console.log(
    `median old ${Math.round(median(rps.old))}, new ${Math.round(median(rps.new))}: new ÷ old ${(median(rps.new) / median(rps.old)).toFixed(3)}`,
  );
} finally {
  servers.old.kill('SIGTERM');
  servers.new.kill('SIGTERM');
}
