/**
 * `npm run bench`: measures and writes BENCHMARKS.md. Every figure is a ratio against a baseline
 * measured in the same run on the same machine (shared machines are noisy; absolute numbers drift).
 * Needs the PostgreSQL/PostGIS packages (see .ci/run); starts a private cluster by itself.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CONNECTIONS, load, start, tileOf, waitFor } from './http.js';
import knexFactory from 'knex';
import { encode } from '../server/codes/codec.js';
import { loadConfig } from '../server/config.js';
import { createKnex, migrateLatest } from '../server/db/knex.js';
import { loadReferenceData } from '../server/ingest/reference-data.js';
import { benchCodec } from './codec.js';
import { SCALE_END, SCALE_START } from './scale.js';
import { evaluate, loadEvalLines, loadOsmLines, DATA_DIR } from './parser-eval.js';
import { adversarialMarkdown, benchAdversarial } from './adversarial.js';
import { buildGazetteer } from '../server/search/gazetteer.js';
import { loadGazetteerInput } from '../server/search/gazetteer-source.js';
import { ensureAddresses, nameSyntheticStreets, randomWardPoints } from './load-addresses.js';
import { searchQueries, sequentialLatency } from './search.js';
import { benchImport, benchRouting, importMarkdown, routingMarkdown } from './routing.js';
import { createSqlRunner } from '../server/db/query.js';
import { createSearchRepository } from '../server/search/repository.js';

const root = path.resolve(import.meta.dirname, '..');
const ADDRESSES = Number(process.env.BENCH_ADDRESSES ?? 1_000_000);
const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (s: string) => console.log(`bench: ${s}`);
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

async function benchDatabase(): Promise<string> {
  const server = execFileSync(path.join(root, 'scripts/postgres-local.sh'), ['start'], { encoding: 'utf8' }).trim();
  const url = new URL(server);
  url.pathname = '/vnac_bench';
  const admin = knexFactory({ client: 'pg', connection: server, pool: { min: 0, max: 1 } });
  const { rows } = await admin.raw("SELECT 1 FROM pg_database WHERE datname = 'vnac_bench'");
  if (!rows.length) await admin.raw('CREATE DATABASE vnac_bench');
  await admin.destroy();
  const db = knexFactory({ client: 'pg', connection: url.toString(), pool: { min: 0, max: 1 } });
  await db.raw(
    'CREATE EXTENSION IF NOT EXISTS postgis; CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS unaccent; CREATE EXTENSION IF NOT EXISTS pgrouting;',
  );
  await db.destroy();
  return url.toString();
}

function keptScaleSection(file: string): string {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const s = text.indexOf(SCALE_START);
  const e = text.indexOf(SCALE_END);
  return s >= 0 && e > s ? `\n${text.slice(s, e + SCALE_END.length)}\n` : '';
}

async function main() {
  const rows: string[] = [];
  log('codec micro-benchmarks');
  const codec = benchCodec();
  log('address parser accuracy');
  const gazetteer = buildGazetteer(await loadGazetteerInput(DATA_DIR));
  const osmLines = await loadOsmLines();
  log('adversarial text');
  const adversarial = await benchAdversarial();

  const url = await benchDatabase();
  const knex = createKnex(url, 4);
  await migrateLatest(knex);
  await loadReferenceData(knex, { dataDir: loadConfig().dataDir, embedded: false, log });
  const total = await ensureAddresses(knex, ADDRESSES, log);
  await nameSyntheticStreets(knex, log);
  const streets = await createSearchRepository(createSqlRunner(knex, { prepared: false })).streetWards();
  const parser = [
    { name: 'OSM address points, units only (Hà Nội, TP HCM; 2025 ward by point-in-polygon)', ...evaluate(osmLines, gazetteer) },
    {
      name: 'OSM address points whose tags name a ward, district or city, units only',
      ...evaluate(
        osmLines.filter((l) => l.namesUnit),
        gazetteer,
      ),
    },
    {
      name: `OSM address points, units + street gazetteer (${streets.length} street pieces from the OSM road ways)`,
      ...evaluate(osmLines, gazetteer, { streets }),
    },
    {
      name: 'OSM address points, units + street gazetteer + the *other* houses of the set as registered addresses (the line’s own house left out)',
      ...evaluate(osmLines, gazetteer, { streets, houses: 'others' }),
    },
    { name: 'eval set: real address lines written by people (shared/eval)', ...evaluate(await loadEvalLines(), gazetteer) },
  ];
  const searchPaths = await searchQueries(knex, 250);

  const registered = (await knex.raw('SELECT code FROM addresses ORDER BY random() LIMIT 10000')).rows.map((r: { code: string }) => r.code);
  const elsewhere = (await randomWardPoints(knex, 10000, 99)).map(([lat, lng]) => encode(lat, lng)).filter((c): c is string => !!c);
  const mixed = registered.flatMap((c: string, i: number) => [c, elsewhere[i % elsewhere.length]!]);
  const near = (await knex.raw('SELECT ST_Y(geom) AS lat, ST_X(geom) AS lng FROM addresses ORDER BY random() LIMIT 5000')).rows as {
    lat: number;
    lng: number;
  }[];
  await knex.destroy();

  const ceiling = start('bench/ceiling-server.ts', { PORT: '3902' });
  const api = start('server/main.ts', {
    PORT: '3901',
    HOST: '127.0.0.1',
    DATABASE_URL: url,
    LOG_LEVEL: 'warn',
    DB_POOL_MAX: '8',
    RATE_LIMIT: 'off',
    API_WORKERS: '1',
  });
  try {
    await waitFor('http://127.0.0.1:3902/constant');
    await waitFor('http://127.0.0.1:3901/readyz');
    const lookupPaths = mixed.map((c: string) => `/v1/codes/${c}`);
    const reversePaths = near.map((p) => `/v1/reverse?lat=${p.lat}&lng=${p.lng}&radius=100`);
    const tilePaths = (z: number) => near.map((p) => `/tiles/addresses/${tileOf(p.lat, p.lng, z)}.mvt`);
    log('warming up');
    await load('http://127.0.0.1:3902/constant', null, 3);
    await load('http://127.0.0.1:3901', lookupPaths, 3);
    const acc = {
      ceiling: [] as number[],
      lookup: [] as number[],
      reverse: [] as number[],
      lookupP99: [] as number[],
      tile14: [] as number[],
      tile8: [] as number[],
      errors: 0,
    };
    for (let r = 0; r < ROUNDS; r++) {
      log(`round ${r + 1}/${ROUNDS}`);
      acc.ceiling.push((await load('http://127.0.0.1:3902/constant', null, DURATION)).rps);
      const l = await load('http://127.0.0.1:3901', lookupPaths, DURATION);
      acc.lookup.push(l.rps);
      acc.lookupP99.push(l.p99);
      const rv = await load('http://127.0.0.1:3901', reversePaths, DURATION);
      acc.reverse.push(rv.rps);
      const t14 = await load('http://127.0.0.1:3901', tilePaths(14), DURATION);
      const t8 = await load('http://127.0.0.1:3901', tilePaths(8), DURATION);
      acc.tile14.push(t14.rps);
      acc.tile8.push(t8.rps);
      acc.errors += l.errors + rv.errors + t14.errors + t8.errors;
    }
    log('batch of 1,000');
    // three ways a client may ask: as fetch does by default (gzip/br accepted, cell outlines included),
    // uncompressed (Accept-Encoding: identity), and without the cell outlines (cell: false)
    const batchRun = async (extra: Record<string, unknown>, headers: Record<string, string>) => {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < 40; i++) {
        const codes = mixed.slice((i * 1000) % (mixed.length - 1000), ((i * 1000) % (mixed.length - 1000)) + 1000);
        const t = performance.now();
        const res = await fetch('http://127.0.0.1:3901/v1/codes/lookup', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ codes, ...extra }),
        });
        bytes = (await res.arrayBuffer()).byteLength;
        if (!res.ok) acc.errors++;
        if (i >= 5) times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.floor(times.length * 0.95)]!, bytes };
    };
    const batchFull = await batchRun({}, {});
    const batchIdentity = await batchRun({}, { 'accept-encoding': 'identity' });
    const batchLean = await batchRun({ cell: false }, {});
    log(`search as you type: ${searchPaths.length} queries, one at a time`);
    await sequentialLatency('http://127.0.0.1:3901', searchPaths.slice(0, 100));
    const searchLatency = await sequentialLatency('http://127.0.0.1:3901', searchPaths);
    const ceilingLatency = await sequentialLatency(
      'http://127.0.0.1:3902',
      searchPaths.map(() => '/constant'),
    );
    acc.errors += searchLatency.errors;
    const routingKnex = createKnex(url, 2);
    const routing = await benchRouting(routingKnex, 'http://127.0.0.1:3901', 'http://127.0.0.1:3902', log);
    await routingKnex.destroy();
    acc.errors += routing.route.errors;
    const serverUrl = new URL(url);
    serverUrl.pathname = '/postgres';
    const imported = await benchImport(serverUrl.toString(), log);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    const ceilingRps = sum(acc.ceiling) / ROUNDS;
    const lookupRps = sum(acc.lookup) / ROUNDS;
    const reverseRps = sum(acc.reverse) / ROUNDS;
    const tile14Rps = sum(acc.tile14) / ROUNDS;
    const tile8Rps = sum(acc.tile8) / ROUNDS;
    const batchRow = (label: string, b: { median: number; p95: number; bytes: number }) =>
      `| batch of 1,000 codes \`POST /v1/codes/lookup\`, ${label} | median ${fmt(b.median, 1)} ms, p95 ${fmt(b.p95, 1)} ms (${fmt(1000 / (b.median / 1000))} codes/s, ${fmt(b.bytes / 1024)} KiB on the wire) | ${fmt(ceilingRps)} req/s | **${fmt(1000 / (b.median / 1000) / ceilingRps, 2)}** codes per ceiling request | median < 50 ms |`;

    rows.push(
      '# Benchmarks',
      '',
      `Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)} (${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}). ` +
        'Every figure is a ratio against a baseline measured in the same run: the machines are shared and absolute numbers drift.',
      '',
      '## Codec (single core, pure functions)',
      '',
      '| operation | ops/s | baseline | baseline ops/s | ratio | target |',
      '|---|---:|---|---:|---:|---|',
      ...codec.map(
        (c) =>
          `| ${c.name} | ${fmt(c.opsPerSec)} | ${c.baseline} | ${fmt(c.baselineOpsPerSec)} | **${fmt(c.opsPerSec / c.baselineOpsPerSec, 2)}** | ${c.baseline.startsWith('h3-js latLngToCell') ? '≥ 0.50' : ''} |`,
      ),
      '',
      `## HTTP on real PostgreSQL 15 + PostGIS, ${fmt(total)} registered addresses`,
      '',
      `Load from autocannon in the same machine (${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s, alternating), one API process (pool of 8), ` +
        'against an Express 5 route answering a constant JSON in its own process (the framework ceiling). Lookup codes: half registered, ' +
        'half unregistered points spread over all wards in proportion to area (each needs a point-in-polygon for its ward). ' +
        'Address tiles: the tiles around random registered addresses (status 204 counts as a success when a tile is empty; tiles of the addresses layer are not cached by the server).',
      '',
      '| measure | result | baseline | ratio | target |',
      '|---|---:|---:|---:|---|',
      `| single lookup \`GET /v1/codes/{code}\` | ${fmt(lookupRps)} req/s (p99 ${fmt(sum(acc.lookupP99) / ROUNDS, 1)} ms) | ${fmt(ceilingRps)} req/s | **${fmt(lookupRps / ceilingRps, 2)}** | ≥ 0.60 |`,
      `| reverse within 100 m \`GET /v1/reverse\` | ${fmt(reverseRps)} req/s | ${fmt(ceilingRps)} req/s | **${fmt(reverseRps / ceilingRps, 2)}** | |`,
      `| addresses tile z14 (points) \`GET /tiles/addresses/14/…\` | ${fmt(tile14Rps)} req/s | ${fmt(ceilingRps)} req/s | **${fmt(tile14Rps / ceilingRps, 2)}** | |`,
      `| addresses tile z8 (density counts) \`GET /tiles/addresses/8/…\` | ${fmt(tile8Rps)} req/s | ${fmt(ceilingRps)} req/s | **${fmt(tile8Rps / ceilingRps, 2)}** | |`,
      batchRow('gzip accepted (fetch default), with cell outlines', batchFull),
      batchRow('uncompressed (`Accept-Encoding: identity`), with cell outlines', batchIdentity),
      batchRow('gzip accepted, `cell: false`', batchLean),
      '',
      `Errors or non-2xx during the HTTP runs: ${acc.errors}.`,
      '',
      `## Search as you type \`GET /v1/search\`, ${fmt(total)} registered addresses`,
      '',
      `${fmt(searchLatency.n)} queries sent one at a time, as a typing user waits for each: the prefixes of house number + street of 250 random registered addresses ` +
        '("5", "59 d", "59 duong ng", … without diacritics, then the whole line with them) and the first six letters of the street alone; half with `near`. ' +
        'Synthetic addresses carry house numbers 1–200 and street names taken from the 3,321 ward names, skewed so that a few are very common. ' +
        'Baseline: the same number of sequential requests to the constant-JSON route.',
      '',
      '| measure | search | baseline | ratio (search ÷ baseline) | target |',
      '|---|---:|---:|---:|---|',
      `| median latency | ${fmt(searchLatency.p50, 1)} ms | ${fmt(ceilingLatency.p50, 2)} ms | ${fmt(searchLatency.p50 / ceilingLatency.p50, 1)} | |`,
      `| 95th percentile | **${fmt(searchLatency.p95, 1)} ms** | ${fmt(ceilingLatency.p95, 2)} ms | ${fmt(searchLatency.p95 / ceilingLatency.p95, 1)} | < 50 ms |`,
      `| 99th percentile | ${fmt(searchLatency.p99, 1)} ms | ${fmt(ceilingLatency.p99, 2)} ms | ${fmt(searchLatency.p99 / ceilingLatency.p99, 1)} | |`,
      '',
      ...routingMarkdown(routing, fmt),
      ...importMarkdown(imported, fmt),
      '## Address parser',
      '',
      'Share of address lines whose 2025 ward the parser resolves correctly from the text alone (never the point; `npx tsx bench/parser-eval.ts` prints the breakdown). ' +
        'Most OSM points carry only a house number and a street. The street gazetteer is built from the OSM *road ways* of the extracts cut by the 2025 wards, never from the address points. ' +
        'The last OSM row adds what a live registry knows: the other labelled houses, as registered addresses; the line’s own house (same street and number, however often it appears) is left out, so a house never finds itself.',
      '',
      '| input | right ward | of |',
      '|---|---:|---:|',
      ...parser.map((r) => `| ${r.name} | **${fmt(r.accuracy * 100, 1)} %** | ${fmt(r.total)} |`),
      '',
      ...adversarialMarkdown(adversarial),
      '## Commands',
      '',
      '```sh',
      'npm run bench                       # all of the above; BENCH_ADDRESSES, BENCH_SECONDS, BENCH_ROUNDS override the defaults',
      'npx tsx bench/parser-eval.ts        # the parser figures with their breakdown (DATABASE_URL=… adds the street gazetteer)',
      'npx tsx bench/routing.ts            # the routing figures alone, against the bench database',
      'npx tsx bench/adversarial.ts        # the adversarial-text figures alone (no database)',
      'npx tsx bench/compare.ts DIR        # single lookups of this checkout against another (e.g. a worktree before a refactor), interleaved',
      '```',
      '',
    );
    // keep the section `npm run bench:scale` wrote (bench/scale.ts), which this run does not measure
    writeFileSync(path.join(root, 'BENCHMARKS.md'), rows.join('\n') + keptScaleSection(path.join(root, 'BENCHMARKS.md')));
    console.log(rows.join('\n'));
  } finally {
    ceiling.kill();
    api.kill('SIGTERM');
  }
}

await main();
process.exit(0);
