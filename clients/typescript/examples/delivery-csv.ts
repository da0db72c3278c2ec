/**
 * Ví dụ cho công ty giao hàng · An example for a delivery company.
 *
 * Đọc tệp CSV có cột mã địa chỉ, tra 1.000 mã mỗi yêu cầu, ghi tệp CSV mới: mọi cột cũ, rồi
 * lat, lng, phường/xã, tỉnh/thành, mã bưu chính; mã sai có cột error và suggestion (mã hợp lệ gần nhất).
 *
 * Reads a CSV with a column of address codes, looks them up 1,000 per request, and writes a CSV
 * with every input column, then lat, lng, ward, province, postal_code; an invalid code gets
 * `error` and `suggestion` (the likeliest valid code one edit away). Streams: any file size.
 *
 *   VNAC_BASE_URL=https://madiachi.example.vn VNAC_API_KEY=vnac_… \
 *     npx tsx clients/typescript/examples/delivery-csv.ts orders.csv orders-located.csv [--column "Mã địa chỉ"]
 *
 * The code column: --column, else one named code / ma / mã / mã địa chỉ (any case or accents), else the first.
 * lat/lng are the registered entrance when the address is registered, else the centre of the 2.7 m cell.
 * In your own project: `import { createClient } from '@vnac/client'`.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { createClient, MAX_CODES_PER_REQUEST, type LookupEntry, type VnacClient } from '../src/index.js';

export const ADDED_COLUMNS = ['lat', 'lng', 'ward', 'province', 'postal_code', 'error', 'suggestion'] as const;
const CODE_HEADERS = ['code', 'ma', 'ma dia chi', 'address code'];
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[\s_-]+/g, ' ')
    .trim();

/** One output row's added cells from a lookup answer. */
function located(entry: LookupEntry): Record<(typeof ADDED_COLUMNS)[number], string | number> {
  const r = entry.result;
  if (!r) {
    return {
      lat: '',
      lng: '',
      ward: '',
      province: '',
      postal_code: '',
      error: entry.error?.detail ?? entry.error?.title ?? 'not an address code',
      suggestion: entry.error?.suggestions?.[0] ?? '',
    };
  }
  const point = r.address?.point ?? { lat: r.lat, lng: r.lng };
  return {
    lat: point.lat,
    lng: point.lng,
    ward: r.admin.ward?.fullName ?? '',
    province: r.admin.province?.fullName ?? '',
    postal_code: r.admin.postalCode ?? '',
    error: '',
    suggestion: '',
  };
}

export type EnrichOptions = {
  input: string;
  output: string | NodeJS.WritableStream;
  client: VnacClient;
  column?: string;
  batchSize?: number;
};

/** Streams `input` to `output`, looking the codes up in batches; returns how many rows were written and how many got no location. */
export async function enrichCsv({
  input,
  output,
  client,
  column,
  batchSize = MAX_CODES_PER_REQUEST,
}: EnrichOptions): Promise<{ rows: number; failed: number }> {
  let header: string[] = [];
  const parser = createReadStream(input).pipe(
    parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      columns: (names: string[]) => (header = names.map((n) => n.trim())),
    }),
  );
  const target = typeof output === 'string' ? createWriteStream(output) : output;
  let writer: ReturnType<typeof stringify> | null = null;
  let codeColumn = '';
  let outNames: Record<string, string> = {};
  let rows = 0;
  let failed = 0;

  const start = () => {
    codeColumn = column ?? header.find((h) => CODE_HEADERS.includes(fold(h))) ?? header[0] ?? '';
    if (column && !header.includes(column)) throw new Error(`No column "${column}" in ${input} (columns: ${header.join(', ')}).`);
    // an added column whose name the file already uses gets the suffix _out
    outNames = Object.fromEntries(ADDED_COLUMNS.map((c) => [c, header.includes(c) ? `${c}_out` : c]));
    writer = stringify({ header: true, columns: [...header, ...ADDED_COLUMNS.map((c) => outNames[c]!)], bom: true });
    writer.pipe(target);
  };

  let batch: Record<string, string>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    // a cell that cannot be a code is not sent (the API refuses strings over 64 characters)
    const sendable = batch.map((r) => (r[codeColumn] ?? '').length <= 64);
    const answers = await client.lookupCodes(
      batch.filter((_, i) => sendable[i]).map((r) => r[codeColumn] ?? ''),
      { cell: false },
    );
    let next = 0;
    for (const [i, record] of batch.entries()) {
      const entry: LookupEntry = sendable[i]
        ? answers[next++]!
        : {
            query: record[codeColumn] ?? '',
            result: null,
            error: { status: 400, type: '/problems/invalid-code', title: 'Invalid code', detail: 'This is not an address code.' },
          };
      if (!entry.result) failed++;
      const added = located(entry);
      const row = { ...record, ...Object.fromEntries(ADDED_COLUMNS.map((c) => [outNames[c]!, added[c]])) };
      if (!writer!.write(row)) await once(writer!, 'drain');
      rows++;
    }
    batch = [];
  };

  for await (const record of parser as AsyncIterable<Record<string, string>>) {
    if (!writer) start();
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  if (!writer) start(); // a file with a header and no rows
  await flush();
  writer!.end();
  if (target !== process.stdout) await finished(target);
  return { rows, failed };
}

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { column: { type: 'string' }, 'base-url': { type: 'string' }, 'api-key': { type: 'string' } },
  });
  const [input, output] = positionals;
  if (!input) {
    console.error(
      'usage: delivery-csv.ts input.csv [output.csv] [--column NAME] [--base-url URL] [--api-key KEY]   (env: VNAC_BASE_URL, VNAC_API_KEY)',
    );
    process.exit(2);
  }
  const client = createClient({
    baseUrl: values['base-url'] ?? process.env.VNAC_BASE_URL ?? 'http://localhost:3000',
    apiKey: values['api-key'] ?? process.env.VNAC_API_KEY,
  });
  const { rows, failed } = await enrichCsv({ input, output: output ?? process.stdout, client, column: values.column });
  console.error(`${rows} rows, ${rows - failed} located, ${failed} without a location${output ? ` → ${output}` : ''}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
