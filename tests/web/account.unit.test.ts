import { describe, expect, test } from 'vitest';
import {
  badgeLetter,
  credentials,
  displayName,
  formatPhone,
  hasConsole,
  isStaffOf,
  parseIdentifier,
} from '../../web/src/common/account.js';

describe('the sign-in field', () => {
  test('e-mail or phone, as people type them', () => {
    expect(parseIdentifier(' An@Example.VN ')).toEqual({ email: 'an@example.vn' });
    expect(parseIdentifier('0912 345 678')).toEqual({ phone: '0912345678' });
    expect(parseIdentifier('+84 912.345.678')).toEqual({ phone: '+84912345678' });
    expect(parseIdentifier('an@example')).toBeNull();
    expect(parseIdentifier('12345')).toBeNull();
    expect(parseIdentifier('   ')).toBeNull();
    expect(credentials({ phone: '0912345678' }, 'secret12')).toEqual({ phone: '0912345678', password: 'secret12' });
  });

  test('the top bar names the user', () => {
    expect(formatPhone('+84912345678')).toBe('0912 345 678');
    expect(formatPhone('+6591234567')).toBe('+6591234567');
    expect(displayName({ email: 'an@example.vn', phone: null })).toBe('an@example.vn');
    expect(displayName({ email: null, phone: '+84912345678' })).toBe('0912 345 678');
    expect(badgeLetter({ email: 'đào@example.vn', phone: null })).toBe('Đ');
    expect(badgeLetter({ email: null, phone: '+84912345678' })).toBe('8');
  });

  test('who has the console, and whose ward it is', () => {
    const staff = { role: 'staff' as const, wards: ['00070'], blocked: false };
    expect(hasConsole(staff)).toBe(true);
    expect(hasConsole({ ...staff, wards: [] })).toBe(false);
    expect(hasConsole({ ...staff, blocked: true })).toBe(false);
    expect(hasConsole({ role: 'household', wards: [], blocked: false })).toBe(false);
    expect(hasConsole({ role: 'admin', wards: [], blocked: false })).toBe(true);
    expect(hasConsole(null)).toBe(false);
    expect(isStaffOf(staff, '00070')).toBe(true);
    expect(isStaffOf(staff, '00004')).toBe(false);
    expect(isStaffOf({ role: 'admin', wards: [], blocked: false }, '00004')).toBe(true);
    expect(isStaffOf(staff, null)).toBe(false);
  });
});
