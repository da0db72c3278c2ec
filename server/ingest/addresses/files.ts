/**
 * The shell around the bulk loader and the generator: files in (CSV, plain or .gz), rows through
 * prepareRow, rejects out to their own CSV, the database passed in. Used by `npm run load` and
 * the tests.
 */
import { createReadStream, createWriteStream, statSync, unlinkSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable, type Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import type { Knex } from 'knex';
import { createAdminRepository } from '../../admin/repository.js';
import { WardIndex } from '../../admin/ward-index.js';
import { writeCsv } from '../../lib/csv-out.js';
import { loadAddresses, type CopyChunk, type LoadOptions, type LoadResult } from './bulk.js';
import { createPreparePool, type PreparePool } from './prepare-pool.js';
import { generateAddressCsv, type GeneratorWard } from './generate.js';
import { readCsv } from './csv.js';
import { checkHeader, prepareRecord, type LoadRow } from './rows.js';

export type FilesResult = LoadResult & { read: number; rejected: number; rejectsPath: string | null };
export type FilesOptions = Omit<LoadOptions, 'onStaged'> & {
  /** where rejected rows go (file, line, reason, the row as read); only created when a row is rejected */
  rejectsPath: string;
  /** bytes of input read so far, out of the total, and rows read */
  onRead?: (bytes: number, totalBytes: number, rows: number) => void;
  wardIndex?: WardIndex;
  /**
   * Worker threads preparing rows (PostgreSQL only; 0 = on the main thread). `npm run load` uses one
   * per core but the one reading the file.
   */
  workers?: number;
};

export class LoadFileError extends Error {}

/** A field of the input row as it stood in the file (quoted where it must be), to show the row in the rejects file. */
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The subdivided ward pieces (for a WardIndex here or in the loader's worker threads). */
async function wardPieces(knex: Knex) {
  const pieces = await createAdminRepository(knex).pieces();
  if (!pieces.length) throw new LoadFileError('the database has no wards: run `npm run seed` first');
  return pieces;
}

export async function wardIndexOf(knex: Knex): Promise<WardIndex> {
  return new WardIndex(await wardPieces(knex));
}

export async function loadFiles(knex: Knex, files: string[], options: FilesOptions): Promise<FilesResult> {
  const { rejectsPath, onRead = () => {} } = options;
  let pool: PreparePool | null = null;
  let wardAt: (lat: number, lng: number) => string | null = () => null;
  if (options.workers && !options.embedded) {
    pool = createPreparePool(await wardPieces(knex), options.workers);
  } else {
    const wards = options.wardIndex ?? (await wardIndexOf(knex));
    wardAt = (lat, lng) => wards.wardAt(lat, lng);
  }
  /** batches a worker may hold before the reader waits (memory stays bounded) */
  const inFlight = 3 * (options.workers ?? 1);
  const totalBytes = files.reduce((s, f) => s + statSync(f).size, 0);
  let bytesBefore = 0;
  let read = 0;
  let rejected = 0;
  let rejects: WriteStream | null = null;
  const reject = async (file: string, line: number, reason: string, fields: string[]) => {
    rejected++;
    if (!rejects) {
      rejects = createWriteStream(rejectsPath);
      rejects.write('file,line,reason,row\n');
    }
    const raw = fields.map(csvCell).join(',');
    // the rejects file is opened in a spreadsheet: its text cells go through the spreadsheet-safe writer
    if (!rejects.write(writeCsv([[file, line, reason, raw]]))) await once(rejects, 'drain');
  };

  /** the workers' answers, in order, as COPY text (their rejects to the rejects file) */
  async function* answered(file: string, keep: number): AsyncGenerator<CopyChunk> {
    while (pool!.pending() > keep) {
      const reply = await pool!.next();
      for (const r of reply.rejects) await reject(file, r.line, r.reason, r.fields);
      if (reply.count) yield { copy: reply.copy, count: reply.count, sqlText: reply.sqlText };
    }
  }

  async function* rows(): AsyncGenerator<LoadRow | CopyChunk> {
    for (const file of files) {
      let bytes = 0;
      const raw = createReadStream(file, { highWaterMark: 1 << 20 });
      raw.on('data', (chunk) => (bytes += chunk.length));
      const text = /\.gz$/i.test(file) ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
      raw.on('error', (e) => text.destroy(e));
      text.setEncoding('utf8');
      let names: string[] | null = null;
      try {
        for await (let batch of readCsv(text as AsyncIterable<string>)) {
          if (names === null) {
            const problem = checkHeader(batch[0]!.fields);
            if (problem) throw new LoadFileError(`${file}: ${problem}`);
            names = batch[0]!.fields.map((h) => h.trim().toLowerCase());
            batch = batch.slice(1);
          }
          read += batch.length;
          if (pool) {
            if (batch.length) pool.send(names, batch);
            yield* answered(file, inFlight);
          } else {
            for (const { fields, line } of batch) {
              const prepared = prepareRecord(names, fields, line, wardAt);
              if (prepared.ok) yield prepared.row;
              else await reject(file, line, prepared.reason, fields);
            }
          }
          onRead(bytesBefore + bytes, totalBytes, read);
        }
        if (pool) yield* answered(file, 0);
      } catch (error) {
        raw.destroy();
        if (error instanceof LoadFileError) throw error;
        throw new LoadFileError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (names === null) throw new LoadFileError(`${file}: the file is empty (a header naming lat and lng is needed)`);
      bytesBefore += statSync(file).size;
      onRead(bytesBefore, totalBytes, read);
    }
  }

  try {
    const result = await loadAddresses(knex, rows(), options).finally(() => pool?.close());
    const done = rejects as WriteStream | null;
    if (done) {
      done.end();
      await once(done, 'finish');
    }
    return { ...result, read, rejected, rejectsPath: done ? rejectsPath : null };
  } catch (error) {
    // nothing was loaded: leave no rejects file behind either
    const half = rejects as WriteStream | null;
    if (half) {
      half.destroy();
      try {
        unlinkSync(rejectsPath);
      } catch {
        // already gone: nothing to remove
      }
    }
    throw error;
  }
}

/** The wards as the generator wants them: name, type, area and the subdivided pieces with their areas. */
export async function generatorWards(knex: Knex): Promise<GeneratorWard[]> {
  const { wards, pieces } = await createAdminRepository(knex).areas();
  if (!wards.length) throw new LoadFileError('the database has no wards: run `npm run seed` first');
  const byWard = new Map<string, GeneratorWard>();
  for (const w of wards) byWard.set(w.code, { code: w.code, name: w.name, unitType: w.unit_type, areaKm2: Number(w.area_km2), pieces: [] });
  for (const p of pieces) byWard.get(p.wardCode)?.pieces.push({ area: p.area, rings: p.rings });
  return [...byWard.values()];
}

/** Writes `count` synthetic addresses to `out` (.gz compresses), streaming. */
export async function generateFile(
  wards: GeneratorWard[],
  out: string,
  { count, seed, onRows }: { count: number; seed: number; onRows?: (n: number) => void },
): Promise<void> {
  const source = Readable.from(generateAddressCsv(wards, { count, seed, onRows }));
  const sink = createWriteStream(out);
  const stages: (Readable | Writable | Transform)[] = [source];
  if (/\.gz$/i.test(out)) stages.push(createGzip({ level: 4 }));
  stages.push(sink);
  await (pipeline as (...s: unknown[]) => Promise<void>)(...stages);
}
