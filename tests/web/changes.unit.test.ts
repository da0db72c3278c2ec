/** Changes in words: history rows, the edit a household sends, and a proposal beside the address now. */
import { describe, expect, test } from 'vitest';
import {
  approvalEdits,
  changeInput,
  changeRows,
  formOf,
  formatValue,
  proposalPoint,
  proposalRows,
  reasonText,
  reviewForm,
  versionKindLabel,
} from '../../web/src/common/changes.js';
import { translate, type MessageKey, type Vars } from '../../web/src/i18n/household.js';
import type { Address, Proposal } from '../../web/src/common/types.js';

const vi = (key: MessageKey, vars?: Vars) => translate('vi', key, vars);
const en = (key: MessageKey, vars?: Vars) => translate('en', key, vars);

const address = (over: Partial<Address['details']> = {}): Pick<Address, 'details' | 'point'> => ({
  point: { lat: 21.0318, lng: 105.8505 },
  details: {
    houseNumber: '12',
    street: 'Hàng Gai',
    hamlet: null,
    building: null,
    landmark: null,
    note: null,
    placeName: null,
    category: null,
    ...over,
  },
});

const proposal = (over: Partial<Proposal>): Proposal => ({
  id: '7',
  kind: 'edit',
  status: 'pending',
  payload: {},
  reason: null,
  createdAt: '2026-11-23T05:00:00Z',
  ...over,
});

describe('history rows', () => {
  test('each changed field from → to, in a fixed order, empty values said as such', () => {
    const rows = changeRows(
      {
        street: { from: 'Hàng Gai', to: 'Hàng Bông' },
        houseNumber: { from: '12', to: '14' },
        note: { from: null, to: 'Cổng xanh' },
        placeName: { from: null, to: 'Tiệm Hoa' },
      },
      vi,
    );
    expect(rows.map((r) => `${r.label}: ${r.from} → ${r.to}`)).toEqual([
      'Tên địa điểm: (trống) → Tiệm Hoa',
      'Số nhà: 12 → 14',
      'Đường/phố: Hàng Gai → Hàng Bông',
      'Ghi chú giao hàng: (trống) → Cổng xanh',
    ]);
  });

  test('a moved entrance is one row with how far it moved', () => {
    const [row] = changeRows({ lat: { from: 21.03, to: 21.03003 }, lng: { from: 105.85, to: 105.85 + 0.00003 } }, vi);
    expect(row!.field).toBe('point');
    expect(row!.label).toBe('Lối vào');
    expect(row!.from).toBe('21.030000, 105.850000');
    expect(row!.to).toBe('21.030030, 105.850030 (dời 5 m)');
    // one axis only: its value alone
    expect(changeRows({ lat: { from: 21.03, to: 21.031 } }, en)[0]!.to).toBe('latitude 21.031000');
  });

  test('status, privacy, category and owner in words; unknown fields by name, last', () => {
    const rows = changeRows(
      {
        zzz: { from: 1, to: 2 },
        status: { from: 'draft', to: 'verified' },
        private: { from: false, to: true },
        category: { from: null, to: 'pharmacy' },
        ownerId: { from: null, to: '42' },
      },
      vi,
    );
    expect(rows.map((r) => [r.field, r.from, r.to])).toEqual([
      ['category', '(trống)', 'Nhà thuốc'],
      ['status', 'Chưa xác minh', 'Đã xác minh'],
      ['private', 'Không', 'Có'],
      ['ownerId', '(trống)', 'người dùng #42'],
      ['zzz', '1', '2'],
    ]);
    expect(formatValue('category', 'spaceport', en)).toBe('spaceport');
    expect(versionKindLabel('restored', vi)).toBe('Khôi phục');
    expect(versionKindLabel('something-new', vi)).toBe('something-new');
  });

  test("the service's own reasons are translated, people's are not", () => {
    expect(reasonText('restored version 3', vi)).toBe('khôi phục phiên bản 3');
    expect(reasonText('trusted contributor', vi)).toBe('người đóng góp tin cậy');
    expect(reasonText('Số nhà mới', en)).toBe('Số nhà mới');
  });
});

describe('the edit a household proposes', () => {
  test('only what differs from what was shown; a cleared detail is "", a cleared name null', () => {
    const shown = address({ placeName: 'Tiệm Hoa', category: 'shop', landmark: 'Gần chợ' });
    const form = { ...formOf(shown), houseNumber: ' 14 ', landmark: '', placeName: '', street: 'Hàng  Gai' };
    expect(changeInput(shown, form, null)).toEqual({ details: { houseNumber: '14', landmark: '' }, placeName: null });
  });

  test('nothing changed is null; the entrance only when moved', () => {
    const shown = address();
    expect(changeInput(shown, formOf(shown), null)).toBeNull();
    expect(changeInput(shown, formOf(shown), { ...shown.point })).toBeNull();
    expect(changeInput(shown, formOf(shown), { lat: 21.03182, lng: 105.85051 })).toEqual({ point: { lat: 21.03182, lng: 105.85051 } });
    expect(changeInput(shown, { ...formOf(shown), category: 'cafe' }, null)).toEqual({ category: 'cafe' });
  });
});

describe('a proposal beside the address now', () => {
  test('an edit: the fields it touches, marked when they differ', () => {
    const p = proposal({ payload: { version: 1, details: { houseNumber: '14', street: 'Hàng Gai' }, category: 'cafe' } });
    const rows = proposalRows(p, address(), vi);
    expect(rows.map((r) => [r.field, r.current, r.proposed, r.changed])).toEqual([
      ['category', '(trống)', 'Quán cà phê', true],
      ['houseNumber', '12', '14', true],
      ['street', 'Hàng Gai', 'Hàng Gai', false],
    ]);
  });

  test('a moved entrance says how far; a claim names the proposer; a new place has no "now"', () => {
    const moved = proposalRows(proposal({ payload: { point: { lat: 21.03183, lng: 105.8505 } } }), address(), en);
    expect(moved[0]!.proposed).toBe('21.031830, 105.850500 (moved 3 m)');
    expect(proposalRows(proposal({ kind: 'claim', payload: { claim: true } }), address(), vi)).toEqual([
      { field: 'ownerId', label: 'Chủ địa chỉ', current: '(trống)', proposed: 'người đề xuất', changed: true },
    ]);
    const place = proposal({
      kind: 'new_place',
      payload: { lat: 21.03, lng: 105.85, name: 'Nhà thuốc An', category: 'pharmacy', details: { street: 'Hàng Bạc' } },
    });
    expect(proposalRows(place, null, vi).map((r) => [r.label, r.current, r.proposed])).toEqual([
      ['Tên địa điểm', '(trống)', 'Nhà thuốc An'],
      ['Loại địa điểm', '(trống)', 'Nhà thuốc'],
      ['Đường/phố', '(trống)', 'Hàng Bạc'],
      ['Lối vào', '(trống)', '21.030000, 105.850000'],
    ]);
    expect(proposalPoint(place, null)).toEqual({ lat: 21.03, lng: 105.85 });
    expect(proposalPoint(proposal({}), address())).toEqual(address().point);
  });

  test('"edit, then approve" starts from the proposal and sends whole details', () => {
    const p = proposal({ payload: { details: { houseNumber: '14' } } });
    const form = reviewForm(p, address());
    expect(form.houseNumber).toBe('14');
    expect(form.street).toBe('Hàng Gai');
    // the reviewer corrects the number and adds a landmark
    const edits = approvalEdits(p, address(), { ...form, houseNumber: '14A', landmark: 'Gần chợ' });
    expect(edits).toEqual({ details: { houseNumber: '14A', landmark: 'Gần chợ' } });
    // unchanged, the proposal goes as proposed
    expect(approvalEdits(p, address(), form)).toEqual({ details: { houseNumber: '14' } });
  });

  test('a new place: its category may be corrected, its name is not part of the edits', () => {
    const place = proposal({ kind: 'new_place', payload: { lat: 21.03, lng: 105.85, name: 'Nhà thuốc An', category: 'shop' } });
    const form = reviewForm(place, null);
    expect(form.placeName).toBe('Nhà thuốc An');
    expect(approvalEdits(place, null, { ...form, category: 'pharmacy' })).toEqual({ category: 'pharmacy' });
  });
});
