/**
 * Writes prepared address rows (server/ingest/addresses/rows.ts) into `addresses`, all or nothing: one
 * transaction holds the whole load, so a failure leaves the table as it was.
 *
 * 1. The rows go to an UNLOGGED staging table: COPY on PostgreSQL, batched INSERTs on the embedded
 *    database (PGlite has no COPY FROM STDIN over the wire), as server/ingest/roads.ts does.
 * 2. One set-based INSERT … SELECT DISTINCT ON (code, unit) … ON CONFLICT DO NOTHING moves them, in
 *    code order (codes follow a Hilbert curve, so the table ends up clustered in space); the first
 *    line of a duplicated (code, unit) wins, and rows already registered are skipped and counted.
 *    Every new address gets the first version of its history ('imported'), as console imports do.
 * 3. A large load (at least `bulkMinRows` rows and half as many as the table already holds) takes
 *    the table for itself: the secondary indexes are dropped and rebuilt afterwards from their
 *    own definitions, the statement-level density trigger is disabled and its work done in one
 *    grouped upsert over the new rows (exactly what the trigger would have added), and the history's
 *    foreign key is validated once instead of per row. Everything is restored inside the same
 *    transaction, so the migrations' invariants hold whenever anyone can look.
 * Readers are blocked while a large load holds the table (indexes are being rebuilt); a small
 * load only blocks other writers.
 */
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import type { PoolClient } from 'pg';
import copyStreams from 'pg-copy-streams';
import { copyLine, needsSqlText, STAGING_COLUMNS, TEXT_FIELDS, type LoadRow } from './rows.js';

export type LoadPhase = 'staging' | 'insert' | 'density' | 'indexes' | 'analyze';
export type LoadOptions = {
  embedded: boolean;
  /** 'auto' (default) decides by size; 'always' / 'never' force it (tests) */
  bulk?: 'auto' | 'always' | 'never';
  bulkMinRows?: number;
  /** called as each phase starts, and with the number of rows staged so far */
  onPhase?: (phase: LoadPhase, detail?: string) => void;
  onStaged?: (rows: number) => void;
};
/**
 * Rows already written as COPY text (by the loader's worker threads, server/ingest/addresses/prepare-pool.ts);
 * sqlText: how many of them came without search columns, for SQL to compute.
 */
export type CopyChunk = { copy: string; count: number; sqlText: number };
export type LoadResult = { staged: number; loaded: number; duplicates: number; bulk: boolean; seconds: Partial<Record<LoadPhase, number>> };

/** What the loader is given: prepared rows, or COPY text the worker threads wrote. */
type Rows = AsyncIterable<LoadRow | CopyChunk> | Iterable<LoadRow | CopyChunk>;
type OnPhase = (phase: LoadPhase, detail?: string) => void;
type OnStaged = (rows: number) => void;
/** rows staged, and how many of them left their search columns to SQL (see needsSqlText) */
type Staged = { staged: number; sqlText: number };

const BATCH = 2000;
const DETAIL_COLUMNS = TEXT_FIELDS.map(([f]) => f);

export async function loadAddresses(knex: Knex, rows: Rows, options: LoadOptions): Promise<LoadResult> {
  const { embedded, bulk: mode = 'auto', bulkMinRows = 50_000, onPhase = () => {}, onStaged = () => {} } = options;
  const clock = phaseClock(onPhase);
  const staging = `load_staging_${process.pid}_${Date.now().toString(36)}`;

  return knex
    .transaction(async (trx) => {
      clock.phase('staging');
      const { staged, sqlText } = await stage(trx, staging, rows, embedded, onStaged);
      // From here on nobody else writes addresses until we commit.
      const before = await lockAndMeasure(trx);
      const bulk = mode === 'always' || (mode === 'auto' && staged >= bulkMinRows && staged >= before.existing / 2);
      const taken = bulk ? await takeTable(trx, embedded) : { indexes: [], foreignKeys: [] };

      clock.phase('insert');
      const loaded = await insertFromStaging(trx, staging);
      if (bulk) {
        await fillSearchColumns(trx, sqlText, before.maxId);
        clock.phase('density');
        await addDensity(trx, before.maxId);
        clock.phase('indexes', `${taken.indexes.length} indexes, ${taken.foreignKeys.length} foreign key`);
        await giveTableBack(trx, taken, onPhase);
      }
      await trx.raw(`DROP TABLE ${staging}`);
      return { staged, loaded, duplicates: staged - loaded, bulk, seconds: clock.stop() };
    })
    .then((result) => analyze(knex, result, onPhase));
}

/** The seconds spent in each phase; a phase can start more than once and its times add up. */
function phaseClock(onPhase: OnPhase) {
  const seconds: LoadResult['seconds'] = {};
  let phaseStart = Date.now();
  let current: LoadPhase | null = null;
  const close = () => {
    if (current) seconds[current] = (seconds[current] ?? 0) + (Date.now() - phaseStart) / 1000;
  };
  return {
    phase(p: LoadPhase, detail?: string) {
      close();
      current = p;
      phaseStart = Date.now();
      onPhase(p, detail);
    },
    stop() {
      close();
      current = null;
      return seconds;
    },
  };
}

/** Every row into a new UNLOGGED staging table; how many, and how many left their search columns to SQL. */
async function stage(trx: Knex.Transaction, staging: string, rows: Rows, embedded: boolean, onStaged: OnStaged): Promise<Staged> {
  await trx.raw(`CREATE UNLOGGED TABLE ${staging} (line bigint, code text, unit text, h3 bigint, lng float8, lat float8,
      ward_code text, status text, ${DETAIL_COLUMNS.map((c) => `${c} text`).join(', ')}, search_terms tsvector, street_key text)`);
  return embedded ? stageByInsert(trx, staging, rows, onStaged) : stageByCopy(trx, staging, rows, onStaged);
}

/** PostgreSQL: one COPY of the rows as text, batches of BATCH lines (worker threads' chunks as they come). */
async function stageByCopy(trx: Knex.Transaction, staging: string, rows: Rows, onStaged: OnStaged): Promise<Staged> {
  let staged = 0;
  /** rows whose search columns JavaScript left to SQL (see needsSqlText) */
  let sqlText = 0;
  // COPY needs the connection itself; inside a transaction knex hands out the transaction's one
  const conn = (await trx.client.acquireConnection()) as PoolClient;
  const lines = async function* () {
    let chunk: string[] = [];
    for await (const r of rows) {
      if ('copy' in r) {
        if (chunk.length) {
          staged += chunk.length;
          yield chunk.join('');
          chunk = [];
        }
        staged += r.count;
        sqlText += r.sqlText;
        yield r.copy;
        onStaged(staged);
        continue;
      }
      chunk.push(copyLine(r));
      if (needsSqlText(r)) sqlText++;
      if (chunk.length === BATCH) {
        staged += chunk.length;
        yield chunk.join('');
        chunk = [];
        onStaged(staged);
      }
    }
    staged += chunk.length;
    if (chunk.length) yield chunk.join('');
    onStaged(staged);
  };
  await pipeline(Readable.from(lines()), conn.query(copyStreams.from(`COPY ${staging} (${STAGING_COLUMNS.join(', ')}) FROM STDIN`)));
  return { staged, sqlText };
}

/** The embedded database (no COPY FROM STDIN over the wire): batched INSERTs from JSON. */
async function stageByInsert(trx: Knex.Transaction, staging: string, rows: Rows, onStaged: OnStaged): Promise<Staged> {
  let staged = 0;
  let sqlText = 0;
  let batch: LoadRow[] = [];
  const flush = async () => {
    if (!batch.length) return;
    await trx.raw(
      `INSERT INTO ${staging} (${STAGING_COLUMNS.join(', ')})
           SELECT line, code, unit, h3::bigint, lng, lat, ward_code, status, ${DETAIL_COLUMNS.join(', ')}, search_terms, street_key
           FROM jsonb_to_recordset(?::jsonb) AS r(line bigint, code text, unit text, h3 text, lng float8, lat float8, ward_code text,
             status text, ${DETAIL_COLUMNS.map((c) => `${c} text`).join(', ')}, search_terms tsvector, street_key text)`,
      [JSON.stringify(batch.map((r) => ({ ...r, ward_code: r.wardCode, search_terms: r.searchTerms, street_key: r.streetKey })))],
    );
    staged += batch.length;
    batch = [];
    onStaged(staged);
  };
  for await (const r of rows) {
    if ('copy' in r) throw new Error('COPY text needs PostgreSQL: the embedded database loads rows');
    batch.push(r);
    if (needsSqlText(r)) sqlText++;
    if (batch.length === BATCH) await flush();
  }
  await flush();
  return { staged, sqlText };
}

/**
 * Locks out other writers of addresses, then measures the table: its last id (new rows are those
 * above it) and its size (the estimate, counted exactly below a million rows).
 */
async function lockAndMeasure(trx: Knex.Transaction): Promise<{ maxId: string; existing: number }> {
  await trx.raw('LOCK TABLE addresses IN SHARE ROW EXCLUSIVE MODE');
  const {
    rows: [before],
  } = await trx.raw(
    `SELECT coalesce((SELECT max(id) FROM addresses), 0)::text AS max_id,
              greatest((SELECT reltuples FROM pg_class WHERE oid = 'addresses'::regclass), 0)::float8 AS estimate`,
  );
  let existing = Number(before.estimate);
  if (existing < 1_000_000) existing = Number((await trx.raw('SELECT count(*)::float8 AS n FROM addresses')).rows[0].n);
  return { maxId: before.max_id, existing };
}

type Taken = { indexes: { name: string; def: string }[]; foreignKeys: { table: string; name: string; def: string }[] };

/** A large load: drops the secondary indexes and the history's foreign key, turns the per-row triggers off. */
async function takeTable(trx: Knex.Transaction, embedded: boolean): Promise<Taken> {
  if (!embedded) {
    await trx.raw("SET LOCAL maintenance_work_mem = '1GB'");
    await trx.raw("SET LOCAL work_mem = '256MB'");
  }
  // secondary indexes only (of addresses and of the density summary): the primary keys and
  // the (code, unit) key stay (ON CONFLICT needs them)
  const indexes = (
    await trx.raw(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
           FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
           WHERE x.indrelid IN ('addresses'::regclass, 'address_density'::regclass)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
           ORDER BY x.indrelid = 'address_density'::regclass DESC, i.oid`,
    )
  ).rows;
  const foreignKeys = (
    await trx.raw(
      `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS def
           FROM pg_constraint c WHERE c.contype = 'f' AND c.confrelid = 'addresses'::regclass AND c.conrelid = 'address_versions'::regclass`,
    )
  ).rows;
  for (const ix of indexes) await trx.raw(`DROP INDEX ${quoteIdent(ix.name)}`);
  for (const fk of foreignKeys) await trx.raw(`ALTER TABLE ${fk.table} DROP CONSTRAINT ${quoteIdent(fk.name)}`);
  await trx.raw('ALTER TABLE addresses DISABLE TRIGGER addresses_density_insert');
  // the search columns come computed from JavaScript (server/search/address-vectors.ts)
  await trx.raw('ALTER TABLE addresses DISABLE TRIGGER addresses_search_text');
  return { indexes, foreignKeys };
}

/** The staged rows into addresses, with their first version; how many were new. */
async function insertFromStaging(trx: Knex.Transaction, staging: string): Promise<number> {
  // The new addresses and the first version of each ('imported') in one statement: the history
  // is written from the rows as they are inserted, without reading the table again.
  const inserted = await trx.raw(
    `WITH added AS (
         INSERT INTO addresses (code, unit, h3, geom, ward_code, status, ${DETAIL_COLUMNS.join(', ')}, search_terms, street_key)
         SELECT DISTINCT ON (code, unit) code, unit, h3, ST_SetSRID(ST_MakePoint(lng, lat), 4326), ward_code, status, ${DETAIL_COLUMNS.join(', ')},
                search_terms, street_key
         FROM ${staging} ORDER BY code, unit, line
         ON CONFLICT (code, unit) DO NOTHING
         RETURNING id, house_number, street, hamlet, building, landmark, note, place_name, category, status, private, geom, owner_id
       )
       INSERT INTO address_versions (address_id, version, kind, state, change)
       SELECT id, 1, 'imported',
              jsonb_build_object('houseNumber', house_number, 'street', street, 'hamlet', hamlet, 'building', building,
                'landmark', landmark, 'note', note, 'placeName', place_name, 'category', category, 'status', status,
                'private', private, 'lat', ST_Y(geom), 'lng', ST_X(geom), 'ownerId', owner_id::text),
              '{}'::jsonb
       FROM added`,
  );
  return Number(inserted.rowCount ?? 0);
}

/** A large load: the search trigger back on, and the rows it was off for that SQL must fold given their columns. */
async function fillSearchColumns(trx: Knex.Transaction, sqlText: number, maxId: string): Promise<void> {
  // Rows whose text JavaScript could not fold exactly (characters outside ASCII and Vietnamese)
  // came without search terms or street key: touching a text column makes the trigger compute them.
  // Only when there are any: finding them reads every new row (24 M: tens of seconds).
  await trx.raw('ALTER TABLE addresses ENABLE TRIGGER addresses_search_text');
  if (sqlText > 0)
    await trx.raw(
      'UPDATE addresses SET house_number = house_number WHERE id > ?::bigint AND (search_terms IS NULL OR (street IS NOT NULL AND street_key IS NULL))',
      [maxId],
    );
}

/** A large load: what addresses_density_insert would have added for the new rows, in one grouped upsert; the trigger back on. */
async function addDensity(trx: Knex.Transaction, maxId: string): Promise<void> {
  await trx.raw(
    `INSERT INTO address_density AS d (res, cell, n, sum_x, sum_y)
         SELECT r, h3_parent(a.h3, r), count(*), sum(ST_X(a.geom)), sum(ST_Y(a.geom))
         FROM addresses a, (VALUES (6), (8), (9)) AS v(r) WHERE a.id > ?::bigint AND NOT a.private GROUP BY 1, 2
         ON CONFLICT (res, cell) DO UPDATE SET n = d.n + excluded.n, sum_x = d.sum_x + excluded.sum_x, sum_y = d.sum_y + excluded.sum_y`,
    [maxId],
  );
  await trx.raw('DELETE FROM address_density WHERE n <= 0');
  await trx.raw('ALTER TABLE addresses ENABLE TRIGGER addresses_density_insert');
}

/** A large load: the foreign key and the indexes back, from their own definitions. */
async function giveTableBack(trx: Knex.Transaction, taken: Taken, onPhase: OnPhase): Promise<void> {
  for (const fk of taken.foreignKeys) await trx.raw(`ALTER TABLE ${fk.table} ADD CONSTRAINT ${quoteIdent(fk.name)} ${fk.def}`);
  for (const ix of taken.indexes) {
    onPhase('indexes', ix.name);
    await trx.raw(ix.def);
  }
}

/** After the commit: fresh statistics when anything was loaded, so the planner sees the new size. */
async function analyze(knex: Knex, result: LoadResult, onPhase: OnPhase): Promise<LoadResult> {
  if (result.loaded > 0) {
    onPhase('analyze');
    const t = Date.now();
    await knex.raw('ANALYZE addresses');
    await knex.raw('ANALYZE address_density');
    await knex.raw('ANALYZE address_versions');
    result.seconds.analyze = (Date.now() - t) / 1000;
  }
  return result;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
