import { describe, expect, test } from 'vitest';
import { bearingDegrees, compassPoint, distanceMeters, formatDistance, formatLatLng } from '../../web/src/common/geo.js';

const hoanKiem = { lat: 21.0287, lng: 105.8522 };
const benThanh = { lat: 10.7725, lng: 106.698 };

describe('straight-line distance and direction', () => {
  test('Hồ Gươm to Bến Thành is about 1,140 km as the crow flies', () => {
    expect(distanceMeters(hoanKiem, benThanh) / 1000).toBeCloseTo(1140, -1);
    expect(distanceMeters(hoanKiem, hoanKiem)).toBe(0);
  });

  test('a thousandth of a degree of latitude is about 111 m', () => {
    expect(distanceMeters(hoanKiem, { lat: hoanKiem.lat + 0.001, lng: hoanKiem.lng })).toBeCloseTo(111.2, 0);
  });

  test('bearings name one of eight compass points', () => {
    expect(compassPoint(bearingDegrees(hoanKiem, benThanh))).toBe('S');
    expect(compassPoint(bearingDegrees(hoanKiem, { lat: 21.0287, lng: 105.9 }))).toBe('E');
    expect(compassPoint(bearingDegrees(hoanKiem, { lat: 21.05, lng: 105.83 }))).toBe('NW');
    expect(compassPoint(359)).toBe('N');
    expect(compassPoint(-45)).toBe('NW');
    expect(compassPoint(22.4)).toBe('N');
    expect(compassPoint(22.6)).toBe('NE');
  });
});

describe('distances as people say them', () => {
  test.each([
    [0, 'vi', '0 m'],
    [7.4, 'vi', '7 m'],
    [84, 'vi', '80 m'],
    [996, 'vi', '1,0 km'],
    [1234, 'vi', '1,2 km'],
    [1234, 'en', '1.2 km'],
    [12_345, 'vi', '12 km'],
    [1_140_000, 'en', '1,140 km'],
    [1_140_000, 'vi', '1.140 km'],
  ] as const)('%d m in %s: %s', (meters, lang, text) => {
    expect(formatDistance(meters, lang)).toBe(text);
  });

  test('nonsense is a dash', () => {
    expect(formatDistance(Number.NaN, 'vi')).toBe('—');
    expect(formatDistance(-1, 'en')).toBe('—');
  });

  test('coordinates have 6 decimals', () => {
    expect(formatLatLng({ lat: 21.0286992, lng: 105.8522072 })).toBe('21.028699, 105.852207');
  });
});
