/**
 * The pure parts of batch files: the browser's CSV reader and writer (web/src/features/batch/csv.ts) against
 * the server's (server/batch/csv.ts, csv-parse), what the header says the file holds (the same
 * names on both sides), and the chunked run against a fake API.
 */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/common/api.js';
import { uniqueNames } from '../../web/src/features/batch/controller.js';
import { decodeFile, parseCsv, toCsv, withoutHeader } from '../../web/src/features/batch/csv.js';
import * as web from '../../web/src/features/batch/detect.js';
import { runBatch, type PostChunk } from '../../web/src/features/batch/run.js';
import * as server from '../../server/batch/columns.js';
import { readTable, writeTable, CsvError, TooManyRows } from '../../server/batch/csv.js';
import { foldKey } from '../../server/search/normalize.js';

const SAMPLES: Record<string, string> = {
  'quoted commas, quotes and line breaks':
    'name,address,note\r\n"Nhà ""Hoa""","Số 5, ngõ 12 Tràng Tiền","dòng 1\r\ndòng 2"\r\nAn,12 Lê Lợi,\r\n',
  'a byte-order mark and LF': '\uFEFFcode,note\n25M-SN9-S32,hồ\n25M-SN9-S33,\n',
  'semicolons (Excel in Vietnamese)': 'Mã địa chỉ;Ghi chú\n25M-SN9-S32;"a; b"\n',
  tabs: 'code\tnote\n25M-SN9-S32\tx, y\n',
  'one column: unquoted commas stay in the cell': 'address\nSố 5, ngõ 12 Tràng Tiền, Hoàn Kiếm, HN\n"12 Nguyễn Huệ, Q1"\n',
  'blank lines and rows of empty cells': 'a,b\n\n1,2\n,\n\r\n3,4',
  'short and long rows': 'a,b,c\n1\n1,2,3,4\n',
  'a stray quote inside a cell': 'address,n\nNhà 5 "Cây Đa",1\n',
  'text after a closing quote: the cell as written': 'a,b\n"abc"def,1\n',
  'mixed line ends': 'a;b\n"x;y";"say ""hi"""\r\n1;2\r3;4',
  'a trailing delimiter': 'a,b,\n1,2,',
};

describe('the browser reads CSV as the server does', () => {
  it.each(Object.entries(SAMPLES))('%s', (_name, text) => {
    const ours = parseCsv(text);
    const theirs = readTable(text, { maxRows: 100 });
    expect(ours.rows).toEqual([theirs.header, ...theirs.rows]);
    expect(ours.delimiter).toBe(theirs.delimiter);
  });

  it('writes what it reads back (quoting where needed), with CRLF', () => {
    const rows = [
      ['a', 'b;c', 'd'],
      ['Số 5, ngõ 12', 'say "hi"', 'x\r\ny'],
      ['', ' space ', 'Đ'],
    ];
    for (const delimiter of [',', ';', '\t']) {
      const text = toCsv(rows, delimiter);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(parseCsv(text).rows).toEqual(rows);
      expect(readTable(text, { maxRows: 10 })).toEqual({ header: rows[0], rows: rows.slice(1), delimiter });
    }
  });

  it('the server answers with a byte-order mark and CRLF', () => {
    expect(writeTable(['a', 'b'], [['Hà Nội', 'x,y']], ',')).toBe('\uFEFFa,b\r\nHà Nội,"x,y"\r\n');
    expect(writeTable(['a', 'b'], [['1', '2']], ';')).toBe('\uFEFFa;b\r\n1;2\r\n');
  });

  it('an unclosed quote is an error on both sides; the server says why a file is refused', () => {
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow();
    expect(() => readTable('a,b\n1,"open\n', { maxRows: 10 })).toThrow(CsvError);
    expect(() => readTable('', { maxRows: 10 })).toThrow(/empty/);
    expect(() => readTable('code\n', { maxRows: 10 })).toThrow(/no data rows/);
    expect(() => readTable('a\u0000b\n1\n', { maxRows: 10 })).toThrow(/not text/);
    expect(() => readTable('a\n\uFFFD\n', { maxRows: 10 })).toThrow(/UTF-8/);
    expect(() => readTable('a\n1\n2\n3\n', { maxRows: 2 })).toThrow(TooManyRows);
    expect(readTable('a\n1\n2\n', { maxRows: 2 }).rows).toHaveLength(2);
  });

  it('drops the header of an answer, even one with a quoted line break', () => {
    expect(withoutHeader('\uFEFFa,"b\r\nc"\r\n1,2\r\n3,4\r\n')).toBe('1,2\r\n3,4\r\n');
    expect(withoutHeader('a,b\n1,2\n')).toBe('1,2\n');
    expect(withoutHeader('a,b')).toBe('');
  });

  it('decodes UTF-8, UTF-16 with its mark, and falls back to Windows-1258 for old Vietnamese files', () => {
    const utf8 = new TextEncoder().encode('\uFEFFđịa chỉ\nHà Nội\n');
    expect(decodeFile(utf8)).toBe('địa chỉ\nHà Nội\n');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'Hà'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeFile(utf16)).toBe('Hà');
    expect(decodeFile(Uint8Array.from([0x48, 0xe0, 0x20, 0x4e, 0xf4, 0xf2, 0x69])).normalize('NFC')).toBe('Hà Nội');
  });
});

describe('what a file holds', () => {
  it('the browser and the server know the same header names, folded the same way', () => {
    expect(web.CODE_HEADERS).toEqual(server.CODE_HEADERS);
    expect(web.ADDRESS_HEADERS).toEqual(server.ADDRESS_HEADERS);
    for (const h of ['Mã địa chỉ', 'MA_DIA_CHI', 'Địa chỉ giao hàng', 'Ðịa chỉ', 'Address Code', "Ea H'Leo 02"])
      expect(web.foldHeader(h)).toBe(foldKey(h));
    for (const cell of ['25M-SN9-S32', '25msn9s32', '25M SN9 S33', '25M-SN9-S32/P302', 'code', 'Hà Nội', '123456789', 'ABCDEFGHJ']) {
      expect(web.looksLikeCode(cell), cell).toBe(server.looksLikeCode(cell.split('/')[0]!));
    }
  });

  it.each([
    [
      [
        ['Mã địa chỉ', 'Ghi chú'],
        ['x', 'y'],
      ],
      { kind: 'codes', column: 0, headerless: false },
    ],
    [
      [
        ['stt', 'Địa chỉ'],
        ['1', 'Hà Nội'],
      ],
      { kind: 'addresses', column: 1, headerless: false },
    ],
    [
      [
        ['id', 'Địa chỉ khách hàng'],
        ['1', 'Hà Nội'],
      ],
      { kind: 'addresses', column: 1, headerless: false },
    ],
    [
      [
        ['25M-SN9-S32', 'a'],
        ['25M-SN9-S33', 'b'],
      ],
      { kind: 'codes', column: 0, headerless: true },
    ],
    [
      [
        ['id', 'x'],
        ['1', '25M-SN9-S32'],
        ['2', '25msn9s33'],
        ['3', ''],
      ],
      { kind: 'codes', column: 1, headerless: false },
    ],
    [
      [
        ['id', 'x'],
        ['1', 'Số 5 Tràng Tiền, Hoàn Kiếm'],
        ['2', '12 Lê Lợi, Quận 1'],
      ],
      { kind: null, column: 1, headerless: false },
    ],
  ] as const)('%j → %j', (rows, expected) => {
    expect(web.detectKind(rows.map((r) => [...r]))).toEqual(expected);
  });

  it('the server finds the same column', () => {
    expect(server.findColumn(['stt', 'Địa chỉ'], 'addresses')).toBe(1);
    expect(server.findColumn(['id', 'Địa chỉ khách hàng'], 'addresses')).toBe(1);
    expect(server.findColumn(['Mã địa chỉ', 'Địa chỉ'], 'addresses')).toBe(1);
    expect(server.findColumn(['name', 'phone'], 'addresses')).toBe(-1);
    expect(server.findColumn(['name', 'Mã địa chỉ'], 'codes')).toBe(1);
    expect(server.findColumn(['name', 'whatever'], 'codes')).toBe(0);
    expect(server.findColumn(['a', 'b'], 'codes', 'b')).toBe(1);
    expect(server.findColumn(['a', 'b'], 'codes', 'c')).toBe(-1);
    expect(server.addedNames(['code', 'lat', 'code_out'], ['code', 'lat', 'lng'])).toEqual(['code_out_out', 'lat_out', 'lng']);
  });

  it('gives every column a name of its own for ?column=', () => {
    expect(uniqueNames(['a', '', 'a', ' ', 'a_2'])).toEqual(['a', 'column_2', 'a_2', 'column_4', 'a_2_2']);
  });
});

describe('the chunked run', () => {
  const header = ['id', 'code'];
  const rows = Array.from({ length: 12 }, (_, i) => [String(i), `c${i}`]);
  /** the server's answer to a chunk: its rows with one added column, a BOM, CRLF */
  const answer = (csv: string) => {
    const [head, ...data] = parseCsv(csv).rows;
    return {
      text: `\uFEFF${toCsv([[...head!, 'added'], ...data.map((r) => [...r, `+${r[0]}`])], ',')}`,
      rows: data.length,
      failed: data.filter((r) => Number(r[0]) % 5 === 0).length,
    };
  };

  it('sends chunks with the header one after another, reports progress and joins the answers in order', async () => {
    const sent: string[] = [];
    const progress: number[] = [];
    const post: PostChunk = async (_kind, csv, column) => {
      expect(column).toBe('code');
      sent.push(csv);
      return answer(csv);
    };
    const out = await runBatch(
      { header, rows, delimiter: ',', kind: 'codes', column: 1 },
      { post, onProgress: (d) => progress.push(d), signal: new AbortController().signal, chunkRows: 5 },
    );
    expect(sent).toHaveLength(3);
    expect(sent.every((csv) => csv.startsWith('id,code\r\n'))).toBe(true);
    expect(progress).toEqual([5, 10, 12]);
    expect(out.rows).toBe(12);
    expect(out.failed).toBe(3);
    const joined = parseCsv(out.parts.join('')).rows;
    expect(joined[0]).toEqual(['id', 'code', 'added']);
    expect(joined.slice(1).map((r) => r[2])).toEqual(rows.map((r) => `+${r[0]}`));
  });

  it('sends a chunk again after a 429 or a lost connection, and gives up on a 400', async () => {
    let calls = 0;
    const flaky: PostChunk = async (_kind, csv) => {
      calls++;
      if (calls === 1) throw new ApiError('problem', 429, {}, 0.01);
      if (calls === 2) throw new ApiError('network', 0, {});
      return answer(csv);
    };
    const out = await runBatch(
      { header, rows: rows.slice(0, 3), delimiter: ',', kind: 'codes', column: 1 },
      { post: flaky, onProgress: () => {}, signal: new AbortController().signal },
    );
    expect(out.rows).toBe(3);
    expect(calls).toBe(3);
    const refused: PostChunk = async () => {
      throw new ApiError('problem', 400, { detail: 'no' });
    };
    await expect(
      runBatch(
        { header, rows, delimiter: ',', kind: 'codes', column: 1 },
        { post: refused, onProgress: () => {}, signal: new AbortController().signal },
      ),
    ).rejects.toMatchObject({ status: 400 });
  }, 20_000);

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    let calls = 0;
    const post: PostChunk = async (_kind, csv) => {
      calls++;
      controller.abort();
      return answer(csv);
    };
    await expect(
      runBatch(
        { header, rows, delimiter: ',', kind: 'codes', column: 1 },
        { post, onProgress: () => {}, signal: controller.signal, chunkRows: 4 },
      ),
    ).rejects.toMatchObject({ kind: 'aborted' });
    expect(calls).toBe(1);
  });
});
