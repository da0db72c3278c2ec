import { describe, expect, test } from 'vitest';
import {
  addressPath,
  formatRef,
  groupCode,
  normalizeCode,
  parseAddressPath,
  parseTypedCode,
  splitApiCode,
  spokenCode,
} from '../../web/src/common/code.js';

describe('reading codes the way people type them', () => {
  test.each([
    ['25M-SN9-S32', '25MSN9S32'],
    ['25msn9s32', '25MSN9S32'],
    [' 25 m sn9 – s32 ', '25MSN9S32'],
    ['２５ＭＳＮ９Ｓ３２', '25MSN9S32'],
    ['25M.SN9_S32', '25MSN9S32'],
    ['0NB-V7J-5C2', '0NBV7J5C2'],
    ['oNB-v7j-5c2', '0NBV7J5C2'], // O read as zero
    ['1il', '111'], // I and L read as one
  ])('%s → %s', (typed, body) => {
    expect(normalizeCode(typed)).toBe(body);
  });

  test('groups a 9-character body as XXX-XXX-XXX and leaves anything else as typed', () => {
    expect(groupCode('25MSN9S32')).toBe('25M-SN9-S32');
    expect(groupCode('25MSN9S3')).toBe('25MSN9S3');
  });

  test('a unit follows a slash and is upper-cased; an empty box is nothing', () => {
    expect(parseTypedCode('25m-sn9-s32/p302')).toEqual({ code: '25MSN9S32', unit: 'P302' });
    expect(parseTypedCode('25M-SN9-S32/')).toEqual({ code: '25MSN9S32', unit: null });
    expect(parseTypedCode('   ')).toBeNull();
    expect(formatRef({ code: '25msn9s32', unit: 'A1' })).toBe('25M-SN9-S32/A1');
  });

  test('splits the API form CODE/UNIT', () => {
    expect(splitApiCode('25M-SN9-S32/P302')).toEqual({ code: '25MSN9S32', unit: 'P302' });
    expect(splitApiCode('25M-SN9-S32')).toEqual({ code: '25MSN9S32', unit: null });
  });

  test('a screen reader spells the code out, group by group', () => {
    expect(spokenCode('25M-SN9-S32')).toBe('2 5 M, S N 9, S 3 2');
    expect(spokenCode('25M-SN9-S32/P3')).toBe('2 5 M, S N 9, S 3 2 / P 3');
  });
});

describe('deep links /{code} and /{code}/{unit}', () => {
  test.each([
    ['/25M-SN9-S32', { code: '25MSN9S32', unit: null }],
    ['/25msn9s32', { code: '25MSN9S32', unit: null }],
    ['/25M-SN9-S32/', { code: '25MSN9S32', unit: null }],
    ['/25M-SN9-S32/p302', { code: '25MSN9S32', unit: 'P302' }],
    ['/25M%2DSN9%2DS32', { code: '25MSN9S32', unit: null }],
  ])('%s opens an address', (path, ref) => {
    expect(parseAddressPath(path)).toEqual(ref);
  });

  test.each([
    '/',
    '/about',
    '/v1',
    '/v1/codes/25M-SN9-S32',
    '/25M-SN9-S3',
    '/25M-SN9-S322',
    '/25M-SN9-SU2',
    '/25M-SN9-S32/P30217X',
    '/25M-SN9-S32/a/b',
    '/%E0%A4%A',
  ])('%s is not an address path', (path) => {
    expect(parseAddressPath(path)).toBeNull();
  });

  test('the path of an address is its grouped code, with the unit after a slash', () => {
    expect(addressPath({ code: '25MSN9S32', unit: null })).toBe('/25M-SN9-S32');
    expect(addressPath({ code: '25m-sn9-s32', unit: 'P302' })).toBe('/25M-SN9-S32/P302');
    for (const path of ['/25M-SN9-S32', '/25M-SN9-S32/P302']) expect(addressPath(parseAddressPath(path)!)).toBe(path);
  });
});
