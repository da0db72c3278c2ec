/**
 * A worker thread of the bulk loader (server/ingest/addresses/prepare-pool.ts): batches of CSV records in,
 * PostgreSQL COPY text and rejections out. Each worker holds its own ward index, so reading the
 * file (main thread) and preparing rows (code, cell, ward, checks, search columns) run on
 * different cores.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WardIndex, type WardPiece } from '../../admin/ward-index.js';
import { copyLine, needsSqlText, prepareRecord } from './rows.js';

export type PrepareRequest = { id: number; names: string[]; records: { fields: string[]; line: number }[] };
export type PrepareReply = {
  id: number;
  copy: string;
  count: number;
  sqlText: number;
  rejects: { line: number; reason: string; fields: string[] }[];
};

const wards = new WardIndex(workerData.pieces as WardPiece[]);
const wardAt = (lat: number, lng: number) => wards.wardAt(lat, lng);

parentPort!.on('message', ({ id, names, records }: PrepareRequest) => {
  let copy = '';
  let count = 0;
  let sqlText = 0;
  const rejects: PrepareReply['rejects'] = [];
  for (const { fields, line } of records) {
    const prepared = prepareRecord(names, fields, line, wardAt);
    if (prepared.ok) {
      copy += copyLine(prepared.row);
      count++;
      if (needsSqlText(prepared.row)) sqlText++;
    } else rejects.push({ line, reason: prepared.reason, fields });
  }
  parentPort!.postMessage({ id, copy, count, sqlText, rejects } satisfies PrepareReply);
});
