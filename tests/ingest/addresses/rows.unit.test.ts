import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { encode } from '../../../server/codes/codec.js';
import { checkHeader, copyLine, needsSqlText, prepareRow } from '../../../server/ingest/addresses/rows.js';

const wardAt = () => '00070';
const prep = (record: Record<string, string>) => prepareRow(record, 7, wardAt);

describe('checkHeader', () => {
  it('needs lat and lng, once each', () => {
    expect(checkHeader(['Lat', ' LNG ', 'street'])).toBeNull();
    expect(checkHeader(['lat', 'street'])).toMatch(/missing: lng/);
    expect(checkHeader(['lat', 'lng', 'lat'])).toMatch(/more than once/);
  });
});

describe('prepareRow', () => {
  it('computes code, H3 cell and ward, and normalises the details', () => {
    const decomposed = 'Pho\u0302\u0301 Hue\u0302\u0301'; // "Phố Huế" with combining marks
    const r = prep({
      lat: '21.0287',
      lng: '105.8522',
      unit: ' p302 ',
      house_number: ' 12  B ',
      street: decomposed,
      status: 'Draft',
      note: '',
    });
    expect(r).toEqual({
      ok: true,
      row: {
        line: 7,
        code: encode(21.0287, 105.8522),
        unit: 'P302',
        h3: BigInt(`0x${latLngToCell(21.0287, 105.8522, 14)}`).toString(),
        lat: 21.0287,
        lng: 105.8522,
        wardCode: '00070',
        status: 'draft',
        house_number: '12 B',
        street: 'Phố Huế',
        hamlet: null,
        building: null,
        landmark: null,
        note: null,
        // the search terms as the trigger would compute them (tests/search/address-vectors.int.test.ts)
        searchTerms: "'12' '>1' '>12' 'b' '>b' 'pho' '>p' '>ph' '>pho' 'hue' '>h' '>hu' '>hue'",
        streetKey: 'hue', // vn_street_key('Phố Huế')
      },
    });
    expect((r as { row: { street: string } }).row.street).toBe('Phố Huế'.normalize('NFC'));
    expect(prep({ lat: '21.0287', lng: '105.8522' })).toMatchObject({ ok: true, row: { unit: '', status: 'verified' } });
  });

  it.each([
    [{ lat: 'abc', lng: '105.8' }, /decimal numbers/],
    [{ lat: '', lng: '105.8' }, /decimal numbers/],
    [{ lat: '91', lng: '105.8' }, /within/],
    [{ lat: '48.85', lng: '2.35' }, /outside coverage/],
    [{ lat: '21.03', lng: '105.85', unit: 'P-302' }, /unit/],
    [{ lat: '21.03', lng: '105.85', unit: 'ABCDEFG' }, /unit/],
    [{ lat: '21.03', lng: '105.85', status: 'gone' }, /status/],
    [{ lat: '21.03', lng: '105.85', house_number: '1'.repeat(51) }, /house_number has more than 50/],
    [{ lat: '21.03', lng: '105.85', note: 'x'.repeat(501) }, /note has more than 500/],
    [{ lat: '21.03', lng: '105.85', landmark: 'gọi 0912 345 678' }, /phone number/],
    [{ lat: '21.03', lng: '105.85', building: 'an@example.vn' }, /e-mail/],
  ])('rejects %o', (record, reason) => {
    const r = prep(record);
    expect(r.ok).toBe(false);
    expect((r as { reason: string }).reason).toMatch(reason);
  });

  it('writes COPY text with its escapes', () => {
    const r = prep({ lat: '21.03', lng: '105.85', street: 'a\\b', note: 'tab\there' });
    expect(r.ok && copyLine(r.row)).toMatch(/\ta\\\\b\t.*\ttab here\t'a' '>a' 'b' '>b'\ta b\n$/);
    // text only SQL folds exactly goes without search columns (\N): the trigger computes them
    const exotic = prep({ lat: '21.03', lng: '105.85', street: 'Phố ﬁ' });
    expect(exotic.ok && copyLine(exotic.row)).toMatch(/\tPhố ﬁ\t.*\t\\N\t\\N\t\\N\n$/); // note, search terms, street key
    // and is counted, so that the loader asks SQL for them (and skips that pass when nothing needs it)
    expect(exotic.ok && needsSqlText(exotic.row)).toBe(true);
    expect(r.ok && needsSqlText(r.row)).toBe(false);
    // COPY's escapes for every special character, whatever reaches the writer
    expect(r.ok && copyLine({ ...r.row, note: 'a\tb\nc\rd\\e' })).toContain('\ta\\tb\\nc\\rd\\\\e\t');
  });
});
