import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, readCsv } from '../../../server/ingest/addresses/csv.js';

async function read(chunks: string[]) {
  const out: { fields: string[]; line: number }[] = [];
  for await (const batch of readCsv(chunks)) out.push(...batch);
  return out;
}

const SAMPLE = '\ufefflat,lng,street\r\n21.1,105.2,"Phố ""Cổ"", Hà Nội"\r\n\n21.2,105.3,"hai\ndòng"\n21.3,105.4,\n21.4,105.5,cuối';

describe('readCsv', () => {
  it('reads quotes, doubled quotes, commas and line breaks in fields, CRLF, a BOM and blank lines', async () => {
    expect(await read([SAMPLE])).toEqual([
      { fields: ['lat', 'lng', 'street'], line: 1 },
      { fields: ['21.1', '105.2', 'Phố "Cổ", Hà Nội'], line: 2 },
      { fields: ['21.2', '105.3', 'hai\ndòng'], line: 4 },
      { fields: ['21.3', '105.4', ''], line: 6 },
      { fields: ['21.4', '105.5', 'cuối'], line: 7 },
    ]);
  });

  it('gives the same records however the text is cut into chunks', async () => {
    const whole = await read([SAMPLE]);
    for (let i = 1; i < SAMPLE.length; i++) expect(await read([SAMPLE.slice(0, i), SAMPLE.slice(i)])).toEqual(whole);
    expect(await read([...SAMPLE])).toEqual(whole);
  });

  it('refuses a quoted field that is never closed, and text after a closing quote', async () => {
    await expect(read(['a,b\n1,"open\n2,3\n'])).rejects.toThrow(CsvSyntaxError);
    await expect(read(['a,b\n1,"x"y\n'])).rejects.toThrow(/after a closing quote/);
  });
});
