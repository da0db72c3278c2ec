import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { DICTIONARIES, pickLang, translate } from '../support/i18n-all.js';
import { CATEGORIES } from '../../web/src/common/places.js';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionary', () => {
  test('English has exactly the keys of Vietnamese', () => {
    expect(Object.keys(DICTIONARIES.en).sort()).toEqual(Object.keys(DICTIONARIES.vi).sort());
  });

  test('every message is filled in, with the same {placeholders} in both languages', () => {
    for (const key of Object.keys(DICTIONARIES.vi) as (keyof typeof DICTIONARIES.vi)[]) {
      const vi = DICTIONARIES.vi[key];
      const en = DICTIONARIES.en[key];
      expect(vi.trim(), key).not.toBe('');
      expect(en.trim(), key).not.toBe('');
      expect(placeholders(en), key).toEqual(placeholders(vi));
    }
  });

  test('Vietnamese texts are in NFC, so that diacritics display and compare correctly', () => {
    for (const text of Object.values(DICTIONARIES.vi)) expect(text).toBe(text.normalize('NFC'));
  });

  test('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('vi', 'copy.codeDone', { code: '25M-SN9-S32' })).toBe('Đã chép mã 25M-SN9-S32');
    expect(translate('en', 'error.code.length', { count: 8 })).toBe('A code has 9 characters (XXX-XXX-XXX); this one has 8.');
    expect(translate('en', 'copy.codeDone')).toBe('Copied {code}');
  });

  test('Vietnamese unless English was chosen', () => {
    expect(pickLang('en')).toBe('en');
    expect(pickLang('vi')).toBe('vi');
    expect(pickLang(null)).toBe('vi');
    expect(pickLang('fr')).toBe('vi');
  });
});

describe('keys used outside TypeScript', () => {
  const pages = ['index.html', 'console.html'].map((name) => readFileSync(path.join(import.meta.dirname, '..', '..', 'web', name), 'utf8'));

  test('every data-i18n key of both pages is in the dictionary', () => {
    const keys = pages.flatMap((html) => [...html.matchAll(/data-i18n(?:-label|-placeholder)?="([^"]+)"/g)].map((m) => m[1]!));
    expect(keys.length).toBeGreaterThan(10);
    for (const key of keys) expect(DICTIONARIES.vi, key).toHaveProperty([key]);
  });

  test('every place category, address status and version kind has a name in both languages', () => {
    for (const category of CATEGORIES) expect(translate('en', `category.${category}`)).not.toMatch(/^category\./);
    for (const status of ['draft', 'verified', 'needs_review'] as const) expect(translate('vi', `status.${status}`)).toBeTruthy();
    for (const kind of ['created', 'edited', 'proposal', 'restored', 'imported'] as const)
      expect(translate('en', `history.kind.${kind}`)).toBeTruthy();
  });
});
