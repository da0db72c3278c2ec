/** The OGC paging cursor: a row's sort key round-trips; anything but a cursor made for the collection reads as null. */
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../server/ogc/collections.js';
import { decodeCursor, encodeCursor } from '../../server/ogc/cursor.js';

const row = (r: Record<string, string>) => ({ ...r, geometry: '{}' });

describe('OGC cursor', () => {
  it('round-trips the sort key of each collection', () => {
    const a = encodeCursor(COLLECTIONS.addresses, row({ code: '25MSN9S32', unit: 'P302' }));
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(COLLECTIONS.addresses, a)).toEqual(['25MSN9S32', 'P302']);
    expect(decodeCursor(COLLECTIONS.addresses, encodeCursor(COLLECTIONS.addresses, row({ code: '25MSN9S32', unit: '' })))).toEqual([
      '25MSN9S32',
      '',
    ]);
    expect(decodeCursor(COLLECTIONS.wards, encodeCursor(COLLECTIONS.wards, row({ code: '24848' })))).toEqual(['24848']);
    expect(decodeCursor(COLLECTIONS.provinces, encodeCursor(COLLECTIONS.provinces, row({ code: '01' })))).toEqual(['01']);
  });

  it('refuses another collection’s cursor, non-canonical base64url, and keys not in the table’s form', () => {
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const ward = encodeCursor(COLLECTIONS.wards, row({ code: '24848' }));
    expect(decodeCursor(COLLECTIONS.provinces, ward)).toBeNull();
    expect(decodeCursor(COLLECTIONS.addresses, ward)).toBeNull();
    for (const bad of [
      'addresses:25MSN9S3,',
      'addresses:25MSN9S32',
      'addresses:25MSN9S32,P302,X',
      'addresses:25msn9s32,',
      'addresses:25MSN9S32,P30211X',
      "addresses:25MSN9S32,' OR 1=1",
      ' addresses:25MSN9S32,',
    ]) {
      expect(decodeCursor(COLLECTIONS.addresses, b64(bad)), bad).toBeNull();
    }
    const good = encodeCursor(COLLECTIONS.addresses, row({ code: '25MSN9S32', unit: '' }));
    for (const bad of [`${good}=`, `${good}A`, good.slice(0, -1), good.replace(/[A-Za-z]/, '/'), '', 'A'.repeat(101)]) {
      expect(decodeCursor(COLLECTIONS.addresses, bad), bad).toBeNull();
    }
  });
});
