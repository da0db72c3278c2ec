/**
 * Batch over files: a CSV of codes or of free-text addresses in, the same CSV enriched out.
 * For people who work in spreadsheets; the web app's "Xử lý tệp CSV" screen sends large files
 * in chunks of rows through these two endpoints.
 */
import { chargeRows, ROWS_PER_REQUEST } from '../keys/gate.js';
import type { Response } from 'express';
import { z } from 'zod';
import { viewerOf } from '../accounts/viewer.js';
import type { AdminDirectory } from '../admin/directory.js';
import type { CodesService } from '../codes/service.js';
import type { SqlRunner } from '../db/query.js';
import { problem } from '../http/problem.js';
import { route } from '../http/route.js';
import type { SearchService } from '../search/service.js';
import { ADDRESS_COLUMNS, ADDRESS_HEADERS, CODE_COLUMNS, CODE_HEADERS } from './columns.js';
import { createBatchRepository } from './repository.js';
import { createBatchService, MAX_BATCH_ROWS, type BatchResult } from './service.js';

const rows = MAX_BATCH_ROWS.toLocaleString('en-US');
const TEXT_BODY = { types: ['text/csv', 'text/plain', 'application/csv'], limit: '16mb' };
const Query = z.object({
  column: z
    .string()
    .trim()
    .min(1, 'column is empty')
    .max(200)
    .optional()
    .describe('the header name of the column to read (else found by its name, see above)'),
});
const COMMON =
  `Body: CSV with a header row, at most ${rows} data rows (larger files: send chunks of rows, each with the header). ` +
  'Comma, semicolon or tab between cells (told by the header line); a header of one column is read line by line, so unquoted commas in an address stay in it. ' +
  'UTF-8 unless Content-Type names another charset (e.g. text/csv; charset=windows-1258). Blank lines and rows of empty cells are skipped. ' +
  'Answer: text/csv, UTF-8 with a byte-order mark (so Excel opens Vietnamese correctly) and CRLF line ends, in the input’s delimiter: ' +
  'every input column as it was, in the same order, rows in input order, then the added columns; an added column whose name the file already uses gets the suffix "_out". ' +
  'Headers Batch-Rows and Batch-Failed count the rows answered and those without a result. ' +
  `Against the rate limits a file counts as one request per ${ROWS_PER_REQUEST} rows.`;
const failures = {
  400: problem(
    'Not a CSV table: empty, binary, not UTF-8, unbalanced quotes, no data rows, no usable column, or a first line that is data rather than a header',
  ),
  413: problem(`More than ${rows} data rows, or a body over 16 MB`),
  415: problem('Content-Type is not text/csv, text/plain or application/csv, or names an unknown charset'),
};

function send(res: Response, name: string, out: BatchResult) {
  chargeRows(res, out.rows);
  res
    .set({
      'Cache-Control': 'private, no-store',
      'Batch-Rows': String(out.rows),
      'Batch-Failed': String(out.failed),
      'Access-Control-Expose-Headers': 'Batch-Rows, Batch-Failed, Content-Disposition',
    })
    .type('text/csv; charset=utf-8')
    .attachment(name)
    .send(out.csv);
}

export function batchRoutes({
  codes,
  search,
  admin,
  sql,
}: {
  codes: CodesService;
  search: SearchService | null;
  admin: AdminDirectory;
  sql: SqlRunner;
}) {
  const service = createBatchService({ codes, search, admin, repo: createBatchRepository(sql) });
  return [
    route({
      method: 'post',
      path: '/v1/batch/codes.csv',
      access: 'read',
      tags: ['batch'],
      summary: `Decode a CSV file of address codes (up to ${rows} rows): point, 2025 ward and province, postal code`,
      description:
        `The codes are in the column named ${CODE_HEADERS.map((h) => `"${h}"`).join(', ')} (any case or diacritics, e.g. "Mã địa chỉ"), else the first column; forgiving input as in GET /v1/codes/{code}. ` +
        `Added columns: ${CODE_COLUMNS.join(', ')}. lat/lng are the registered entrance, or the cell centre; registered is true or false; ` +
        'a mistyped code has empty results, `error` (what is wrong) and `suggestion` (the likeliest valid code one edit away). ' +
        'A private address is registered only for its owner and its ward’s staff (session cookie); to anyone else it is a bare location. ' +
        COMMON,
      query: Query,
      textBody: TEXT_BODY,
      body: z.string({ error: 'send the CSV file as the request body' }),
      responses: { 200: { description: 'The enriched CSV', contentType: 'text/csv' }, ...failures },
      handler: async ({ query, body }, req, res) => {
        const out = await service.codes(body, viewerOf(req), query.column);
        res.locals.codes = out.rows; // metered per API key, as POST /v1/codes/lookup
        send(res, 'codes-enriched.csv', out);
      },
    }),
    ...(search
      ? [
          route({
            method: 'post',
            path: '/v1/batch/addresses.csv',
            access: 'read',
            tags: ['batch'],
            summary: `Resolve a CSV file of free-text addresses (up to ${rows} rows) to their 2025 ward and province`,
            description:
              `The addresses are in the column named ${ADDRESS_HEADERS.map((h) => `"${h}"`).join(', ')} (any case or diacritics, e.g. "Địa chỉ"), else one whose name speaks of an address ("Địa chỉ giao hàng"); ` +
              'each line is parsed as by POST /v1/addresses/parse (old or new units, with or without diacritics; lines over 500 characters are not read). ' +
              `Added columns: ${ADDRESS_COLUMNS.join(', ')}. code, lat and lng are filled when a public registered address has that house number on that street in that ward. ` +
              'confidence is 0–1; match says what was found: address (a registered address), ward, province or none. ' +
              COMMON,
            query: Query,
            textBody: TEXT_BODY,
            body: z.string({ error: 'send the CSV file as the request body' }),
            responses: { 200: { description: 'The enriched CSV', contentType: 'text/csv' }, ...failures },
            handler: async ({ query, body }, _req, res) => send(res, 'addresses-enriched.csv', await service.addresses(body, query.column)),
          }),
        ]
      : []),
  ];
}
