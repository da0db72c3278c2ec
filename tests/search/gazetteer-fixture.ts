/**
 * A small hand-written gazetteer for unit tests: real 2025 codes and names, and crosswalk rows
 * written for these tests (including one with the code/name disagreement the real crosswalk has).
 */
import { buildGazetteer, type CrosswalkRow, type GazetteerInput } from '../../server/search/gazetteer.js';

const provinces: GazetteerInput['provinces'] = [
  { code: '01', name: 'Hà Nội', full_name: 'Thành phố Hà Nội', name_en: 'Hanoi' },
  { code: '40', name: 'Nghệ An', full_name: 'Tỉnh Nghệ An', name_en: 'Nghe An' },
  { code: '56', name: 'Khánh Hoà', full_name: 'Tỉnh Khánh Hoà', name_en: 'Khanh Hoa' },
  { code: '79', name: 'Hồ Chí Minh', full_name: 'Thành phố Hồ Chí Minh', name_en: 'Ho Chi Minh City' },
  { code: '82', name: 'Đồng Tháp', full_name: 'Tỉnh Đồng Tháp', name_en: 'Dong Thap' },
];

const ward = (code: string, province_code: string, full_name: string) => ({
  code,
  province_code,
  full_name,
  name: full_name.replace(/^(Phường|Xã) /, ''),
  unit_type: full_name.startsWith('Xã') ? 'xa' : 'phuong',
});
const wards: GazetteerInput['wards'] = [
  ward('00190', '01', 'Phường Ô Chợ Dừa'),
  ward('00226', '01', 'Phường Văn Miếu - Quốc Tử Giám'),
  ward('00229', '01', 'Phường Kim Liên'),
  ward('17971', '40', 'Xã Kim Liên'),
  ward('22366', '56', 'Phường Nha Trang'),
  ward('26740', '79', 'Phường Sài Gòn'),
  ward('26743', '79', 'Phường Bến Thành'),
  ward('26929', '79', 'Phường Bình Thạnh'),
  ward('27139', '79', 'Phường Xuân Hoà'),
  ward('27142', '79', 'Phường Nhiêu Lộc'),
  ward('27154', '79', 'Phường Bàn Cờ'),
  ward('27316', '79', 'Phường An Đông'),
  ward('28261', '82', 'Phường Mỹ Tho'),
];

const HCM = 'Thành phố Hồ Chí Minh';
const HN = 'Thành phố Hà Nội';
const row = (old: [string, string, string], target: [string, string, string]): CrosswalkRow => ({
  old_ward_code: null,
  old_ward_name: old[0],
  old_district_name: old[1],
  old_province_name: old[2],
  new_ward_code: target[0],
  new_ward_name: target[1],
  new_province_name: target[2],
});
const mappings: CrosswalkRow[] = [
  row(['Phường 9', 'Quận 3', HCM], ['27142', 'Phường Nhiêu Lộc', HCM]),
  row(['Phường 9', 'Quận 5', HCM], ['27316', 'Phường An Đông', HCM]),
  // The code points at another ward; the name is right and must win.
  row(['Phường 1', 'Quận 3', HCM], ['26929', 'Phường Bàn Cờ', HCM]),
  row(['Phường Võ Thị Sáu', 'Quận 3', HCM], ['27139', 'Phường Xuân Hòa', HCM]),
  row(['Phường Bến Thành', 'Quận 1', HCM], ['26743', 'Phường Bến Thành', HCM]),
  row(['Phường Bến Nghé', 'Quận 1', HCM], ['26740', 'Phường Sài Gòn', HCM]),
  row(['Phường Cát Linh', 'Quận Đống Đa', HN], ['00190', 'Phường Ô Chợ Dừa', HN]),
  row(['Phường Văn Miếu', 'Quận Đống Đa', HN], ['00226', 'Phường Văn Miếu - Quốc Tử Giám', HN]),
  // An old ward split between two new wards: two rows.
  row(['Phường Trung Tự', 'Quận Đống Đa', HN], ['00229', 'Phường Kim Liên', HN]),
  row(['Phường Trung Tự', 'Quận Đống Đa', HN], ['00226', 'Phường Văn Miếu - Quốc Tử Giám', HN]),
  row(['Phường 3', 'Thành phố Mỹ Tho', 'Tỉnh Tiền Giang'], ['28261', 'Phường Mỹ Tho', 'Đồng Tháp']),
  row(['Phường Vĩnh Hoà', 'Thành phố Nha Trang', 'Tỉnh Khánh Hòa'], ['22366', 'Phường Nha Trang', 'Khánh Hòa']),
];

export const smallGazetteer = buildGazetteer({ provinces, wards, mappings });
