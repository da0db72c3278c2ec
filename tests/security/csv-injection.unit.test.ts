/**
 * The spreadsheet-safe CSV writer (server/lib/csv-out.ts): text that a spreadsheet would run as a
 * formula gets a single quote in front, numbers the service computed stay numbers, quoting still
 * works, and a ward export read back loses exactly the quotes the writer added.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fromSpreadsheet, spreadsheetSafe, writeCsv } from '../../server/lib/csv-out.js';
import { writeTable } from '../../server/batch/csv.js';
import { readRows } from '../../server/wards/import-rows.js';

/** Cell texts Excel, LibreOffice or Sheets would evaluate, from OWASP's CSV injection page and beyond. */
const FORMULAS = [
  '=HYPERLINK("http://x","y")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '=1+1',
  '-12',
  '+84',
  '\t=1+1',
  '\r=1+1',
  '  =1+1',
  '\u00a0@x',
];

describe('spreadsheetSafe', () => {
  it.each(FORMULAS)('puts a quote before %j', (text) => {
    expect(spreadsheetSafe(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone, a quote or a formula character inside it included', () => {
    for (const text of ['', '12 Lê Lợi', 'Số 5, ngõ 12', "'=already quoted", 'a=b', '12-14 Hàng Bông', 'x@y', 'Ngõ 5 + 7']) {
      expect(spreadsheetSafe(text)).toBe(text);
    }
  });

  it('is undone by fromSpreadsheet, which touches nothing else', () => {
    for (const text of [...FORMULAS, '12 Lê Lợi', "'quoted", "'", '']) expect(fromSpreadsheet(spreadsheetSafe(text))).toBe(text);
    expect(fromSpreadsheet("'12 Lê Lợi")).toBe("'12 Lê Lợi");
  });
});

describe('writeCsv', () => {
  it('neutralises every text cell, the header too, and writes numbers as numbers', () => {
    const text = writeCsv(
      [
        ['=name', 'lat', 'n'],
        ['-12', -1.5, 3],
        ['=a,b', 10.7769, 0],
      ],
      { record_delimiter: 'windows' },
    );
    expect(text).toBe(`'=name,lat,n\r\n'-12,-1.5,3\r\n"'=a,b",10.7769,0\r\n`);
  });

  it('keeps object rows with columns, booleans and nulls as before', () => {
    const text = writeCsv([{ a: '@x', b: 2, c: true, d: null }], { header: true, columns: ['a', 'b', 'c', 'd'] });
    expect(text).toBe("a,b,c,d\n'@x,2,1,\n");
  });

  it('writes batch tables the same way (the input cells echoed, the added columns)', () => {
    const text = writeTable(
      ['address', '+x'],
      [
        ['=1+1', 21.0285],
        ['ok', 105.8542],
      ],
      ';',
    );
    const rows = parse(text, { bom: true, delimiter: ';' }) as string[][];
    expect(rows).toEqual([
      ['address', "'+x"],
      ["'=1+1", '21.0285'],
      ['ok', '105.8542'],
    ]);
  });
});

describe('a ward export imported again', () => {
  it('loses the quotes the export added, and only those', async () => {
    const exported = writeCsv([{ lat: 21.03, lng: 105.83, house_number: '-12', street: '=Phố', note: "'giữ nguyên" }], {
      header: true,
      columns: ['lat', 'lng', 'house_number', 'street', 'note'],
    });
    expect(exported).toContain("'-12,'=Phố");
    expect(await readRows(exported, 'text/csv')).toEqual([
      { lat: '21.03', lng: '105.83', house_number: '-12', street: '=Phố', note: "'giữ nguyên" },
    ]);
  });
});
