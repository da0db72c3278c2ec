import { describe, expect, test } from 'vitest';
import { addressLine, adminLine } from '../../web/src/common/address.js';
import type { Admin } from '../../web/src/common/types.js';

const admin: Admin = {
  province: { code: '01', name: 'Hà Nội', fullName: 'Thành phố Hà Nội', postalPrefixes: ['10'] },
  ward: { code: '00070', name: 'Hoàn Kiếm', fullName: 'Phường Hoàn Kiếm', type: 'phuong' },
  postalCode: '11024',
};

describe('the address line, smallest part first', () => {
  test('unit, building, number and street, hamlet, ward, province', () => {
    expect(
      addressLine(
        { houseNumber: '58', street: 'Quốc Tử Giám', hamlet: 'Tổ 5', building: 'Toà A', landmark: null, note: 'gần cổng' },
        admin,
        'P302',
      ),
    ).toBe('P302, Toà A, 58 Quốc Tử Giám, Tổ 5, Phường Hoàn Kiếm, Thành phố Hà Nội');
  });

  test('missing parts are left out, at sea there is no ward', () => {
    expect(addressLine({ street: 'Hàng Bạc' }, null)).toBe('Hàng Bạc');
    expect(addressLine(null, { province: null, ward: null, postalCode: null })).toBe('');
    expect(adminLine(admin)).toBe('Phường Hoàn Kiếm, Thành phố Hà Nội');
  });
});
