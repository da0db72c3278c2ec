/** "My proposals": newest first, and what each one asked for in one line. */
import { describe, expect, test } from 'vitest';
import { translate, type MessageKey, type Vars } from '../../web/src/i18n/household.js';
import { newestFirst, proposalSummary, SUMMARY_MAX } from '../../web/src/features/account/my-proposals.js';
import type { Proposal } from '../../web/src/common/types.js';

const vi = (key: MessageKey, vars?: Vars) => translate('vi', key, vars);
const en = (key: MessageKey, vars?: Vars) => translate('en', key, vars);

const proposal = (over: Partial<Proposal>): Proposal => ({
  id: '7',
  kind: 'edit',
  status: 'pending',
  payload: {},
  reason: null,
  createdAt: '2026-11-23T05:00:00Z',
  ...over,
});

describe('the order', () => {
  test('newest first; equal times by the larger id; the list given is left as it was', () => {
    const list = [
      proposal({ id: '1', createdAt: '2026-11-20T05:00:00Z' }),
      proposal({ id: '2', createdAt: '2026-11-22T05:00:00Z' }),
      proposal({ id: '10', createdAt: '2026-11-22T05:00:00Z' }),
      proposal({ id: '3', createdAt: '2026-11-21T05:00:00Z' }),
    ];
    expect(newestFirst(list).map((p) => p.id)).toEqual(['10', '2', '3', '1']);
    expect(list.map((p) => p.id)).toEqual(['1', '2', '10', '3']);
    expect(newestFirst([])).toEqual([]);
  });
});

describe('the summary', () => {
  test('an edit lists its fields in the form’s order, a cleared one as empty', () => {
    const p = proposal({ payload: { version: 1, details: { street: 'Hàng Gai', houseNumber: '14', note: '' }, reason: 'Số nhà mới' } });
    expect(proposalSummary(p, vi)).toBe('Số nhà: 14; Đường/phố: Hàng Gai; Ghi chú giao hàng: (trống)');
    expect(proposalSummary(p, en)).toBe(
      `${en('field.houseNumber')}: 14; ${en('field.street')}: Hàng Gai; ${en('field.note')}: ${en('change.none')}`,
    );
  });

  test('an edit of a place, its kind and its entrance', () => {
    const p = proposal({ payload: { version: 2, placeName: 'Phở Thìn', category: 'restaurant', point: { lat: 21.03, lng: 105.85 } } });
    expect(proposalSummary(p, vi)).toBe('Tên địa điểm: Phở Thìn; Loại địa điểm: Quán ăn, nhà hàng; Lối vào: vị trí mới');
    expect(proposalSummary(proposal({ payload: { version: 2, placeName: null } }), vi)).toBe('Tên địa điểm: (trống)');
  });

  test('a claim, a new place, and an edit with nothing known', () => {
    expect(proposalSummary(proposal({ kind: 'claim', payload: { version: 1, claim: true } }), vi)).toBe('Nhận là địa chỉ của tôi');
    expect(proposalSummary(proposal({ kind: 'claim', payload: { version: 1, claim: true } }), en)).toBe('Claim as my address');
    expect(
      proposalSummary(
        proposal({ kind: 'new_place', payload: { name: '  Nhà thuốc   An Khang ', category: 'pharmacy', code: '25M-SN9-S32' } }),
        vi,
      ),
    ).toBe('Nhà thuốc An Khang · Nhà thuốc');
    expect(proposalSummary(proposal({ kind: 'new_place', payload: { name: 'Tiệm lạ', category: 'spaceport' } }), vi)).toBe(
      'Tiệm lạ · spaceport',
    );
    expect(proposalSummary(proposal({ kind: 'new_place', payload: {} }), vi)).toBe(vi('queue.kind.new_place'));
    expect(proposalSummary(proposal({ payload: { version: 1 } }), vi)).toBe(vi('queue.kind.edit'));
    expect(proposalSummary(proposal({ payload: null as unknown as Record<string, unknown> }), en)).toBe(en('queue.kind.edit'));
  });

  test('a long one is cut with an ellipsis, never mid-character', () => {
    const note =
      'Đi vào ngõ nhỏ bên trái hiệu thuốc, qua hai cột điện rồi rẽ phải, cổng sắt màu xanh lá cây có giàn hoa giấy đỏ phía trên, bấm chuông hai lần.';
    const text = proposalSummary(proposal({ payload: { details: { note } } }), vi);
    expect([...text].length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(text.endsWith('…')).toBe(true);
    expect(text.startsWith('Ghi chú giao hàng: Đi vào ngõ nhỏ')).toBe(true);
  });
});
