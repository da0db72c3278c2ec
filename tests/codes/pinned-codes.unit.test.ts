/**
 * Format v1 is frozen: these codes may already be painted on gates. If this test fails, the change
 * would break printed codes; make a new format version instead (docs/address-code.md).
 */
import { describe, expect, it } from 'vitest';
import { cellToLatLng, latLngToCell } from 'h3-js';
import { decode, encode, formatCode, parseCode, COVERAGE_CELLS, FORMAT_VERSION } from '../../server/codes/codec.js';

const PINNED: [place: string, lat: number, lng: number, code: string][] = [
  ['Hồ Hoàn Kiếm, Hà Nội', 21.0287, 105.8522, '25M-SN9-S32'],
  ['Văn Miếu - Quốc Tử Giám', 21.0285, 105.8355, '25M-PSY-KZK'],
  ['Chợ Bến Thành, TP HCM', 10.7725, 106.698, '0NB-V7J-5C2'],
  ['Kinh thành Huế', 16.4698, 107.5786, '364-1QM-Q9F'],
  ['Cầu Rồng, Đà Nẵng', 16.0612, 108.2272, '355-4A1-EBR'],
  ['Mũi Cà Mau', 8.6147, 104.7222, '04N-CEF-B7Y'],
  ['Cột cờ Lũng Cú, Tuyên Quang', 23.3637, 105.3161, '2FF-58F-9T3'],
  ['Đảo Hoàng Sa (Pattle), Đà Nẵng', 16.5367, 111.6097, '3BD-VZA-2CP'],
  ['Đảo Trường Sa Lớn, Khánh Hoà', 8.6446, 111.9172, '4DX-5BG-X6H'],
  ['Bạch Long Vĩ, Hải Phòng', 20.134, 107.722, '2N4-GDV-PC6'],
  ['Côn Đảo', 8.6833, 106.6, '09T-RFP-BQ5'],
  ['Dương Đông, Phú Quốc', 10.217, 103.96, '1DK-7QA-867'],
  ['A Pa Chải, Điện Biên', 22.4026, 102.1443, '1NX-RQG-CCM'],
  ['Chợ Đà Lạt', 11.9429, 108.4372, '0Y4-CFF-QRA'],
  ['Buôn Ma Thuột', 12.6667, 108.05, '122-967-WMW'],
];

describe('format v1 pinned codes', () => {
  it('is format version 1 with a 608-cell coverage table whose first and last entries never move', () => {
    expect(FORMAT_VERSION).toBe(1);
    expect(COVERAGE_CELLS.length).toBeGreaterThanOrEqual(608);
    expect(COVERAGE_CELLS[0]).toBe('8465ac7ffffffff');
    expect(COVERAGE_CELLS[607]).toBe('8468041ffffffff');
  });

  it.each(PINNED)('%s encodes to %s, and back to the same cell', (_place, lat, lng, code) => {
    const body = encode(lat, lng);
    expect(body).not.toBeNull();
    expect(formatCode(body!)).toBe(code);
    const parsed = parseCode(code);
    expect(parsed.ok).toBe(true);
    const { h3 } = decode(body!);
    expect(h3).toBe(latLngToCell(lat, lng, 14));
    const [clat, clng] = cellToLatLng(h3);
    expect(Math.abs(clat - lat)).toBeLessThan(0.00003); // centre within ~3 m of the point
    expect(Math.abs(clng - lng)).toBeLessThan(0.00003);
  });
});
