import { describe, expect, test } from 'vitest';
import { qrImageUrl, shareData, shareLink } from '../../web/src/features/share/share.js';

describe('share links and QR images', () => {
  test('the short link is the origin and the grouped code', () => {
    expect(shareLink('https://ma.example.vn', { code: '25msn9s32', unit: null })).toBe('https://ma.example.vn/25M-SN9-S32');
    expect(shareLink('https://ma.example.vn/', { code: '25MSN9S32', unit: 'P302' })).toBe('https://ma.example.vn/25M-SN9-S32/P302');
  });

  test('the QR image comes from the API, unit included', () => {
    expect(qrImageUrl({ code: '25MSN9S32', unit: null }, 'svg')).toBe('/v1/codes/25M-SN9-S32/qr.svg');
    expect(qrImageUrl({ code: '25MSN9S32', unit: 'P302' }, 'png')).toBe('/v1/codes/25M-SN9-S32/P302/qr.png');
  });

  test('the share sheet gets a title, a text and the link', () => {
    expect(shareData('http://127.0.0.1:3000', { code: '25MSN9S32', unit: null }, 'Mã địa chỉ: 25M-SN9-S32')).toEqual({
      title: '25M-SN9-S32',
      text: 'Mã địa chỉ: 25M-SN9-S32',
      url: 'http://127.0.0.1:3000/25M-SN9-S32',
    });
  });
});
