/**
 * The contact-data guard on published place text (issue 15): the spellings that got past the old
 * pattern are refused by the API's schemas and by the bulk loader alike, and the address text people
 * really write (house numbers with slashes, alleys, kilometre posts, postal codes) still passes.
 */
import { describe, expect, it } from 'vitest';
import { holdsContactData } from '../../server/addresses/contact-guard.js';
import { DetailsInput, PlaceNameInput } from '../../server/addresses/schemas.js';
import { prepareRow } from '../../server/ingest/addresses/rows.js';

const viaApi = (text: string) => DetailsInput.safeParse({ note: text });
const viaLoader = (text: string) => prepareRow({ lat: '21.03', lng: '105.85', note: text }, 2, () => null);

/** Phone numbers and e-mail addresses as people write them, the first six as found in the issue. */
const CONTACT = [
  '(024) 3825 1234',
  'ĐT: (028) 3822 1234',
  '091/234/5678',
  '０９１２３４５６７８',
  'an＠example.vn',
  'an(at)example.vn',
  'gọi 0912345678 khi tới',
  'sđt 0912.345.678',
  'Liên hệ: 0912-345-678',
  '09 12 34 56 78',
  '0 9 1 2 3 4 5 6 7 8',
  'ĐT0912345678',
  '+84 912 345 678',
  '+84 (0) 91 234 5678',
  '84912345678',
  '0084 912 345 678',
  '(+84) 28 3822 1234',
  'máy bàn 0236 3822 123',
  '024.3825.1234 hoặc 0987 654 321',
  'hotline 1900 1234',
  'tổng đài 1800 123 456',
  'zalo 912 345 678',
  'số cũ 0168 123 4567',
  '０２８－３８２２－１２３４',
  'an.nguyen@gmail.com',
  'Email: An.Nguyen@Example.COM.VN',
  'an @ example . vn',
  'an [at] example [dot] vn',
  'an {at} example.vn',
  'an at example dot vn',
  'an (a còng) example.vn',
  'an﹫example.vn',
  'ａｎ＠ｅｘａｍｐｌｅ．ｖｎ',
  'thư: an@ví-dụ.việt.nam',
  // the "@" in brackets, as people write it to keep mail harvesters off (found in review)
  'an(@)example.vn',
  'an [@] example.vn',
  'an{@}gmail.com',
  // invisible format characters pasted between the groups (zero-width space, soft hyphen)
  '0912\u200b345\u200b678',
  '0912\u00ad345\u00ad678',
  'an\u200b@\u200bexample.vn',
];

/** Place text with numbers in it that is not contact data (written for this test; shapes seen in real addresses). */
const ADDRESS_TEXT = [
  '12/34/5',
  'số 102 ngõ 45/12',
  'Số 10 Ngõ 102/45/12 Trường Chinh',
  'ngách 1/2/3',
  'Km 12+500 QL1A',
  'Km 1900+300',
  'QL1A',
  'Tỉnh lộ 743',
  '100000',
  'Tổ dân phố 3, 700000',
  'Hẻm 284/10/2B Lê Văn Sỹ',
  '284DBis',
  '120/10B Nguyễn Thị Minh Khai',
  'Nhà 45 - 47 - 49 Hàng Bạc',
  'Lô 12-14-16-18-20-22',
  'Lô B12-05, KĐT Vinhomes',
  'căn 12.08 tòa A2',
  'L3-07.05 Landmark 81',
  'Phòng 0912, tầng 9',
  'Kiốt 09, chợ Bến Thành',
  'Phường 05, Quận 10',
  'Tổ 8, khu phố 4',
  '1800/19 Lê Văn Lương',
  'Ngõ 84/12/3 Nguyễn Trãi',
  'Tầng 12, tòa nhà 84 Láng Hạ',
  'Thửa 123, tờ bản đồ số 45',
  '2/3/4/5/6/7/8/9/10/11',
  'số 0 ngõ 0',
  'Coffee @ Home',
  'Coffee (@) Home',
  'Shop at Home',
  'cạnh chợ, đối diện trường THCS Lê Lợi',
  'cổng xanh, gọi cửa',
  'Đường 30/4',
  'Đường 3/2, phường 12, quận 10',
  'Khu tái định cư 1.2.3',
  'Km 9 + 200 đường 2/9',
];

describe('the contact-data guard', () => {
  it.each(CONTACT)('refuses %j in address details, place names and the bulk loader', (text) => {
    expect(holdsContactData(text)).toBe(true);
    expect(viaApi(text).error?.issues[0]?.message).toBe(
      'note describes the place, not people: phone numbers and e-mail addresses are not accepted',
    );
    expect(PlaceNameInput.safeParse(`Tiệm sửa xe ${text}`).success).toBe(false);
    expect(viaLoader(text)).toEqual({ ok: false, reason: 'note holds a phone number or e-mail address' });
  });

  it.each(ADDRESS_TEXT)('accepts %j', (text) => {
    expect(holdsContactData(text)).toBe(false);
    expect(viaApi(text).success).toBe(true);
    expect(PlaceNameInput.safeParse(text).success).toBe(true);
    expect(viaLoader(text).ok).toBe(true);
  });

  it('finds a number next to address text, wherever it is', () => {
    for (const place of ADDRESS_TEXT) {
      for (const contact of ['0912 345 678', '(024) 3825 1234', 'an@example.vn']) {
        expect(holdsContactData(`${place}, ${contact}`), `${place}, ${contact}`).toBe(true);
        expect(holdsContactData(`${contact} - ${place}`), `${contact} - ${place}`).toBe(true);
      }
    }
  });

  it('checks the length before anything else: a long note is refused as too long', () => {
    const long = `${'0912345678 '.repeat(100)}`;
    expect(viaApi(long).error?.issues.map((i) => i.message)).toEqual(['note has at most 500 characters']);
  });
});
