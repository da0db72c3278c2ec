import { describe, expect, it } from 'vitest';
import { WardIndex } from '../../server/admin/ward-index.js';

const square = (x0: number, y0: number, size: number) => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

describe('WardIndex', () => {
  const index = new WardIndex([
    { wardCode: '00002', rings: [square(0, 0, 1)] },
    { wardCode: '00001', rings: [square(1, 0, 1)] },
    // a ward with a hole, and a third ward filling the hole
    { wardCode: '00003', rings: [square(0, 2, 3), square(1, 3, 1)] },
    { wardCode: '00004', rings: [square(1, 3, 1)] },
  ]);

  it('finds the ward containing a point', () => {
    expect(index.wardAt(0.5, 0.5)).toBe('00002');
    expect(index.wardAt(0.5, 1.5)).toBe('00001');
    expect(index.wardAt(2.5, 0.5)).toBe('00003');
  });
  it('respects holes', () => {
    expect(index.wardAt(3.5, 1.5)).toBe('00004');
    expect(index.wardAt(3.5, 0.5)).toBe('00003');
  });
  it('has no ward outside every polygon', () => {
    expect(index.wardAt(10, 10)).toBeNull();
    expect(index.wardAt(1.5, 5)).toBeNull();
  });
  it('lists the wards near a point, nearest first, within a radius and up to a number', () => {
    // from inside 00002 (lng 0–1, lat 0–1): 00001 starts 0.5° east (~56 km), 00003 1.5° north, 00004 further
    expect(index.wardsNear(0.5, 0.5, 10_000, 10)).toEqual(['00002']);
    expect(index.wardsNear(0.5, 0.5, 100_000, 10)).toEqual(['00002', '00001']);
    expect(index.wardsNear(0.5, 0.5, 400_000, 10)).toEqual(['00002', '00001', '00003', '00004']);
    expect(index.wardsNear(0.5, 0.5, 400_000, 2)).toEqual(['00002', '00001']);
    expect(index.wardsNear(50, 50, 10_000, 10)).toEqual([]);
  });
  it('is empty without pieces', () => {
    expect(new WardIndex([]).wardAt(0, 0)).toBeNull();
  });
});
