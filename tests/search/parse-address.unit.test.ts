import { describe, expect, it } from 'vitest';
import { parseAddress } from '../../server/search/parse-address.js';
import { smallGazetteer as g } from './gazetteer-fixture.js';

const wardOf = (text: string) => parseAddress(text, g).ward?.code ?? null;

describe('parseAddress: parts of a formally written pre-2025 address', () => {
  it('splits house number, alley, street and units, and upgrades the old ward', () => {
    const parsed = parseAddress('Số 12 ngõ 34 ngách 5 Phố Cát Linh, Phường Cát Linh, Quận Đống Đa, Thành phố Hà Nội, 100000', g);
    expect(parsed).toMatchObject({
      houseNumber: '12',
      alley: 'ngõ 34 ngách 5',
      street: 'Phố Cát Linh',
      oldWard: 'Phường Cát Linh',
      oldDistrict: 'Quận Đống Đa',
      oldProvince: 'Thành phố Hà Nội',
      ward: { code: '00190', name: 'Phường Ô Chợ Dừa' },
      province: { code: '01' },
      postalCode: '100000',
      candidates: [],
    });
    expect(parsed.confidence).toBe(1);
  });

  it('reads a hamlet', () => {
    expect(parseAddress('Tổ 5, Phường Văn Miếu, Đống Đa, Hà Nội', g)).toMatchObject({ hamlet: 'Tổ 5', ward: { code: '00226' } });
  });

  it('keeps what it cannot place', () => {
    const parsed = parseAddress('77/3 Đường Trần Quốc Thảo, Tòa nhà Hoa Sen, Phường 9, Quận 3, TP HCM', g);
    expect(parsed).toMatchObject({
      houseNumber: '77/3',
      street: 'Đường Trần Quốc Thảo',
      unparsed: ['Tòa nhà Hoa Sen'],
      ward: { code: '27142' },
    });
  });
});

describe('parseAddress: abbreviations, English and missing diacritics', () => {
  it.each([
    ['45 Lê Lợi, P.9, Q.3, TP.HCM'],
    ['45 Lê Lợi, P9, Q3, Tp HCM'],
    ['45 Le Loi, phuong 9, quan 3, tphcm'],
    ['45 Le Loi, Ward 9, District 3, Ho Chi Minh City'],
    ['45 Lê Lợi F.9 Q.3 Sài Gòn'],
    ['45 le loi phuong 9 quan 3 ho chi minh'],
    ['45 Lê Lợi, Phường 09, Quận 3, SG'],
  ])('%s → Nhiêu Lộc', (text) => {
    expect(wardOf(text)).toBe('27142');
  });

  it('tells the same old ward number apart by district', () => {
    expect(wardOf('Phường 9, Quận 5, TP HCM')).toBe('27316');
    expect(wardOf('Phường 9, Quận 3, TP HCM')).toBe('27142');
  });

  it('reads a "T.Giang"-style old province and an old city-level district', () => {
    expect(parseAddress('12 Nguyễn Huệ, P.3, TP. Mỹ Tho, T.Giang', g)).toMatchObject({
      ward: { code: '28261' },
      province: { code: '82' },
      oldProvince: 'Tỉnh Tiền Giang',
      oldDistrict: 'Thành phố Mỹ Tho',
    });
  });

  it('reads "Hanoi" and "HN"', () => {
    expect(wardOf('Cat Linh, Dong Da, Hanoi')).toBe('00190');
    expect(wardOf('P. Cát Linh, Q. Đống Đa, HN')).toBe('00190');
  });

  it('matches either tone-mark placement and decomposed input', () => {
    expect(wardOf('Phường Vĩnh Hòa, Nha Trang, Khánh Hoà')).toBe('22366');
    expect(wardOf('Phường Vĩnh Hoà, Nha Trang, Khánh Hòa'.normalize('NFD'))).toBe('22366');
    expect(wardOf('Phường Xuân Hòa, TP HCM')).toBe('27139');
  });

  it('forgives one typo in a long name', () => {
    const parsed = parseAddress('Phường Bến Nghe, Quân 1, TP HCM', g);
    expect(parsed.ward?.code).toBe('26740');
    const typo = parseAddress('Phuong Ben Ngje, Quan 1, TP HCM', g);
    expect(typo.ward?.code).toBe('26740');
    expect(typo.confidence).toBeLessThan(1);
  });
});

describe('parseAddress: 2025 names, ambiguity and splits', () => {
  it('takes a 2025 ward as written when no old district is given', () => {
    expect(parseAddress('Phường Bàn Cờ, TP HCM', g)).toMatchObject({ ward: { code: '27154' }, oldWard: null, oldDistrict: null });
  });

  it('resolves a crosswalk row by its ward name when its code is wrong', () => {
    expect(wardOf('Phường 1, Quận 3, TP HCM')).toBe('27154');
  });

  it('returns the candidates of an old ward split between new wards', () => {
    const parsed = parseAddress('Phường Trung Tự, Quận Đống Đa, Hà Nội', g);
    expect(parsed.ward).toBeNull();
    expect(parsed.candidates.map((c) => c.code).sort()).toEqual(['00226', '00229']);
    expect(parsed.province?.code).toBe('01');
  });

  it('returns candidates when a ward name repeats across provinces and none is given', () => {
    const parsed = parseAddress('Kim Liên', g);
    expect(parsed.ward).toBeNull();
    expect(parsed.candidates.map((c) => c.code).sort()).toEqual(['00229', '17971']);
    expect(parsed.province).toBeNull();
  });

  it('narrows a repeated ward name by the province', () => {
    expect(wardOf('Xã Kim Liên, Nghệ An')).toBe('17971');
  });

  it('lists the wards of an old district named without its ward', () => {
    const parsed = parseAddress('45 Lê Lợi, Quận 3, TP HCM', g);
    expect(parsed.ward).toBeNull();
    expect(parsed.candidates.map((c) => c.code).sort()).toEqual(['27139', '27142', '27154']);
  });

  it('gives the province alone when that is all the text says', () => {
    expect(parseAddress('12 Lý Thường Kiệt, Hà Nội', g)).toMatchObject({
      ward: null,
      province: { code: '01' },
      street: 'Lý Thường Kiệt',
      houseNumber: '12',
    });
  });

  it('does not read a street as a ward', () => {
    expect(parseAddress('18 Bến Thành', g).ward).toBeNull();
  });
});
