/**
 * `npm run bench:scale`: how the costs of the main requests grow with the number of registered
 * addresses (issue 8). In one run, on each database of SCALE_DBS (default: vnac_bench, the
 * 1 M-address database of `npm run bench`, and vnac_scale, 24 M loaded with `npm run load`) on the
 * private cluster, measures single lookups, batches of 1,000, reverse within 100 m, search as you
 * type and address tiles at z14 and z10, each as a ratio against the framework ceiling
 * (bench/ceiling-server.ts) measured in the same run, interleaved, since the machine is shared.
 * Writes its section of BENCHMARKS.md between markers that `npm run bench` keeps.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONNECTIONS, load, start, tileOf, waitFor } from './http.js';
import { encode } from '../server/codes/codec.js';
import { createKnex, migrateLatest } from '../server/db/knex.js';
import { randomWardPoints } from './load-addresses.js';
import { searchQueries, sequentialLatency, type Latency } from './search.js';

const root = path.resolve(import.meta.dirname, '..');
const DBS = (process.env.SCALE_DBS ?? 'vnac_bench,vnac_scale').split(',');
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
/** registered addresses whose typed prefixes make the search queries (bench/search.ts: ~8.6 queries each) */
const SEARCH_ADDRESSES = Number(process.env.SCALE_SEARCH_ADDRESSES ?? 250);
export const SCALE_START = '<!-- bench:scale start (written by `npm run bench:scale`; `npm run bench` keeps it) -->';
export const SCALE_END = '<!-- bench:scale end -->';
const log = (s: string) => console.log(`bench:scale: ${new Date().toISOString().slice(11, 19)} ${s}`);
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function shuffle<T>(xs: T[], seed = 1): T[] {
  let a = seed;
  const rnd = () => (a = (a * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

type Inputs = {
  name: string;
  url: string;
  addresses: number;
  lookup: string[];
  near: { lat: number; lng: number }[];
  search: string[];
  mixed: string[];
  sizes: string;
};

async function prepare(name: string, server: string): Promise<Inputs> {
  const url = new URL(server);
  url.pathname = `/${name}`;
  const knex = createKnex(url.toString(), 2);
  try {
    await migrateLatest(knex);
    const addresses = Number((await knex.raw('SELECT count(*)::bigint AS n FROM addresses')).rows[0].n);
    // a uniform sample without sorting the whole table (BERNOULLI reads every page but keeps few rows)
    const share = Math.min(100, (30000 / Math.max(1, addresses)) * 100);
    const sample = (
      await knex.raw(
        `SELECT code, ST_Y(geom) AS lat, ST_X(geom) AS lng FROM addresses TABLESAMPLE BERNOULLI (?) REPEATABLE (7) WHERE NOT private`,
        [share],
      )
    ).rows as { code: string; lat: number; lng: number }[];
    shuffle(sample);
    const registered = sample.slice(0, 10000).map((r) => r.code);
    const elsewhere = (await randomWardPoints(knex, 10000, 99)).map(([lat, lng]) => encode(lat, lng)).filter((c): c is string => !!c);
    const mixed = registered.flatMap((c, i) => [c, elsewhere[i % elsewhere.length]!]);
    const near = sample.slice(10000, 15000).map(({ lat, lng }) => ({ lat, lng }));
    await knex.raw('SELECT setseed(0.42)');
    const search = await searchQueries(knex, SEARCH_ADDRESSES);
    const {
      rows: [s],
    } = await knex.raw(
      `SELECT pg_size_pretty(pg_table_size('addresses')) AS heap, pg_size_pretty(pg_indexes_size('addresses')) AS indexes,
              pg_size_pretty(pg_total_relation_size('address_versions')) AS versions, pg_size_pretty(pg_total_relation_size('address_density')) AS density,
              pg_size_pretty(pg_database_size(current_database())) AS db`,
    );
    const sizes = `addresses ${s.heap} + indexes ${s.indexes}, address_versions ${s.versions}, address_density ${s.density}; database ${s.db}`;
    return { name, url: url.toString(), addresses, lookup: mixed.map((c) => `/v1/codes/${c}`), near, search, mixed, sizes };
  } finally {
    await knex.destroy();
  }
}

type Result = {
  inputs: Inputs;
  ceiling: number;
  lookup: number;
  lookupP99: number;
  reverse: number;
  tile14: number;
  tile10: number;
  batchMedian: number;
  batchP95: number;
  search: Latency;
  ceilingLatency: Latency;
  errors: number;
  /** 1-minute load average of the machine when the rounds began and when the database was done */
  loadAverage: [number, number];
};

async function measure(inputs: Inputs, port: number): Promise<Result> {
  const api = start('server/main.ts', {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: inputs.url,
    LOG_LEVEL: 'warn',
    DB_POOL_MAX: '8',
    RATE_LIMIT: 'off',
    API_WORKERS: '1',
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`${base}/readyz`);
    const reversePaths = inputs.near.map((p) => `/v1/reverse?lat=${p.lat}&lng=${p.lng}&radius=100`);
    const tilePaths = (z: number) => inputs.near.map((p) => `/tiles/addresses/${tileOf(p.lat, p.lng, z)}.mvt`);
    log(`${inputs.name}: warming up`);
    await load(base, inputs.lookup, 3);
    await load(base, reversePaths, 3);
    const loadBefore = os.loadavg()[0]!;
    const acc = {
      ceiling: [] as number[],
      lookup: [] as number[],
      lookupP99: [] as number[],
      reverse: [] as number[],
      tile14: [] as number[],
      tile10: [] as number[],
      errors: 0,
    };
    for (let r = 0; r < ROUNDS; r++) {
      log(`${inputs.name}: round ${r + 1}/${ROUNDS}`);
      acc.ceiling.push((await load('http://127.0.0.1:3902/constant', null, DURATION)).rps);
      const l = await load(base, inputs.lookup, DURATION);
      acc.lookup.push(l.rps);
      acc.lookupP99.push(l.p99);
      const rv = await load(base, reversePaths, DURATION);
      acc.reverse.push(rv.rps);
      const t14 = await load(base, tilePaths(14), DURATION);
      acc.tile14.push(t14.rps);
      const t10 = await load(base, tilePaths(10), DURATION);
      acc.tile10.push(t10.rps);
      acc.errors += l.errors + rv.errors + t14.errors + t10.errors;
    }
    log(`${inputs.name}: batches of 1,000`);
    const batchTimes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const from = (i * 1000) % (inputs.mixed.length - 1000);
      const t = performance.now();
      const res = await fetch(`${base}/v1/codes/lookup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ codes: inputs.mixed.slice(from, from + 1000) }),
      });
      await res.arrayBuffer();
      if (!res.ok) acc.errors++;
      if (i >= 5) batchTimes.push(performance.now() - t);
    }
    batchTimes.sort((a, b) => a - b);
    log(`${inputs.name}: search as you type, ${inputs.search.length} queries`);
    await sequentialLatency(base, inputs.search.slice(0, 100));
    const search = await sequentialLatency(base, inputs.search);
    const ceilingLatency = await sequentialLatency(
      'http://127.0.0.1:3902',
      inputs.search.map(() => '/constant'),
    );
    acc.errors += search.errors;
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    return {
      inputs,
      ceiling: mean(acc.ceiling),
      lookup: mean(acc.lookup),
      lookupP99: mean(acc.lookupP99),
      reverse: mean(acc.reverse),
      tile14: mean(acc.tile14),
      tile10: mean(acc.tile10),
      batchMedian: batchTimes[Math.floor(batchTimes.length / 2)]!,
      batchP95: batchTimes[Math.floor(batchTimes.length * 0.95)]!,
      search,
      ceilingLatency,
      errors: acc.errors,
      loadAverage: [loadBefore, os.loadavg()[0]!],
    };
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
}

function markdown(results: Result[]): string[] {
  const cols = results.map((r) => `${fmt(r.inputs.addresses / 1e6, 1)} M (\`${r.inputs.name}\`)`);
  const growth = results.length === 2 ? ['growth'] : [];
  const row = (name: string, cells: string[], g?: string) => `| ${name} | ${cells.join(' | ')} |${growth.length ? ` ${g ?? ''} |` : ''}`;
  const [a, b] = results;
  const ratio = (f: (r: Result) => number) => results.map((r) => `**${fmt(f(r) / r.ceiling, 3)}** (${fmt(f(r))} req/s)`);
  const grow = (f: (r: Result) => number, lower = false) => (a && b ? `×${fmt(lower ? f(b) / f(a) : f(a) / f(b), 2)} cost` : '');
  return [
    SCALE_START,
    '## At national scale: 1 M against 24 M registered addresses',
    '',
    `Produced by \`npm run bench:scale\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}), ` +
      `PostgreSQL 15 + PostGIS on the private test cluster (fsync off). The same requests as above against each database in turn, one API process (pool of 8), ` +
      `autocannon with ${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s; search: the typed prefixes of ${SEARCH_ADDRESSES} random addresses, one request at a time; each database's ratios are against the constant-JSON ceiling measured in the rounds of that database. ` +
      `1-minute load average on the ${os.cpus().length} cores when each database's rounds began and when it was done (the measurement itself loads ~2): ${results.map((r) => `${r.inputs.name} ${fmt(r.loadAverage[0], 1)} → ${fmt(r.loadAverage[1], 1)}`).join(', ')}; the ratios are comparable within a column, absolute rates are not. ` +
      '"growth" is how much more a request costs at the larger size (ceiling-normalised throughput of the small database ÷ that of the large one; for latencies, large ÷ small).',
    '',
    `| measure | ${cols.join(' | ')} |${growth.length ? ' growth |' : ''}`,
    `|---|${results.map(() => '---:').join('|')}|${growth.length ? '---:|' : ''}`,
    row(
      'framework ceiling (constant JSON)',
      results.map((r) => `${fmt(r.ceiling)} req/s`),
    ),
    row(
      'single lookup `GET /v1/codes/{code}` (half registered)',
      ratio((r) => r.lookup),
      grow((r) => r.lookup / r.ceiling),
    ),
    row(
      'lookup p99',
      results.map((r) => `${fmt(r.lookupP99, 1)} ms`),
      grow((r) => r.lookupP99, true),
    ),
    row(
      'batch of 1,000 codes `POST /v1/codes/lookup`, median (p95)',
      results.map((r) => `${fmt(r.batchMedian, 1)} ms (${fmt(r.batchP95, 1)} ms)`),
      grow((r) => r.batchMedian, true),
    ),
    row(
      'reverse within 100 m `GET /v1/reverse`',
      ratio((r) => r.reverse),
      grow((r) => r.reverse / r.ceiling),
    ),
    row(
      'addresses tile z14 (points)',
      ratio((r) => r.tile14),
      grow((r) => r.tile14 / r.ceiling),
    ),
    row(
      'addresses tile z10 (density, H3 res 8)',
      ratio((r) => r.tile10),
      grow((r) => r.tile10 / r.ceiling),
    ),
    row(
      'search as you type, median',
      results.map((r) => `${fmt(r.search.p50, 1)} ms (×${fmt(r.search.p50 / r.ceilingLatency.p50, 1)} ceiling)`),
      grow((r) => r.search.p50, true),
    ),
    row(
      'search as you type, p95 (target < 50 ms)',
      results.map((r) => `**${fmt(r.search.p95, 1)} ms**`),
      grow((r) => r.search.p95, true),
    ),
    row(
      'search as you type, p99',
      results.map((r) => `${fmt(r.search.p99, 1)} ms`),
      grow((r) => r.search.p99, true),
    ),
    row(
      'errors or non-2xx',
      results.map((r) => String(r.errors)),
    ),
    row(
      'sizes',
      results.map((r) => r.inputs.sizes),
    ),
    '',
  ];
}

/** Replaces the marked scale section of BENCHMARKS.md (or appends it). */
export function withScaleSection(file: string, section: string[]): string {
  const text = readFileSync(file, 'utf8');
  const s = text.indexOf(SCALE_START);
  const e = text.indexOf(SCALE_END);
  const body = `${section.join('\n')}${SCALE_END}\n`;
  if (s >= 0 && e > s) return text.slice(0, s) + body + text.slice(e + SCALE_END.length).replace(/^\n/, '');
  return `${text.trimEnd()}\n\n${body}`;
}

async function main() {
  const server = execFileSync(path.join(root, 'scripts/postgres-local.sh'), ['start'], { encoding: 'utf8' }).trim();
  const inputs: Inputs[] = [];
  for (const name of DBS) {
    log(`${name}: preparing inputs`);
    inputs.push(await prepare(name, server));
  }
  const ceiling = start('bench/ceiling-server.ts', { PORT: '3902' });
  const results: Result[] = [];
  try {
    await waitFor('http://127.0.0.1:3902/constant');
    await load('http://127.0.0.1:3902/constant', null, 3);
    for (const [i, inp] of inputs.entries()) {
      const r = await measure(inp, 3911 + i);
      results.push(r);
      log(`${inp.name}: ${JSON.stringify({ ...r, inputs: { name: inp.name, addresses: inp.addresses, sizes: inp.sizes } })}`);
    }
  } finally {
    ceiling.kill();
  }
  const section = markdown(results);
  const extra = process.env.SCALE_NOTES_FILE ? readFileSync(process.env.SCALE_NOTES_FILE, 'utf8').trimEnd().split('\n') : [];
  const full = [...section, ...(extra.length ? [...extra, ''] : [])];
  console.log(full.join('\n'));
  if (process.env.SCALE_WRITE !== '0')
    writeFileSync(path.join(root, 'BENCHMARKS.md'), withScaleSection(path.join(root, 'BENCHMARKS.md'), full));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  process.exit(0);
}
