/**
 * `npm run load -- FILE.csv[.gz] [FILE…]`: loads registered addresses in bulk (issue 8).
 * CSV with a header naming at least lat and lng; optional unit, house_number, street, hamlet,
 * building, landmark, note, status. Each row gets its code, H3 cell and ward here; rows that fail
 * the checks go to a rejects file with the reason, (code, unit) already registered (or twice in
 * the input) are skipped and counted. All or nothing: a file that cannot be read loads nothing.
 * Options: --rejects PATH (default: beside the first file), --bulk auto|always|never,
 * --workers N (threads preparing rows on PostgreSQL; default one per core but the reader's, 0 = none).
 *
 * `npm run load -- --generate 24000000 --out FILE.csv.gz [--seed 1]`: writes synthetic addresses
 * spread over the wards in proportion to area (server/ingest/addresses/generate.ts), streaming.
 *
 * Works on the database the server uses: DATABASE_URL, or the embedded ./data/pglite.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { migrateLatest } from '../db/knex.js';
import { openDatabase } from '../db/open.js';
import { generateFile, generatorWards, loadFiles } from '../ingest/addresses/files.js';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const flagged = new Set(['--rejects', '--bulk', '--generate', '--out', '--seed', '--workers']);
const files = args.filter((a, i) => !a.startsWith('--') && !flagged.has(args[i - 1] ?? ''));
const generate = option('generate');
const usage = () => {
  console.error('usage: npm run load -- FILE.csv[.gz] [FILE…] [--rejects PATH] [--bulk auto|always|never] [--workers N]');
  console.error('       npm run load -- --generate COUNT --out FILE.csv[.gz] [--seed N]');
  process.exit(2);
};
const bulk = (option('bulk') ?? 'auto') as 'auto' | 'always' | 'never';
if (!['auto', 'always', 'never'].includes(bulk)) usage();
const workersOption = option('workers');
if (workersOption !== undefined && !/^\d{1,2}$/.test(workersOption)) usage();
const workers = workersOption !== undefined ? Number(workersOption) : Math.max(1, os.availableParallelism() - 1);
if (generate !== undefined) {
  if (!/^\d+$/.test(generate) || !option('out')) usage();
} else {
  if (!files.length) usage();
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) {
    for (const f of missing) console.error(`not found: ${f}`);
    process.exit(2);
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const config = loadConfig();
const db = await openDatabase(config);
const started = Date.now();
const bar = new cliProgress.SingleBar(
  { format: '{phase} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | {duration_formatted}', hideCursor: true, etaBuffer: 50 },
  cliProgress.Presets.shades_classic,
);
try {
  await migrateLatest(db.knex);
  if (generate !== undefined) {
    const count = Number(generate);
    const out = option('out')!;
    const wards = await generatorWards(db.knex);
    bar.start(count, 0, { phase: 'generate', rows: '0', rate: '0' });
    await generateFile(wards, out, {
      count,
      seed: Number(option('seed') ?? 1),
      onRows: (n) => bar.update(n, { rows: fmt(n), rate: fmt(n / ((Date.now() - started) / 1000)) }),
    });
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `generated ${fmt(count)} addresses over ${fmt(wards.length)} wards into ${out} in ${seconds.toFixed(1)} s (${fmt(count / seconds)} rows/s)`,
    );
  } else {
    const rejectsPath = option('rejects') ?? `${files[0]!.replace(/\.gz$/i, '').replace(/\.csv$/i, '')}.rejects.csv`;
    bar.start(1000, 0, { phase: 'read   ', rows: '0', rate: '0' });
    let barOn = true;
    const result = await loadFiles(db.knex, files, {
      embedded: db.embedded,
      bulk,
      rejectsPath,
      workers,
      onRead: (bytes, total, rows) =>
        bar.update(Math.floor((bytes / Math.max(1, total)) * 1000), { rows: fmt(rows), rate: fmt(rows / ((Date.now() - started) / 1000)) }),
      onPhase: (phase, detail) => {
        if (phase === 'staging') return;
        if (barOn) {
          bar.update(1000);
          bar.stop();
          barOn = false;
        }
        console.log(
          `${new Date().toISOString().slice(11, 19)} ${phase}${detail ? `: ${detail}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
        );
      },
    });
    if (barOn) bar.stop();
    const seconds = (Date.now() - started) / 1000;
    const phases = Object.entries(result.seconds)
      .map(([p, s]) => `${p} ${s!.toFixed(1)} s`)
      .join(', ');
    console.log(
      [
        `rows read:   ${fmt(result.read)}`,
        `loaded:      ${fmt(result.loaded)}`,
        `rejected:    ${fmt(result.rejected)}${result.rejectsPath ? ` (reasons in ${result.rejectsPath})` : ''}`,
        `duplicates:  ${fmt(result.duplicates)} (code and unit already registered, or twice in the input)`,
        `elapsed:     ${seconds.toFixed(1)} s (${phases}; ${result.bulk ? 'bulk: indexes rebuilt, density recomputed' : 'incremental'})`,
        `rate:        ${fmt(result.read / seconds)} rows/s read, ${fmt(result.loaded / seconds)} rows/s loaded`,
      ].join('\n'),
    );
  }
} catch (error) {
  bar.stop();
  console.error(
    `${generate !== undefined ? 'generation failed' : 'load failed, nothing was loaded'}: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
} finally {
  await db.close();
}
