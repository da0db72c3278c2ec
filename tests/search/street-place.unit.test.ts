import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../server/search/parse-address.js';
import { placeOnStreet, streetKey, streetPosition, type KnownHouse, type StreetWard } from '../../server/search/street-place.js';
import { smallGazetteer as g } from './gazetteer-fixture.js';

// Tôn Đức Thắng runs between Ô Chợ Dừa (00190) and Văn Miếu - Quốc Tử Giám (00226).
const streets: StreetWard[] = [
  { key: 'ton duc thang', wardCode: '00190', lengthM: 1400 },
  { key: 'ton duc thang', wardCode: '00226', lengthM: 900 },
  { key: 'quoc tu giam', wardCode: '00226', lengthM: 500 },
];
const place = (text: string, houses: KnownHouse[] = []) => placeOnStreet(g, parseAddress(text, g), streets, houses);

describe('street keys and positions', () => {
  it('drops the street type word and folds the text', () => {
    expect(streetKey('Phố Tôn Đức Thắng')).toBe('ton duc thang');
    expect(streetKey('Đường Ðiện Biên Phủ')).toBe('dien bien phu');
    expect(streetKey('Tôn Đức Thắng')).toBe('ton duc thang');
    // named alleys, and both spellings of a final y/i
    expect(streetKey('Ngõ Lương Sử C')).toBe(streetKey('Lương Sử C'));
    expect(streetKey('Phố Ngô Sĩ Liên')).toBe(streetKey('Ngô Sỹ Liên'));
    expect(streetKey('Lý Thường Kiệt')).toBe('li thuong kiet');
    expect(streetKey('Duy Tân')).toBe('duy tan');
  });
  it('reads the number that places a house on its street', () => {
    expect([streetPosition('120/10B'), streetPosition('98 Bis'), streetPosition('A9'), streetPosition(null)]).toEqual([120, 98, 9, null]);
  });
});

describe('placeOnStreet', () => {
  it('settles a street that lies in one ward', () => {
    const placed = place('59 Phố Quốc Tử Giám');
    expect(placed).toMatchObject({ ward: { code: '00226' }, province: { code: '01' } });
    expect(placed.confidence).toBe(0.7);
  });

  it('without known houses, takes the ward holding most of the street, unsure, and lists the others', () => {
    const placed = place('61 Tôn Đức Thắng');
    expect(placed.ward?.code).toBe('00190');
    expect(placed.candidates.map((c) => c.code)).toEqual(['00190', '00226']);
    expect(placed.confidence).toBeLessThan(0.5);
  });

  it('decides a boundary street by the known houses on the same side', () => {
    const houses: KnownHouse[] = [
      { key: 'ton duc thang', houseNumber: '57', wardCode: '00226' },
      { key: 'ton duc thang', houseNumber: '67', wardCode: '00226' },
      { key: 'ton duc thang', houseNumber: '60', wardCode: '00190' },
      { key: 'ton duc thang', houseNumber: '64', wardCode: '00190' },
    ];
    expect(place('61 Tôn Đức Thắng', houses)).toMatchObject({ ward: { code: '00226' }, confidence: 0.8 });
    expect(place('62 Phố Tôn Đức Thắng', houses)).toMatchObject({ ward: { code: '00190' }, confidence: 0.8 });
    // neighbours far away say nothing: back to the street's length
    expect(place('301 Tôn Đức Thắng', houses).confidence).toBeLessThan(0.5);
  });

  it('keeps a 2025 ward the text names, and a crosswalk answer unless the houses around say otherwise', () => {
    expect(place('61 Tôn Đức Thắng, Phường Ô Chợ Dừa, Hà Nội').ward?.code).toBe('00190');
    const written = place('61 Tôn Đức Thắng, Phường Văn Miếu - Quốc Tử Giám, Hà Nội', [
      { key: 'ton duc thang', houseNumber: '61', wardCode: '00190' },
    ]);
    expect(written.ward?.code).toBe('00226');
  });

  it('leaves a street it does not know alone', () => {
    const parsed = parseAddress('12 Phố Không Có', g);
    expect(placeOnStreet(g, parsed, streets, [])).toEqual(parsed);
  });
});
