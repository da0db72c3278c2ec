/**
 * No text may make a pure function slow (issue 15: "1" + "/1" × 35 + "!x", 73 bytes, held the parser
 * for minutes; a 180 KB note held the contact check for 21 s). Each adversarial family is fed, at
 * sizes growing up to the largest the service accepts, to every pure function that reads user text:
 * the parser and its parts, the normaliser, the contact-data guard and the schemas around it, number
 * parameters, the batch CSV sniffing and the bulk loader's reader and rows.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { holdsContactData } from '../../server/addresses/contact-guard.js';
import { DetailsInput, PlaceNameInput } from '../../server/addresses/schemas.js';
import { detectDelimiter, readTable } from '../../server/batch/csv.js';
import { latLngPair, queryNumber } from '../../server/http/route.js';
import { readCsv } from '../../server/ingest/addresses/csv.js';
import { prepareRow } from '../../server/ingest/addresses/rows.js';
import { bboxParam } from '../../server/ogc/params.js';
import { chunkAddress } from '../../server/search/address-chunks.js';
import { buildGazetteer } from '../../server/search/gazetteer.js';
import { loadGazetteerInput } from '../../server/search/gazetteer-source.js';
import { foldKey, foldToneMarks, normalizeText } from '../../server/search/normalize.js';
import { parseAddress } from '../../server/search/parse-address.js';
import { readStreetParts } from '../../server/search/street-parts.js';
import { CALL_BUDGET_MS, FAMILIES, fill, rampTime } from './adversarial.js';

const dataDir = process.env.DATA_DIR ?? path.resolve(import.meta.dirname, '../../../shared/data');

/** An address line (POST /v1/addresses/parse, GET /v1/search, a batch cell) has at most 500 characters. */
const MAX_LINE = 500;
/** The longest detail text looked at, before cleaning (4 × the note's 500). */
const MAX_RAW_DETAIL = 2_000;
/** JSON bodies, query strings and batch bodies as the HTTP layer accepts them. */
const MAX_JSON_BODY = 2 * 1024 * 1024;
const MAX_QUERY_STRING = 16 * 1024;
const MAX_BATCH_BODY = 16 * 1024 * 1024;

const families = Object.entries(FAMILIES);

const within = (what: string, { size, ms }: { size: number; ms: number }) =>
  expect(ms, `${what}: ${ms.toFixed(1)} ms at ${size} characters`).toBeLessThan(CALL_BUDGET_MS);

describe('the address parser and the normaliser answer promptly at the longest line', async () => {
  const gazetteer = buildGazetteer(await loadGazetteerInput(dataDir));

  it.each(families)('parseAddress: %s', (name, make) => {
    within(
      name,
      rampTime((s) => parseAddress(s, gazetteer), make, MAX_LINE),
    );
  });

  it.each(families)('chunkAddress and readStreetParts: %s', (name, make) => {
    within(
      name,
      rampTime((s) => chunkAddress(s), make, MAX_LINE),
    );
    within(
      name,
      rampTime((s) => readStreetParts([s]), make, MAX_LINE),
    );
  });

  it.each(families)('normalizeText, foldKey and foldToneMarks: %s', (name, make) => {
    within(
      name,
      rampTime((s) => foldToneMarks(foldKey(normalizeText(s), { diacritics: true })), make, MAX_LINE),
    );
  });

  it('still reads the house number the old pattern read', () => {
    expect(readStreetParts(['120/10B-2 Nguyễn Thị Minh Khai'])).toMatchObject({ houseNumber: '120/10B-2', street: 'Nguyễn Thị Minh Khai' });
    expect(parseAddress(`1${'/1'.repeat(35)}!x`, gazetteer).houseNumber).toBeNull();
  });
});

describe('the contact-data guard and the schemas around it answer promptly', () => {
  it.each(families)('holdsContactData: %s', (name, make) => {
    within(name, rampTime(holdsContactData, make, MAX_RAW_DETAIL));
  });

  it.each(families)('address details and place names up to the largest JSON body: %s', (name, make) => {
    const note = (s: string) => DetailsInput.safeParse({ note: s });
    within(name, rampTime(note, make, MAX_JSON_BODY));
    within(
      name,
      rampTime((s) => PlaceNameInput.safeParse(s), make, MAX_JSON_BODY),
    );
    // over the limit is refused as too long, whatever else the text holds
    expect(note(make(MAX_RAW_DETAIL + 1)).error?.issues[0]?.message).toBe('note has at most 500 characters');
  });
});

describe('number parameters answer promptly at the longest query string', () => {
  const numbers: Record<string, (n: number) => string> = {
    'digits and a stray letter': (n) => `${fill('1', n - 1)}x`,
    'digits, a dot, digits and a stray letter': (n) => `1.${fill('1', n - 3)}x`,
    'digits and a stray sign': (n) => `${fill('0', n - 1)}+`,
    'digits and an exponent without digits': (n) => `${fill('1', n - 1)}e`,
    'spaces and digits': (n) => ` ${fill('1', n - 2)} x`,
  };
  const lat = queryNumber('lat');
  it.each(Object.entries(numbers))('queryNumber, bbox and lat,lng: %s', (name, make) => {
    within(
      name,
      rampTime((s) => lat.safeParse(s), make, MAX_QUERY_STRING),
    );
    within(
      name,
      rampTime((s) => bboxParam.safeParse(`${s},1,2,3`), make, MAX_QUERY_STRING),
    );
    within(
      name,
      rampTime((s) => latLngPair.safeParse(`${s},1`), make, MAX_QUERY_STRING),
    );
  });

  it.each(Object.entries(numbers))('the bulk loader’s lat and lng: %s', (name, make) => {
    within(
      name,
      rampTime((s) => prepareRow({ lat: s, lng: '105.8' }, 2, () => null), make, 1 << 20),
    );
  });

  it.each(families)('the bulk loader’s text fields: %s', (name, make) => {
    within(
      name,
      rampTime((s) => prepareRow({ lat: '21.03', lng: '105.85', note: s, street: s }, 2, () => null), make, 1 << 20),
    );
  });
});

describe('CSV sniffing and reading answer promptly at the largest body', () => {
  const headers: Record<string, (n: number) => string> = {
    'a header of commas': (n) => fill(',', n),
    'a header of tabs and letters': (n) => fill('a\t', n),
    'a header of quotes': (n) => fill('"', n),
    'a header of quoted delimiters': (n) => fill('",', n),
    'a header without a line break': (n) => fill('address ', n),
  };
  it.each(Object.entries(headers))('batch files: %s', (name, make) => {
    within(
      name,
      rampTime((s) => detectDelimiter(s), make, MAX_BATCH_BODY),
    );
    const read = (s: string) => {
      try {
        readTable(`${s}\nrow`, { maxRows: 20_000 });
      } catch {
        // refused as a bad file: what matters here is how long it took to say so
      }
    };
    within(name, rampTime(read, make, MAX_BATCH_BODY));
  });

  it('the bulk loader refuses a quote that is never closed without rereading the file for each chunk', async () => {
    const chunk = fill('a', 64 * 1024);
    const read = async (chunks: number) => {
      const start = performance.now();
      await expect(async () => {
        for await (const _ of readCsv(['lat,lng,note\n21,105,"', ...Array<string>(chunks).fill(chunk)]));
      }).rejects.toThrow(/quote/);
      return performance.now() - start;
    };
    for (const chunks of [16, 64, 256]) {
      const ms = await read(chunks);
      expect(ms, `${chunks} chunks of 64 KB: ${ms.toFixed(0)} ms`).toBeLessThan(CALL_BUDGET_MS * 5);
    }
  });
});
